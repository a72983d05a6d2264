import DataTable

/// A categorical variable restricted to the rows of a model: integer codes into sorted labels.
///
/// Levels absent from those rows are dropped (as R's `model.frame(drop.unused.levels = TRUE)`).
/// Text sorts by Unicode code points (R sorts by locale; for ASCII labels of one case they agree);
/// numbers sort numerically.
struct FactorValues {
  /// Variable name used in column names (`track` for `C(track)`).
  let name: String
  /// Level labels in sorted order.
  let labels: [String]
  /// `codes[i]` indexes `labels` for model row i.
  let codes: [Int32]
  /// Index of the reference (omitted) level under treatment coding.
  let reference: Int

  /// Builds the factor of `column` on `rows`.
  /// - Parameters:
  ///   - column: the factor's column (numbers or text).
  ///   - rows: table rows used by the model.
  ///   - referenceLabel: a level to use as reference instead of the first sorted one.
  /// - Returns: `nil` if `referenceLabel` is not a level (the caller reports it).
  static func make(column: Column, rows: [Int], referenceLabel: String?) -> FactorValues? {
    var labels: [String]
    var codes = [Int32](repeating: 0, count: rows.count)
    switch column.values {
    case .text(let rawCodes, let levels):
      var present = [Bool](repeating: false, count: levels.count)
      for row in rows { present[Int(rawCodes[row])] = true }
      let order = levels.indices.filter { present[$0] }.sorted { levels[$0] < levels[$1] }
      var remap = [Int32](repeating: -1, count: levels.count)
      for (k, level) in order.enumerated() { remap[level] = Int32(k) }
      labels = order.map { levels[$0] }
      for (i, row) in rows.enumerated() { codes[i] = remap[Int(rawCodes[row])] }
    case .int(let values):
      if let dense = denseIntegerCodes(values, rows: rows) {
        labels = dense.levels.map(String.init)
        codes = dense.codes
      } else {
        let distinct = Array(Set(rows.map { values[$0] })).sorted()
        var lookup: [Int: Int32] = [:]
        for (k, v) in distinct.enumerated() { lookup[v] = Int32(k) }
        labels = distinct.map(String.init)
        for (i, row) in rows.enumerated() { codes[i] = lookup[values[row]] ?? 0 }
      }
    case .double(let values):
      let distinct = Array(Set(rows.map { values[$0] })).sorted()
      var lookup: [Double: Int32] = [:]
      for (k, v) in distinct.enumerated() { lookup[v] = Int32(k) }
      labels = distinct.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int64($0)) : "\($0)" }
      for (i, row) in rows.enumerated() { codes[i] = lookup[values[row]] ?? 0 }
    case .bool(let values):
      let hasFalse = rows.contains { !values[$0] }
      let hasTrue = rows.contains { values[$0] }
      labels = (hasFalse ? ["false"] : []) + (hasTrue ? ["true"] : [])
      for (i, row) in rows.enumerated() { codes[i] = values[row] && hasFalse ? 1 : 0 }
    }
    var reference = 0
    if let referenceLabel {
      guard let index = labels.firstIndex(of: referenceLabel) else { return nil }
      reference = index
    }
    return FactorValues(name: column.name, labels: labels, codes: codes, reference: reference)
  }
}

/// Sorted distinct values and their codes for integers spanning a small range (years, small
/// counts): a presence table replaces hashing, which matters at a million rows.
///
/// `nil` when the range is too wide for a table.
private func denseIntegerCodes(_ values: [Int], rows: [Int]) -> (levels: [Int], codes: [Int32])? {
  guard let first = rows.first else { return ([], []) }
  var low = values[first]
  var high = low
  for row in rows {
    low = min(low, values[row])
    high = max(high, values[row])
  }
  let span = high.subtractingReportingOverflow(low)
  guard !span.overflow, span.partialValue < max(4 * rows.count, 1 << 16) else { return nil }
  var slot = [Int32](repeating: -1, count: span.partialValue + 1)
  for row in rows { slot[values[row] &- low] = 0 }
  var levels: [Int] = []
  for k in slot.indices where slot[k] == 0 {
    slot[k] = Int32(levels.count)
    levels.append(low + k)
  }
  var codes = [Int32](repeating: 0, count: rows.count)
  for (i, row) in rows.enumerated() { codes[i] = slot[values[row] &- low] }
  return (levels, codes)
}

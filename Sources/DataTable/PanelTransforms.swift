/// Transforms by unit that respect gaps: a lag at `t` is the value of the same unit at `t - k`,
/// missing when that period is absent (as `plm::lag` on a `pdata.frame`, not the previous row).
extension PanelIndex {
  /// The column shifted by `k` periods within unit, keeping its type (`k < 0` leads).
  /// - Parameters:
  ///   - column: a column of the table the panel was declared on.
  ///   - k: the shift (`l(x, k)`); negative for a lead.
  ///   - name: the new column's name; defaults to `l(x,k)` (or `f(x,-k)` for a lead).
  /// - Returns: the shifted column; missing where the source period is absent or missing.
  /// - Throws: `PanelError.tableMismatch` when the column has another length.
  public func lag(_ column: Column, by k: Int = 1, name: String? = nil) throws -> Column {
    try checkLength(column.count)
    let label = name ?? (k >= 0 ? "l(\(column.name),\(k))" : "f(\(column.name),\(-k))")
    return column.gathering(sources: sourceRows(shift: k)).renamed(label)
  }

  /// The column led by `k` periods within unit (`f(x, k)` = `l(x, -k)`).
  /// - Parameters:
  ///   - column: a column of the table.
  ///   - k: the lead.
  ///   - name: the new name; defaults to `f(x,k)`.
  /// - Returns: the led column.
  /// - Throws: `PanelError.tableMismatch`.
  public func lead(_ column: Column, by k: Int = 1, name: String? = nil) throws -> Column {
    try lag(column, by: -k, name: name ?? "f(\(column.name),\(k))")
  }

  /// The difference `x_t - x_{t-k}` within unit (`d(x)` for k = 1, as `plm::diff`).
  /// - Parameters:
  ///   - column: a numeric column.
  ///   - k: the lag of the difference.
  ///   - name: the new name; defaults to `d(x)` (or `d(x,k)`).
  /// - Returns: a double column, missing where either value is missing or `t - k` is absent.
  /// - Throws: `PanelError.notNumeric`, `.tableMismatch`.
  public func difference(_ column: Column, lag k: Int = 1, name: String? = nil) throws -> Column {
    let (values, missing) = try numeric(column, operation: "d()")
    let (shifted, shiftedMissing) = shift(values, missing: missing, by: k)
    var out = [Double?](repeating: nil, count: rowCount)
    for i in 0..<rowCount where !missing[i] && !shiftedMissing[i] {
      out[i] = values[i] - shifted[i]
    }
    return Column.double(name ?? (k == 1 ? "d(\(column.name))" : "d(\(column.name),\(k))"), out)
  }

  /// Shifts raw values by `k` periods within unit (the kernel of `lag` for formulas).
  /// - Parameters:
  ///   - values: one value per row.
  ///   - missing: one flag per row.
  ///   - k: the shift; negative for a lead.
  /// - Returns: shifted values (NaN where missing) and their missing flags.
  public func shift(_ values: [Double], missing: [Bool], by k: Int) -> ([Double], [Bool]) {
    let source = sourceRows(shift: k)
    var out = [Double](repeating: .nan, count: values.count)
    var outMissing = [Bool](repeating: true, count: values.count)
    for i in 0..<source.count where source[i] >= 0 && !missing[source[i]] {
      out[i] = values[source[i]]
      outMissing[i] = false
    }
    return (out, outMissing)
  }

  /// The mean of the column over each unit's non-missing rows, repeated on every row of the unit.
  /// - Parameters:
  ///   - column: a numeric column.
  ///   - name: the new name; defaults to `mean(x)`.
  /// - Returns: a double column, missing for units with no value.
  /// - Throws: `PanelError.notNumeric`, `.tableMismatch`.
  public func unitMean(_ column: Column, name: String? = nil) throws -> Column {
    let means = try unitMeans(column, operation: "unit mean")
    var out = [Double?](repeating: nil, count: rowCount)
    for row in 0..<rowCount { out[row] = means[Int(unitOfRow[row])] }
    return Column.double(name ?? "mean(\(column.name))", out)
  }

  /// The column minus its unit mean (the within transformation of `plm(model = "within")`),
  /// with the mean taken over the unit's non-missing rows.
  /// - Parameters:
  ///   - column: a numeric column.
  ///   - name: the new name; defaults to `demean(x)`.
  /// - Returns: a double column, missing where the value is missing.
  /// - Throws: `PanelError.notNumeric`, `.tableMismatch`.
  public func demeaned(_ column: Column, name: String? = nil) throws -> Column {
    let (values, missing) = try numeric(column, operation: "demean")
    let means = try unitMeans(column, operation: "demean")
    var out = [Double?](repeating: nil, count: rowCount)
    for row in 0..<rowCount where !missing[row] {
      if let mean = means[Int(unitOfRow[row])] { out[row] = values[row] - mean }
    }
    return Column.double(name ?? "demean(\(column.name))", out)
  }

  /// Values as doubles with missing flags.
  func numeric(_ column: Column, operation: String) throws -> ([Double], [Bool]) {
    try checkLength(column.count)
    guard column.isNumeric || column.type == .category, let values = column.doubles() else {
      throw PanelError.notNumeric(column: column.name, operation: operation)
    }
    let missing =
      column.missing.isEmpty
      ? [Bool](repeating: false, count: rowCount)
      : column.missing
    return (values, missing)
  }

  private func unitMeans(_ column: Column, operation: String) throws -> [Double?] {
    let (values, missing) = try numeric(column, operation: operation)
    var sums = [Double](repeating: 0, count: unitCount)
    var counts = [Int](repeating: 0, count: unitCount)
    for row in 0..<rowCount where !missing[row] {
      sums[Int(unitOfRow[row])] += values[row]
      counts[Int(unitOfRow[row])] += 1
    }
    return (0..<unitCount).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : nil }
  }

  func checkLength(_ count: Int) throws {
    if count != rowCount { throw PanelError.tableMismatch(panelRows: rowCount, tableRows: count) }
  }
}

extension Column {
  /// A copy whose row `i` holds row `sources[i]`, or a missing value where `sources[i] < 0`.
  func gathering(sources: [Int]) -> Column {
    let safe = sources.map { Swift.max($0, 0) }
    let gathered = gathering(rows: safe)
    var mask = [Bool](repeating: false, count: sources.count)
    for (i, s) in sources.enumerated() { mask[i] = s < 0 || isMissing(s) }
    return Column(name: name, values: gathered.values, type: type, missing: mask)
  }
}

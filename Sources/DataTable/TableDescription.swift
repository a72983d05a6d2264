#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A level of a text or categorical column with its number of occurrences.
public struct LevelCount: Sendable, Equatable {
  /// The level.
  public let level: String
  /// Rows holding it.
  public let count: Int

  /// Creates a level count.
  public init(level: String, count: Int) {
    self.level = level
    self.count = count
  }
}

/// What `vetstat describe` shows for one column.
public struct ColumnSummary: Sendable, Equatable {
  /// Column name.
  public let name: String
  /// Logical type.
  public let type: ColumnType
  /// Non-missing values.
  public let n: Int
  /// Missing values.
  public let missing: Int
  /// Values that are infinite or NaN (such as `inf` or `1e999` in a CSV file); they are present,
  /// not missing, but take no part in the mean, SD, minimum and maximum.
  public let nonFinite: Int
  /// Mean of the finite values of a numeric column (booleans as 0/1); `nil` for text or
  /// without finite values.
  public let mean: Double?
  /// Sample standard deviation of the finite values (n - 1 denominator); `nil` for text or
  /// fewer than 2 finite values.
  public let sd: Double?
  /// Smallest finite value of a numeric column.
  public let min: Double?
  /// Largest finite value of a numeric column.
  public let max: Double?
  /// Number of distinct levels of a text or categorical column; `nil` for numeric columns.
  public let levelCount: Int?
  /// Up to five most frequent levels, most frequent first (ties in order of appearance).
  public let topLevels: [LevelCount]
}

extension DataTable {
  /// One summary per column, in column order.
  public func describe() -> [ColumnSummary] {
    columns.map(ColumnSummary.init(column:))
  }
}

extension ColumnSummary {
  /// Summarises one column.
  /// - Parameter column: the column.
  public init(column: Column) {
    name = column.name
    type = column.type
    missing = column.missingCount
    n = column.count - column.missingCount
    if column.isNumeric {
      var finite: [Double] = []
      finite.reserveCapacity(n)
      var nonFinite = 0
      for row in 0..<column.count {
        guard let x = column.doubleValue(row) else { continue }
        if x.isFinite { finite.append(x) } else { nonFinite += 1 }
      }
      let moments = Self.moments(finite)
      self.nonFinite = nonFinite
      self.mean = moments?.mean
      self.sd = moments?.sd
      self.min = finite.min()
      self.max = finite.max()
      levelCount = nil
      topLevels = []
      return
    }
    nonFinite = 0
    mean = nil
    sd = nil
    min = nil
    max = nil
    let (levels, counts) = Self.levelCounts(column)
    levelCount = levels.count
    let order = counts.indices.sorted {
      counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1
    }
    topLevels = order.prefix(5).map { LevelCount(level: levels[$0], count: counts[$0]) }
  }

  /// Mean and sample SD of finite values, computed on values scaled by a power of two near the
  /// largest magnitude (exact, so nothing is lost) with two passes: no square overflows for values
  /// near 1e308 or underflows for values near 1e-308, and no cancellation for values far from zero.
  ///
  /// `nil` without values; the SD is `nil` for one value.
  static func moments(_ values: [Double]) -> (mean: Double, sd: Double?)? {
    guard !values.isEmpty else { return nil }
    var largest = 0.0
    for x in values { largest = Swift.max(largest, Swift.abs(x)) }
    if largest == 0 { return (0, values.count > 1 ? 0 : nil) }
    let scale = Double(sign: .plus, exponent: largest.exponent, significand: 1)
    let count = Double(values.count)
    var sum = 0.0
    for x in values { sum += x / scale }
    let scaledMean = sum / count
    var squares = 0.0
    var residualSum = 0.0
    for x in values {
      let d = x / scale - scaledMean
      squares += d * d
      residualSum += d
    }
    // Corrected two-pass (Chan, Golub and LeVeque 1983): removes the rounding of the mean.
    let centred = squares - residualSum * residualSum / count
    let mean = (scaledMean + residualSum / count) * scale
    guard values.count > 1 else { return (mean, nil) }
    return (mean, (Swift.max(centred, 0) / (count - 1)).squareRoot() * scale)
  }

  /// Distinct observed levels (order of appearance) and their counts.
  private static func levelCounts(_ column: Column) -> ([String], [Int]) {
    if case .text(let codes, let levels) = column.values {
      var counts = [Int](repeating: 0, count: levels.count)
      for code in codes where code >= 0 && Int(code) < levels.count { counts[Int(code)] += 1 }
      let used = counts.indices.filter { counts[$0] > 0 }
      return (used.map { levels[$0] }, used.map { counts[$0] })
    }
    var index: [String: Int] = [:]
    var levels: [String] = []
    var counts: [Int] = []
    for row in 0..<column.count {
      guard let value = column.stringValue(row) else { continue }
      if let i = index[value] {
        counts[i] += 1
      } else {
        index[value] = levels.count
        levels.append(value)
        counts.append(1)
      }
    }
    return (levels, counts)
  }

  /// A plain text table, one line per column, aligned, for `vetstat describe`.
  /// - Parameter summaries: the summaries, e.g. from `DataTable.describe()`.
  /// - Returns: header, rule and rows, each line ending in `\n`.
  public static func render(_ summaries: [ColumnSummary]) -> String {
    // A "non-finite" column appears only when some column has such values.
    let showNonFinite = summaries.contains { $0.nonFinite > 0 }
    var header = ["column", "type", "n", "missing"]
    if showNonFinite { header.append("non-finite") }
    header += ["mean", "sd", "min", "max", "levels", "most frequent"]
    let rightAligned = Set(2..<(header.count - 1))
    let rows = summaries.map { s -> [String] in
      var row = [clipped(s.name), s.type.rawValue, String(s.n), String(s.missing)]
      if showNonFinite { row.append(String(s.nonFinite)) }
      // Dates show mean, minimum and maximum as dates, the SD in days.
      let date = s.type == .date || s.type == .datetime
      let shown = { (x: Double?) in
        date ? x.flatMap { CalendarDays.iso($0, withTime: s.type == .datetime) } ?? "" : format(x)
      }
      row += [
        shown(s.mean), format(s.sd), shown(s.min), shown(s.max),
        s.levelCount.map(String.init) ?? "",
        s.topLevels.map { "\(clipped($0.level)) (\($0.count))" }.joined(separator: ", "),
      ]
      return row
    }
    var widths = header.map(\.count)
    for row in rows {
      for (i, cell) in row.enumerated() { widths[i] = Swift.max(widths[i], cell.count) }
    }
    func line(_ cells: [String]) -> String {
      // The last column is not padded, so a line costs its own length, not the longest one's.
      let padded = cells.enumerated().map { i, cell -> String in
        if i == cells.count - 1 { return cell }
        let pad = String(repeating: " ", count: widths[i] - cell.count)
        return rightAligned.contains(i) ? pad + cell : cell + pad
      }
      var text = padded.joined(separator: "  ")
      while text.last == " " { text.removeLast() }
      return text + "\n"
    }
    var out = line(header)
    out += line(widths.map { String(repeating: "-", count: $0) })
    for row in rows { out += line(row) }
    return out
  }

  /// Longest name or level shown in full; longer ones are cut with an ellipsis so that the table
  /// stays readable and its size linear in the number of columns.
  static let maximumCellLength = 60

  /// `text`, cut to `maximumCellLength` characters with a trailing ellipsis.
  static func clipped(_ text: String) -> String {
    guard text.count > maximumCellLength else { return text }
    return String(text.prefix(maximumCellLength - 1)) + "\u{2026}"
  }

  /// Six significant digits, or empty for `nil`.
  static func format(_ x: Double?) -> String {
    guard let x else { return "" }
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { buffer -> String in
      guard let start = buffer.baseAddress else { return "\(x)" }
      _ = withVaList([x]) { vsnprintf(start, 32, "%.6g", $0) }
      return String(cString: start)
    }
  }
}

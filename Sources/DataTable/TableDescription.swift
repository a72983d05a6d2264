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
  /// Mean of a numeric column (booleans as 0/1); `nil` for text or without values.
  public let mean: Double?
  /// Sample standard deviation (n - 1 denominator); `nil` for text or fewer than 2 values.
  public let sd: Double?
  /// Smallest value of a numeric column.
  public let min: Double?
  /// Largest value of a numeric column.
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
      var mean = 0.0
      var m2 = 0.0
      var low = Double.infinity
      var high = -Double.infinity
      var seen = 0
      // Welford's one-pass mean and sum of squared deviations.
      for row in 0..<column.count {
        guard let x = column.doubleValue(row) else { continue }
        seen += 1
        let delta = x - mean
        mean += delta / Double(seen)
        m2 += delta * (x - mean)
        low = Swift.min(low, x)
        high = Swift.max(high, x)
      }
      self.mean = seen > 0 ? mean : nil
      self.sd = seen > 1 ? (m2 / Double(seen - 1)).squareRoot() : nil
      self.min = seen > 0 ? low : nil
      self.max = seen > 0 ? high : nil
      levelCount = nil
      topLevels = []
      return
    }
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
    let header = [
      "column", "type", "n", "missing", "mean", "sd", "min", "max", "levels", "most frequent",
    ]
    let rightAligned: Set<Int> = [2, 3, 4, 5, 6, 7, 8]
    let rows = summaries.map { s -> [String] in
      [
        s.name, s.type.rawValue, String(s.n), String(s.missing), format(s.mean), format(s.sd),
        format(s.min), format(s.max), s.levelCount.map(String.init) ?? "",
        s.topLevels.map { "\($0.level) (\($0.count))" }.joined(separator: ", "),
      ]
    }
    var widths = header.map(\.count)
    for row in rows {
      for (i, cell) in row.enumerated() { widths[i] = Swift.max(widths[i], cell.count) }
    }
    func line(_ cells: [String]) -> String {
      let padded = cells.enumerated().map { i, cell -> String in
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

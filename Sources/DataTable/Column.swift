/// The storage of one column.
///
/// Missing values are tracked by `Column.missing`, not by sentinels, so every storage kind can hold
/// them.
public enum ColumnValues: Sendable, Equatable {
  /// Real numbers. A missing entry holds `.nan` in storage and is flagged in the mask.
  case double([Double])
  /// Integers (e.g. years, counts, identifiers). A missing entry holds 0 in storage.
  case int([Int])
  /// Booleans (`true/false`, `TRUE/FALSE`). A missing entry holds `false` in storage.
  case bool([Bool])
  /// Text, dictionary-encoded: `codes[i]` indexes `levels`; a missing entry holds code -1.
  /// Levels are kept in order of first appearance, not sorted; models sort when they need to.
  case text(codes: [Int32], levels: [String])
}

/// The logical type of a column, as inferred from a file or set by an override.
public enum ColumnType: String, Sendable, CaseIterable, Codable {
  /// Real numbers.
  case double
  /// Integers.
  case int
  /// Booleans.
  case bool
  /// Free text (dictionary-encoded).
  case string
  /// A categorical variable (factor): text, or numbers treated as labels.
  case category
  /// Calendar dates, stored as `.int` days since 1970-01-01 (a number in models and
  /// expressions, ISO 8601 `YYYY-MM-DD` in text).
  case date
  /// Dates with a time of day (UTC), stored as `.double` fractional days since
  /// 1970-01-01T00:00:00 (ISO 8601 `YYYY-MM-DDTHH:MM:SS` in text).
  case datetime
}

/// One named, typed column with missing values.
public struct Column: Sendable, Equatable {
  /// The column's name as in the file header.
  public let name: String
  /// The values.
  public let values: ColumnValues
  /// Logical type.
  ///
  /// `.category` marks a column the user asked to treat as a factor.
  public let type: ColumnType
  /// `missing[i]` is true when row `i` is missing; empty when the column has no missing value.
  public let missing: [Bool]
  /// Number of missing entries.
  public let missingCount: Int

  /// Creates a column.
  /// - Parameters:
  ///   - name: column name.
  ///   - values: the storage.
  ///   - type: logical type; defaults to the natural type of `values`.
  ///   - missing: per-row missing flags (empty for none). Must be empty or as long as `values`.
  public init(name: String, values: ColumnValues, type: ColumnType? = nil, missing: [Bool] = []) {
    self.name = name
    self.values = values
    self.type = type ?? values.naturalType
    let count = missing.reduce(0) { $0 + ($1 ? 1 : 0) }
    self.missing = count == 0 ? [] : missing
    self.missingCount = count
    precondition(missing.isEmpty || missing.count == values.count, "missing mask length")
  }

  /// A numeric column from optionals (`nil` = missing).
  public static func double(_ name: String, _ values: [Double?]) -> Column {
    Column(
      name: name, values: .double(values.map { $0 ?? .nan }), missing: values.map { $0 == nil })
  }

  /// An integer column from optionals (`nil` = missing).
  public static func int(_ name: String, _ values: [Int?]) -> Column {
    Column(name: name, values: .int(values.map { $0 ?? 0 }), missing: values.map { $0 == nil })
  }

  /// A boolean column from optionals (`nil` = missing).
  public static func bool(_ name: String, _ values: [Bool?]) -> Column {
    Column(
      name: name, values: .bool(values.map { $0 ?? false }), missing: values.map { $0 == nil })
  }

  /// A text column from optionals (`nil` = missing), dictionary-encoded in order of appearance.
  public static func string(_ name: String, _ values: [String?], type: ColumnType = .string)
    -> Column
  {
    var levels = FirstAppearanceCodes<String>()
    var codes = [Int32](repeating: -1, count: values.count)
    for (row, value) in values.enumerated() {
      guard let value else { continue }
      codes[row] = Int32(levels.code(for: value))
    }
    return Column(
      name: name, values: .text(codes: codes, levels: levels.keys), type: type,
      missing: values.map { $0 == nil })
  }

  /// Number of rows.
  public var count: Int { values.count }

  /// True when the column holds numbers (double, int or bool) and is not declared categorical.
  public var isNumeric: Bool {
    switch values {
    case .double, .int, .bool: return type != .category
    case .text: return false
    }
  }

  /// True when row `row` is missing.
  @inlinable public func isMissing(_ row: Int) -> Bool { !missing.isEmpty && missing[row] }

  /// The value of row `row` as a number (bool as 0/1), or `nil` when missing or text.
  public func doubleValue(_ row: Int) -> Double? {
    if isMissing(row) { return nil }
    switch values {
    case .double(let v): return v[row]
    case .int(let v): return Double(v[row])
    case .bool(let v): return v[row] ? 1 : 0
    case .text: return nil
    }
  }

  /// All values as numbers with `.nan` for missing entries, or `nil` for a text column.
  public func doubles() -> [Double]? {
    switch values {
    case .double(let v):
      if missing.isEmpty { return v }
      var out = v
      for i in 0..<out.count where missing[i] { out[i] = .nan }
      return out
    case .int(let v):
      var out = v.map(Double.init)
      if !missing.isEmpty { for i in 0..<out.count where missing[i] { out[i] = .nan } }
      return out
    case .bool(let v):
      var out = v.map { $0 ? 1.0 : 0.0 }
      if !missing.isEmpty { for i in 0..<out.count where missing[i] { out[i] = .nan } }
      return out
    case .text:
      return nil
    }
  }

  /// The value of row `row` as text (numbers printed as in the file would be, dates in ISO
  /// 8601), `nil` when missing.
  public func stringValue(_ row: Int) -> String? {
    if isMissing(row) { return nil }
    if type == .date || type == .datetime, let days = doubleValue(row) {
      return CalendarDays.iso(days, withTime: type == .datetime) ?? formatNumber(days)
    }
    switch values {
    case .double(let v): return formatNumber(v[row])
    case .int(let v): return String(v[row])
    case .bool(let v): return v[row] ? "true" : "false"
    case .text(let codes, let levels): return codes[row] < 0 ? nil : levels[Int(codes[row])]
    }
  }

  /// A copy with another name.
  public func renamed(_ newName: String) -> Column {
    Column(name: newName, values: values, type: type, missing: missing)
  }

  /// A copy holding only the given rows, in the given order.
  public func gathering(rows: [Int]) -> Column {
    let mask = missing.isEmpty ? [] : rows.map { missing[$0] }
    switch values {
    case .double(let v):
      return Column(name: name, values: .double(rows.map { v[$0] }), type: type, missing: mask)
    case .int(let v):
      return Column(name: name, values: .int(rows.map { v[$0] }), type: type, missing: mask)
    case .bool(let v):
      return Column(name: name, values: .bool(rows.map { v[$0] }), type: type, missing: mask)
    case .text(let codes, let levels):
      return Column(
        name: name, values: .text(codes: rows.map { codes[$0] }, levels: levels), type: type,
        missing: mask)
    }
  }
}

extension ColumnValues {
  /// Number of entries.
  public var count: Int {
    switch self {
    case .double(let v): return v.count
    case .int(let v): return v.count
    case .bool(let v): return v.count
    case .text(let codes, _): return codes.count
    }
  }

  /// The column type these values have when no override is given.
  public var naturalType: ColumnType {
    switch self {
    case .double: return .double
    case .int: return .int
    case .bool: return .bool
    case .text: return .string
    }
  }
}

/// Shortest text that reads back as the same double (integers without a decimal point).
func formatNumber(_ x: Double) -> String {
  if x.isNaN { return "NA" }
  if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
  return "\(x)"
}

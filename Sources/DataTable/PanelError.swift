/// One unit-time pair that occurs on more than one row.
public struct DuplicateUnitTime: Sendable, Equatable {
  /// The unit, as text.
  public let unit: String
  /// The time period.
  public let time: Int
  /// The 1-based data rows holding the pair (the first few).
  public let rows: [Int]

  /// Creates a duplicate example.
  public init(unit: String, time: Int, rows: [Int]) {
    self.unit = unit
    self.time = time
    self.rows = rows
  }
}

/// Errors in a panel declaration `(unit, time, group?)` or a panel transform: bad input.
public enum PanelError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A declared column does not exist; `role` is "unit", "time" or "group".
  case unknownColumn(role: String, name: String, suggestion: String?, source: String?)
  /// The same column was declared for two roles.
  case sameColumn(name: String, roles: [String])
  /// A unit or time value is missing (1-based data row of the first, and how many rows).
  case missingKey(role: String, column: String, firstRow: Int, count: Int, source: String?)
  /// A time value that is not an integer (text, or a number with a fraction).
  case nonIntegerTime(column: String, row: Int, value: String, source: String?)
  /// Unit-time pairs that occur more than once: how many pairs, how many surplus rows, and a
  /// few examples.
  case duplicateUnitTime(
    unit: String, time: String, pairs: Int, extraRows: Int, examples: [DuplicateUnitTime],
    source: String?)
  /// The table has a different number of rows from the table the panel was declared on.
  case tableMismatch(panelRows: Int, tableRows: Int)
  /// A column that must be numeric (or 0/1) is not.
  case notNumeric(column: String, operation: String)
  /// A treatment indicator holds a value other than 0/1 (or true/false).
  case notIndicator(column: String, row: Int, value: String)
  /// Bad arguments to a transform (e.g. a bin with lower > upper).
  case badArgument(operation: String, message: String)

  /// A one-line message naming the column and a fix.
  public var description: String {
    func prefix(_ source: String?) -> String { source.map { "\($0): " } ?? "" }
    switch self {
    case .unknownColumn(let role, let name, let suggestion, let source):
      return "\(prefix(source))panel \(role) column '\(name)' does not exist"
        + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
    case .sameColumn(let name, let roles):
      return "panel: column '\(name)' is declared as both \(roles.joined(separator: " and "))"
    case .missingKey(let role, let column, let firstRow, let count, let source):
      return "\(prefix(source))panel \(role) column '\(column)' is missing on \(count) row"
        + (count == 1 ? "" : "s") + " (first on data row \(firstRow)); drop or fill those rows"
    case .nonIntegerTime(let column, let row, let value, let source):
      return "\(prefix(source))panel time column '\(column)' must hold whole numbers (e.g. years);"
        + " data row \(row) has \"\(value)\""
    case .duplicateUnitTime(let unit, let time, let pairs, let extraRows, let examples, let source):
      let shown = examples.map { example in
        "\(unit)=\(example.unit), \(time)=\(example.time) (rows "
          + example.rows.map(String.init).joined(separator: ", ") + ")"
      }
      return "\(prefix(source))panel (\(unit), \(time)) is not unique: \(pairs) pair"
        + (pairs == 1 ? "" : "s") + " occur more than once (\(extraRows) surplus row"
        + (extraRows == 1 ? "" : "s") + "), e.g. " + shown.joined(separator: "; ")
    case .tableMismatch(let panelRows, let tableRows):
      return "panel was declared on \(panelRows) rows but the table has \(tableRows);"
        + " declare the panel on this table"
    case .notNumeric(let column, let operation):
      return "\(operation): column '\(column)' is text; a number is needed"
    case .notIndicator(let column, let row, let value):
      return "treatment column '\(column)' must be 0/1 (or true/false); data row \(row) has"
        + " \"\(value)\""
    case .badArgument(let operation, let message):
      return "\(operation): \(message)"
    }
  }
}

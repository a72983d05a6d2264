/// Where in a text file something was found: 1-based line and column (column in characters of
/// the line, or the field number for CSV fields, as stated by the error).
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
  /// File path as given by the user.
  public let file: String
  /// 1-based line number.
  public let line: Int
  /// 1-based column (field number for CSV errors), or `nil` when not known.
  public let column: Int?

  /// Creates a location.
  public init(file: String, line: Int, column: Int? = nil) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `file:line:column` (or `file:line`).
  public var description: String {
    if let column { return "\(file):\(line):\(column)" }
    return "\(file):\(line)"
  }
}

/// Errors about data files and tables: bad input, never a programmer error.
public enum DataError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file does not exist or cannot be read.
  case cannotRead(file: String, reason: String)
  /// The file cannot be written (folder missing, no permission, disk full).
  case cannotWrite(file: String, reason: String)
  /// The file has no bytes (or only a byte-order mark / whitespace).
  case emptyFile(file: String)
  /// The file has a header but no data rows.
  case noRows(file: String)
  /// A row has a different number of fields from the header.
  case raggedRow(at: SourceLocation, expected: Int, found: Int)
  /// A quoted field is not closed before the end of the file.
  case unclosedQuote(at: SourceLocation)
  /// Text after a closing quote, before the delimiter.
  case malformedQuote(at: SourceLocation)
  /// A value that cannot be read as the column's declared type.
  case badValue(at: SourceLocation, column: String, value: String, expected: ColumnType)
  /// Two columns share a name (1-based positions).
  case duplicateColumn(name: String, firstPosition: Int, secondPosition: Int, source: String?)
  /// A header field is empty.
  case emptyColumnName(at: SourceLocation)
  /// A column name that does not exist.
  case unknownColumn(name: String, suggestion: String?, source: String?)
  /// Columns of different lengths in one table.
  case lengthMismatch(column: String, expected: Int, found: Int)
  /// A column with no observed value where values are needed.
  case allMissing(column: String, source: String?)
  /// Invalid bytes (not UTF-8).
  case invalidEncoding(at: SourceLocation)
  /// A type override names a column or type that does not exist.
  case badTypeOverride(column: String, reason: String)
  /// Bytes that the declared or detected encoding cannot read.
  case undecodable(file: String, line: Int, encoding: String, reason: String)
  /// A column whose numbers are written in an ambiguous or mixed format.
  case numberFormat(at: SourceLocation, column: String, value: String, reason: String)
  /// A reading option with a value that cannot be used.
  case badOption(name: String, reason: String)
  /// A file whose format is not supported, or whose content is not what its format requires.
  case badFile(file: String, reason: String)

  /// A one-line message naming file, line and column where known.
  public var description: String {
    switch self {
    case .cannotRead(let file, let reason): return "\(file): cannot read file: \(reason)"
    case .cannotWrite(let file, let reason): return "\(file): cannot write file: \(reason)"
    case .emptyFile(let file): return "\(file): the file is empty"
    case .noRows(let file): return "\(file): the file has a header but no data rows"
    case .raggedRow(let at, let expected, let found):
      return "\(at): row has \(found) fields, the header has \(expected)"
    case .unclosedQuote(let at): return "\(at): quoted field is not closed before end of file"
    case .malformedQuote(let at): return "\(at): unexpected text after a closing quote"
    case .badValue(let at, let column, let value, let expected):
      return "\(at): value \"\(value)\" in column '\(column)' is not a valid \(expected.rawValue)"
        + (expected == .date
          ? " (YYYY-MM-DD)" : expected == .datetime ? " (YYYY-MM-DDTHH:MM:SS)" : "")
        + (expected == .string || expected == .category
          ? "" : "; give the column the type override `string` to keep it as text")
    case .duplicateColumn(let name, let first, let second, let source):
      return "\(source.map { "\($0): " } ?? "")duplicate column name '\(name)' "
        + "(columns \(first) and \(second))"
    case .emptyColumnName(let at): return "\(at): empty column name in header"
    case .unknownColumn(let name, let suggestion, let source):
      return "\(source.map { "\($0): " } ?? "")unknown column '\(name)'"
        + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
    case .lengthMismatch(let column, let expected, let found):
      return "column '\(column)' has \(found) rows, expected \(expected)"
    case .allMissing(let column, let source):
      return "\(source.map { "\($0): " } ?? "")column '\(column)' has no non-missing value"
    case .invalidEncoding(let at):
      return "\(at): invalid UTF-8; declare the file's encoding with --encoding latin1 or "
        + "--encoding windows-1252 (data.encoding in a study spec)"
    case .undecodable(let file, let line, let encoding, let reason):
      return "\(file):\(line): cannot read the file as \(encoding): \(reason); declare its "
        + "encoding with --encoding (\(TextEncoding.acceptedNames); data.encoding in a study spec)"
    case .numberFormat(let at, let column, let value, let reason):
      return "\(at): column '\(column)', value \"\(value)\": \(reason)"
    case .badOption(let name, let reason): return "option \(name): \(reason)"
    case .badFile(let file, let reason): return "\(file): \(reason)"
    case .badTypeOverride(let column, let reason):
      return "type override for column '\(column)': \(reason)"
    }
  }
}

/// How fields of a delimited text file are separated.
public enum CSVDelimiter: Sendable, Equatable {
  /// Detect `,`, `;` or tab from the header line (outside quotes); whitespace when none occurs.
  case detect
  /// Comma-separated.
  case comma
  /// Semicolon-separated (Belgian/Flemish exports, usually with decimal commas).
  case semicolon
  /// Tab-separated.
  case tab
  /// Runs of spaces and tabs, as in statsmodels' `spector.csv`; `'` or `"` quotes allowed.
  case whitespace
}

/// Options for `CSVReader`.
public struct CSVOptions: Sendable {
  /// The delimiter, or `.detect` (the default).
  public var delimiter: CSVDelimiter = .detect
  /// Whether `,` is a decimal separator; `nil` (the default) accepts it only when the delimiter
  /// is `;`.
  public var decimalComma: Bool? = nil
  /// Unquoted field texts that mean "missing" (after trimming blanks).
  ///
  /// A quoted field is never missing, so the text `"NA"` written in quotes stays text; the one
  /// exception is `""` in a number or true/false column, which is missing as an empty field is (in
  /// text it is the empty text).
  public var missingTokens: Set<String> = ["NA", "", "."]
  /// Per-column type overrides by column name; `.string`/`.category` keep a column as text.
  public var types: [String: ColumnType] = [:]
  /// Threads used for parsing; `nil` means all active cores.
  public var threads: Int? = nil
  /// The columns to read, by name; `nil` (the default) reads all.
  ///
  /// Other columns are only tokenised (their field boundaries found): no number parsing, type
  /// inference or level dictionary, and a bad value in them is not an error. The table keeps the
  /// file's column order. A name not in the header is `DataError.unknownColumn`.
  public var columns: Set<String>? = nil
  /// Whether names in `columns` that the file lacks are passed over rather than refused.
  ///
  /// Off (the default), such a name is `DataError.unknownColumn`. On, the columns of `columns`
  /// that the file has are read, and every column when it has none of them; a study's automatic
  /// selection (every name its spec mentions) turns it on.
  public var ignoresUnknownColumns = false
  /// The text encoding; `nil` (the default) reads UTF-8 (with or without byte-order mark),
  /// UTF-16 with a byte-order mark, and a file that is not valid UTF-8 as Windows-1252 when it is
  /// valid Windows-1252 (the read report says so).
  public var encoding: TextEncoding? = nil
  /// The declared number format; `nil` (the default) reads `.` (and with `decimalComma`, `,`)
  /// as the decimal mark and detects, per column left as text, a decimal comma or thousands
  /// separators when every value reads as a number in one way only.
  public var numberFormat: NumberConvention? = nil
  /// Further missing-value tokens for single columns, by column name (added to
  /// `missingTokens`).
  public var columnMissingTokens: [String: Set<String>] = [:]
  /// The sheet of an Excel workbook to read, by name; `nil` reads the first sheet.
  public var sheet: String? = nil
  /// The most bytes a compressed file (`.gz`, `.zst`) may decompress to, 4 GiB by default.
  ///
  /// The file is decompressed as it is read and refused (naming the file and the limit) once
  /// its output passes this size, so a small file that inflates to far more than memory (a
  /// decompression bomb) costs at most this much before it is stopped.
  public var decompressedLimit: Int = 4 << 30

  /// Default options: detect the delimiter, read `NA`, empty and `.` as missing, use all cores.
  public init() {}
}

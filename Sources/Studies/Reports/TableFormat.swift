import DataTable

/// The file formats of a published table, by the name `--format` and the spec's `table.formats`
/// use.
public enum TableFormat: String, Sendable, CaseIterable {
  /// Markdown pipe table.
  case md
  /// CSV (RFC 4180).
  case csv
  /// LaTeX float (booktabs, threeparttable).
  case tex
  /// A complete HTML page.
  case html
  /// Word document.
  case docx
  /// Excel workbook.
  case xlsx

  /// Whether the format is text (printable to standard output).
  public var isText: Bool { self != .docx && self != .xlsx }

  /// The table's file in this format.
  /// - Parameters:
  ///   - table: the table.
  ///   - latexColumns: how a LaTeX table sets its number columns (other formats ignore it).
  /// - Returns: the file's bytes.
  /// - Throws: `OfficeTableError` when a Word or Excel package cannot be built.
  public func render(_ table: ReportTable, latexColumns: LatexColumns = .plain) throws -> [UInt8] {
    switch self {
    case .md: return Array(TableRenderer.markdown(table).utf8)
    case .csv: return Array(TableRenderer.csv(table).utf8)
    case .tex: return Array(TableRenderer.latex(table, columns: latexColumns).utf8)
    case .html: return Array(TableRenderer.htmlDocument(table).utf8)
    case .docx: return try DOCXTableWriter.document(table)
    case .xlsx: return try XLSXTableWriter.workbook(table)
    }
  }

  /// Writes the table atomically (`AtomicFile`): readers never see half a file.
  /// - Parameters:
  ///   - table: the table.
  ///   - path: the destination.
  ///   - latexColumns: how a LaTeX table sets its number columns (other formats ignore it).
  /// - Throws: `OfficeTableError`, or `DataError.cannotWrite` with the system's reason.
  public func write(_ table: ReportTable, to path: String, latexColumns: LatexColumns = .plain)
    throws
  {
    try AtomicFile.write(try render(table, latexColumns: latexColumns), to: path)
  }

  /// The format named by a file's extension (`.md`, `.markdown`, `.csv`, `.tex`, `.html`,
  /// `.docx`, `.xlsx`), or `nil`.
  public init?(fileExtension: String) {
    switch fileExtension.lowercased() {
    case "markdown": self = .md
    case "htm": self = .html
    default: self.init(rawValue: fileExtension.lowercased())
    }
  }
}

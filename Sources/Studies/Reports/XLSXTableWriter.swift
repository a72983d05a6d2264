/// Writes a `ReportTable` as an Excel `.xlsx` workbook.
///
/// Sheet "Table" holds the header and the rows cell for cell as the CSV has them (counts and numbers as numeric cells with their
/// decimals, everything else as text, suppressed cells as the marker), sheet "Notes" the title
/// and the notes. The workbook reads back with `DataReader` and with Python's openpyxl.
public enum XLSXTableWriter {
  private static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  private static let relationships =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
  private static let contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml"
  /// Numeric styles 2 to 8 show 0 to 6 decimals; style 1 is bold (the header).
  private static let maximumDigits = 6

  /// The workbook's bytes.
  /// - Parameter table: the table.
  /// - Returns: the `.xlsx` file (write it with `AtomicFile.write`).
  /// - Throws: `OfficeTableError` when the package cannot be built.
  public static func workbook(_ table: ReportTable) throws -> [UInt8] {
    let headerRow = table.header.map { ReportTable.Cell.text($0) }
    let notesRows = [[ReportTable.Cell.text(table.title)]] + table.notes.map { [.text($0)] }
    return try OfficePackage.zip([
      ("[Content_Types].xml", contentTypes),
      ("_rels/.rels", OfficePackage.packageRelationships(main: "xl/workbook.xml")),
      ("xl/workbook.xml", workbookXML),
      ("xl/_rels/workbook.xml.rels", workbookRelationships),
      ("xl/styles.xml", styles),
      ("xl/worksheets/sheet1.xml", sheet([headerRow] + table.rows, boldRows: [0])),
      ("xl/worksheets/sheet2.xml", sheet(notesRows, boldRows: [0])),
    ])
  }

  private static var contentTypes: String {
    OfficePackage.declaration
      + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      + "<Default Extension=\"rels\" "
      + "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(contentType).sheet.main+xml\"/>"
      + "<Override PartName=\"/xl/styles.xml\" ContentType=\"\(contentType).styles+xml\"/>"
      + [1, 2].map {
        "<Override PartName=\"/xl/worksheets/sheet\($0).xml\" "
          + "ContentType=\"\(contentType).worksheet+xml\"/>"
      }.joined() + "</Types>"
  }

  private static var workbookXML: String {
    OfficePackage.declaration + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\">"
      + "<sheets><sheet name=\"Table\" sheetId=\"1\" r:id=\"rId1\"/>"
      + "<sheet name=\"Notes\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>"
  }

  private static var workbookRelationships: String {
    let base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    return OfficePackage.declaration
      + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      + "<Relationship Id=\"rId1\" Type=\"\(base)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
      + "<Relationship Id=\"rId2\" Type=\"\(base)/worksheet\" Target=\"worksheets/sheet2.xml\"/>"
      + "<Relationship Id=\"rId3\" Type=\"\(base)/styles\" Target=\"styles.xml\"/>"
      + "</Relationships>"
  }

  /// Fonts (regular, bold) and the cell formats: 0 general, 1 bold, 2 + d a number with d
  /// decimals.
  private static var styles: String {
    let digits = 0...maximumDigits
    let formats = digits.map { d in
      "<numFmt numFmtId=\"\(164 + d)\" formatCode=\""
        + (d == 0 ? "0" : "0." + String(repeating: "0", count: d)) + "\"/>"
    }
    let numberStyles = digits.map { d in
      "<xf numFmtId=\"\(164 + d)\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
        + "applyNumberFormat=\"1\"/>"
    }
    return OfficePackage.declaration + "<styleSheet xmlns=\"\(main)\">"
      + "<numFmts count=\"\(formats.count)\">" + formats.joined() + "</numFmts>"
      + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
      + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
      + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
      + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
      + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
      + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>"
      + "</cellStyleXfs><cellXfs count=\"\(2 + numberStyles.count)\">"
      + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
      + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
      + numberStyles.joined() + "</cellXfs>"
      + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/>"
      + "</cellStyles></styleSheet>"
  }

  /// One worksheet; column widths from the longest text of each column.
  static func sheet(_ rows: [[ReportTable.Cell]], boldRows: Set<Int>) -> String {
    let width = rows.map(\.count).max() ?? 0
    var out = OfficePackage.declaration + "<worksheet xmlns=\"\(main)\">"
    if width > 0 {
      out += "<cols>"
      for j in 0..<width {
        let longest = rows.map { j < $0.count ? $0[j].text.count : 0 }.max() ?? 0
        let chars = min(max(longest + 2, 8), 80)
        out += "<col min=\"\(j + 1)\" max=\"\(j + 1)\" width=\"\(chars)\" customWidth=\"1\"/>"
      }
      out += "</cols>"
    }
    out += "<sheetData>"
    for (i, row) in rows.enumerated() {
      out += "<row r=\"\(i + 1)\">"
      for (j, cell) in row.enumerated() {
        out += self.cell(cell, reference: columnName(j) + String(i + 1), bold: boldRows.contains(i))
      }
      out += "</row>"
    }
    return out + "</sheetData></worksheet>"
  }

  /// A cell's XML: a number with its decimals' style, or an inline string; nothing when empty.
  static func cell(_ cell: ReportTable.Cell, reference: String, bold: Bool) -> String {
    let at = "r=\"\(reference)\""
    switch cell {
    case .empty: return ""
    case .count(let n): return "<c \(at)><v>\(n)</v></c>"
    case .number(let x, let digits) where x.isFinite:
      let style = 2 + min(max(digits, 0), maximumDigits)
      return "<c \(at) s=\"\(style)\"><v>\(NumberText.fixed(x, digits: digits))</v></c>"
    default:
      let text = cell.text
      if text.isEmpty { return "" }
      let space = text.first == " " || text.last == " " ? " xml:space=\"preserve\"" : ""
      return "<c \(at)\(bold ? " s=\"1\"" : "") t=\"inlineStr\"><is><t\(space)>"
        + OfficePackage.escape(text) + "</t></is></c>"
    }
  }

  /// The letters of a 0-based column (A to Z, then AA).
  static func columnName(_ index: Int) -> String {
    var n = index + 1
    var name = ""
    while n > 0 {
      let remainder = (n - 1) % 26
      name = String(UnicodeScalar(UInt8(65 + remainder))) + name
      n = (n - 1) / 26
    }
    return name
  }
}

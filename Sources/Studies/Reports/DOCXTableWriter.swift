/// Writes a `ReportTable` as a Word `.docx` document: the caption in bold, the table with
/// booktabs-style rules (heavy top and bottom, light under the header and where the table has
/// rules), stars as superscripts, true minus signs, and the notes in small type beneath.
public enum DOCXTableWriter {
  private static let namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  private static let documentType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

  /// The document's bytes.
  /// - Parameter table: the table.
  /// - Returns: the `.docx` file (write it with `AtomicFile.write`).
  /// - Throws: `OfficeTableError` when the package cannot be built.
  public static func document(_ table: ReportTable) throws -> [UInt8] {
    let types =
      OfficePackage.declaration
      + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      + "<Default Extension=\"rels\" "
      + "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      + "<Override PartName=\"/word/document.xml\" ContentType=\"\(documentType)\"/></Types>"
    return try OfficePackage.zip([
      ("[Content_Types].xml", types),
      ("_rels/.rels", OfficePackage.packageRelationships(main: "word/document.xml")),
      ("word/document.xml", body(table)),
    ])
  }

  /// `word/document.xml`: caption, table, notes, an A4 page (landscape when the table is wide).
  static func body(_ table: ReportTable) -> String {
    let columns = table.header.count
    let longest = table.rows.map { $0.first?.text.count ?? 0 }.max() ?? 10
    let first = min(max(longest * 110, 1800), 4000)
    let widths = [first] + Array(repeating: 1500, count: max(0, columns - 1))
    let landscape = widths.reduce(0, +) > 9600
    var out = OfficePackage.declaration + "<w:document xmlns:w=\"\(namespace)\"><w:body>"
    out += paragraph([run(table.title, bold: true)], keepNext: true)
    out += "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:jc w:val=\"center\"/>"
    out += "<w:tblBorders>" + border("top", 12) + border("bottom", 12) + "</w:tblBorders>"
    out += "<w:tblLayout w:type=\"autofit\"/></w:tblPr><w:tblGrid>"
    out += widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
    let header = table.header.map { ReportTable.Cell.text($0) }
    out += row(header, widths: widths, ruleBelow: true, bold: true)
    for (i, cells) in table.rows.enumerated() {
      let ruled = table.rulesAfter.contains(i) && i < table.rows.count - 1
      out += row(cells, widths: widths, ruleBelow: ruled, bold: false)
    }
    out += "</w:tbl>"
    for note in table.notes { out += paragraph([run(note, size: 18)], keepNext: false) }
    let page =
      landscape
      ? "<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"
      : "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
    out += "<w:sectPr>\(page)<w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" "
    out += "w:left=\"1134\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr>"
    return out + "</w:body></w:document>"
  }

  private static func border(_ side: String, _ eighths: Int) -> String {
    "<w:\(side) w:val=\"single\" w:sz=\"\(eighths)\" w:space=\"0\" w:color=\"000000\"/>"
  }

  private static func row(
    _ cells: [ReportTable.Cell], widths: [Int], ruleBelow: Bool, bold: Bool
  ) -> String {
    var out = "<w:tr>"
    for (j, cell) in cells.enumerated() {
      out += "<w:tc><w:tcPr><w:tcW w:w=\"\(j < widths.count ? widths[j] : 1500)\" w:type=\"dxa\"/>"
      if ruleBelow { out += "<w:tcBorders>" + border("bottom", 6) + "</w:tcBorders>" }
      out += "</w:tcPr>"
      out += paragraph(runs(cell, bold: bold), keepNext: false, centered: j > 0)
      out += "</w:tc>"
    }
    return out + "</w:tr>"
  }

  /// A cell's runs: an estimate's stars as a superscript run.
  static func runs(_ cell: ReportTable.Cell, bold: Bool) -> [String] {
    if case .estimate(let x, let digits, let stars) = cell {
      let number = run(trueMinus(NumberText.fixed(x, digits: digits)), bold: bold)
      return stars.isEmpty ? [number] : [number, run(stars, superscript: true)]
    }
    let text = cell.text
    return text.isEmpty ? [] : [run(trueMinus(text), bold: bold)]
  }

  private static func paragraph(_ runs: [String], keepNext: Bool, centered: Bool = false)
    -> String
  {
    "<w:p><w:pPr>" + (keepNext ? "<w:keepNext/>" : "")
      + "<w:spacing w:before=\"0\" w:after=\"0\"/>"
      + (centered ? "<w:jc w:val=\"center\"/>" : "") + "</w:pPr>" + runs.joined() + "</w:p>"
  }

  private static func run(
    _ text: String, bold: Bool = false, superscript: Bool = false, size: Int? = nil
  ) -> String {
    var properties = bold ? "<w:b/>" : ""
    if let size { properties += "<w:sz w:val=\"\(size)\"/>" }
    if superscript { properties += "<w:vertAlign w:val=\"superscript\"/>" }
    let rPr = properties.isEmpty ? "" : "<w:rPr>\(properties)</w:rPr>"
    return "<w:r>\(rPr)<w:t xml:space=\"preserve\">\(OfficePackage.escape(text))</w:t></w:r>"
  }

  /// A minus sign before a number as U+2212 (hyphens elsewhere stay).
  static func trueMinus(_ text: String) -> String {
    let chars = Array(text)
    var out = ""
    for (i, ch) in chars.enumerated() {
      out.append(ch == "-" && TableRenderer.startsNumber(chars, at: i) ? "\u{2212}" : ch)
    }
    return out
  }
}

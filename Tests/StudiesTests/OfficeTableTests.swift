import DataTable
import Foundation
import Testing

@testable import Studies

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Word and Excel tables (issue 16): the `.xlsx` reads back cell for cell with the package's own
/// reader (and with openpyxl: `Tests/Fixtures/tables/check_xlsx.py` on the recorded workbook),
/// the `.docx` is well-formed and LibreOffice converts it to PDF when installed.
@Suite struct OfficeTableTests {
  static let fixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/tables")

  static var regression: ReportTable { RegressionTableBuilder.table(RegressionTableTests.columns) }

  static let describe = ReportTable(
    id: "profile", title: "Means by year & gender", header: ["year", "gender", "N", "Mean"],
    rows: [
      [.text("2015"), .text("female"), .count(706), .number(-0.1204, digits: 3)],
      [.text("2016"), .text("<male>"), .count(1088), .number(52.4712, digits: 3)],
      [.text("All"), .text("All"), .suppressed, .empty],
    ], notes: ["[c]: fewer than 10 learners."])

  static func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vetstat-office-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  /// Every cell of `table` equals the workbook's cell as `DataReader` reads it.
  /// Columns holding text labels such as years ("2015" and "All") are read as text; the
  /// suppression marker is read as missing (as a user of the workbook would declare it).
  static func expectReadsBack(_ table: ReportTable, from path: String, text: [String] = [])
    throws
  {
    var options = CSVOptions()
    options.missingTokens.insert(ReportTable.suppressedMarker)
    for name in text { options.types[name] = .string }
    let read = try DataReader.read(path: path, options: options)
    #expect(read.columnNames == table.header)
    try #require(read.rowCount == table.rows.count)
    for (j, name) in table.header.enumerated() {
      let column = try read.column(named: name)
      for (i, row) in table.rows.enumerated() {
        let expected = row[j].text
        if expected.isEmpty || row[j] == .suppressed {
          #expect(column.isMissing(i), "\(name) row \(i + 1) is empty or withheld")
        } else if column.isNumeric {
          let value = try #require(column.doubleValue(i), "\(name) row \(i + 1)")
          #expect(abs(value - (Double(expected) ?? .nan)) < 1e-12, "\(name) row \(i + 1)")
        } else {
          #expect(column.stringValue(i) == expected, "\(name) row \(i + 1)")
        }
      }
    }
  }

  @Test func workbookReadsBackCellForCell() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    for table in [Self.regression, Self.describe] {
      let path = folder.appendingPathComponent("\(table.id).xlsx").path
      try AtomicFile.write(try XLSXTableWriter.workbook(table), to: path)
      try Self.expectReadsBack(table, from: path, text: table.id == "profile" ? ["year"] : [])
    }
    var options = CSVOptions()
    options.types["year"] = .string
    options.missingTokens.insert(ReportTable.suppressedMarker)
    let describe = try DataReader.read(
      path: folder.appendingPathComponent("profile.xlsx").path, options: options)
    #expect(try describe.column(named: "N").isNumeric, "counts are numeric cells")
    #expect(try describe.column(named: "Mean").doubleValue(0) == -0.12)
    #expect(
      try XLSXTableWriter.workbook(Self.regression) == XLSXTableWriter.workbook(Self.regression))
  }

  /// The openpyxl check's inputs: the recorded workbook and the CSV of the same table; the CSV
  /// must be what the renderer writes today (`VETSTAT_RECORD_SNAPSHOTS=1` rewrites both).
  @Test func openpyxlFixtureMatchesTheRenderer() throws {
    let csv = Self.fixtures.appendingPathComponent("regression_table.csv")
    let xlsx = Self.fixtures.appendingPathComponent("regression_table.xlsx")
    if ProcessInfo.processInfo.environment["VETSTAT_RECORD_SNAPSHOTS"] == "1" {
      try AtomicFile.write(Array(TableRenderer.csv(Self.regression).utf8), to: csv.path)
      try AtomicFile.write(try XLSXTableWriter.workbook(Self.regression), to: xlsx.path)
    }
    #expect(try String(contentsOf: csv, encoding: .utf8) == TableRenderer.csv(Self.regression))
    try Self.expectReadsBack(Self.regression, from: xlsx.path)
  }

  @Test func documentIsWellFormedWithSuperscriptStarsAndTrueMinus() throws {
    let xml = DOCXTableWriter.body(Self.regression)
    let parser = XMLParser(data: Data(xml.utf8))
    #expect(parser.parse(), "word/document.xml is well-formed")
    #expect(
      xml.contains("\u{2212}1.897</w:t></w:r><w:r><w:rPr><w:vertAlign w:val=\"superscript\"/>"))
    #expect(xml.contains("score_gap &amp; 50%") && xml.contains("Newey-West"))
    let describe = DOCXTableWriter.body(Self.describe)
    #expect(XMLParser(data: Data(describe.utf8)).parse() && describe.contains("&lt;male&gt;"))
  }

  @Test func libreOfficeConvertsTheDocument() throws {
    guard let soffice = DocumentTools.executable("soffice") else { return }
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let docx = folder.appendingPathComponent("regressions.docx")
    try AtomicFile.write(try DOCXTableWriter.document(Self.regression), to: docx.path)
    let profile = "-env:UserInstallation=file://\(folder.path)/profile"
    for target in ["pdf", "txt:Text"] {
      let result = try DocumentTools.run(
        soffice,
        [profile, "--headless", "--convert-to", target, "--outdir", folder.path, docx.path],
        in: folder)
      #expect(result.status == 0, "soffice: \(result.output.suffix(800))")
    }
    let pdf = try Data(contentsOf: folder.appendingPathComponent("regressions.pdf"))
    #expect(pdf.starts(with: Data("%PDF".utf8)) && pdf.count > 1000)
    let text = try String(
      contentsOf: folder.appendingPathComponent("regressions.txt"), encoding: .utf8)
    for part in ["Regression results", "score_gap & 50%", "\u{2212}1.897***", "(0.123)", "[c]"] {
      #expect(text.contains(part), "LibreOffice reads \(part)")
    }
  }
}

import DataTable
import Foundation
import Testing

@testable import Studies

/// Reference-level rows (issue 16, modelsummary's and esttab's `refcat`): with
/// `reference_levels`, each factor gets a row naming its omitted level, an em dash under every
/// model that uses that reference, placed before the factor's first level; off by default; the
/// same cells in every format; the level is found in the data the model was fitted on.
@Suite struct ReferenceLevelTests {
  typealias Row = RegressionColumn.Row

  static func row(_ term: String, _ estimate: Double, _ se: Double) -> Row {
    Row(
      term: term, estimate: estimate, standardError: se, pValue: 0.5, low: estimate - 2 * se,
      high: estimate + 2 * se)
  }

  /// Two models sharing `region` (reference Antwerpen); the second also has `track` with another
  /// model's omitted level absent.
  static var columns: [RegressionColumn] {
    var first = RegressionColumn(
      label: "a", model: "OLS", response: "y",
      rows: [row("(Intercept)", 1, 0.1), row("region[Limburg]", 0.25, 0.1), row("ses", 2, 0.5)],
      statistics: [.init("Observations", "100")], fixedEffects: [], standardErrors: "IID",
      level: 0.95)
    first.references = ["region": "Antwerpen"]
    var second = RegressionColumn(
      label: "b", model: "OLS", response: "y",
      rows: [
        row("(Intercept)", 1, 0.1), row("region[Limburg]", 0.5, 0.1), row("track[care]", -1, 0.2),
      ],
      statistics: [.init("Observations", "100")], fixedEffects: [], standardErrors: "IID",
      level: 0.95)
    second.references = ["region": "Antwerpen", "track": "agri"]
    return [first, second]
  }

  static var options: TableOptions {
    var options = TableOptions(labels: ["track": "Study track"])
    options.referenceLevels = true
    return options
  }

  @Test func rowNamesTheOmittedLevelBeforeTheFactorsFirstLevel() {
    let table = RegressionTableBuilder.table(Self.columns, options: Self.options)
    let rows = table.rows.map { $0.map(\.text) }
    let region = rows.firstIndex(of: ["region: Antwerpen (ref.)", "—", "—"])
    let track = rows.firstIndex(of: ["Study track: agri (ref.)", "", "—"])
    #expect(region != nil && track != nil)
    if let region, let track {
      #expect(rows[region + 1].first == "region[Limburg]")
      #expect(rows[track + 1].first == "track[care]")
    }
    #expect(rows.filter { $0.first?.hasSuffix("(ref.)") == true }.count == 2)
    let plain = RegressionTableBuilder.table(Self.columns).rows.map { $0.map(\.text) }
    #expect(!plain.contains { $0.first?.contains("(ref.)") == true }, "off by default")
    var omitting = Self.options
    omitting.omit = [try! TermPattern("track[*]")]
    let omitted = RegressionTableBuilder.table(Self.columns, options: omitting)
    #expect(!omitted.rows.contains { $0.first?.text.contains("agri") == true }, "omit drops it")
  }

  @Test func everyFormatShowsTheRow() throws {
    let table = RegressionTableBuilder.table(Self.columns, options: Self.options)
    #expect(TableRenderer.markdown(table).contains("| region: Antwerpen (ref.) | — | — |"))
    #expect(TableRenderer.csv(table).contains("\nregion: Antwerpen (ref.),—,—\n"))
    #expect(TableRenderer.latex(table).contains("\nregion: Antwerpen (ref.) & --- & --- \\\\\n"))
    #expect(
      TableRenderer.latex(table, columns: .siunitx).contains(
        "\nStudy track: agri (ref.) &  & {---} \\\\\n"))
    let html = TableRenderer.htmlDocument(table)
    #expect(html.contains("region: Antwerpen (ref.)") && html.contains("—"))
    let docx = DOCXTableWriter.body(table)
    #expect(docx.contains("region: Antwerpen (ref.)") && docx.contains(">—<"))
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vetstat-ref-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("t.xlsx").path
    try AtomicFile.write(try XLSXTableWriter.workbook(table), to: path)
    let book = try DataReader.read(path: path)
    let terms = try book.column(named: "Term")
    let index = (0..<book.rowCount).first { terms.stringValue($0) == "region: Antwerpen (ref.)" }
    #expect(index != nil)
    if let index { #expect(try book.column(named: "a").stringValue(index) == "—") }
  }

  @Test func levelIsFoundInTheData() throws {
    let text =
      "y,region,year,school_id\n1,Limburg,2015,1\n2,Antwerpen,2016,2\n3,Gent,2017,3\n"
      + "4,Limburg,2016,1\n"
    let data = try CSVReader.read(bytes: Array(text.utf8), name: "levels.csv")
    func column(_ terms: [String]) -> RegressionColumn {
      RegressionColumn(
        label: "m", model: "OLS", response: "y", rows: terms.map { Self.row($0, 1, 1) },
        statistics: [], fixedEffects: [], standardErrors: "IID", level: 0.95)
    }
    let fitted = column([
      "(Intercept)", "region[Gent]", "region[Limburg]", "year[2016]", "year[2017]",
      "school_id[2]", "school_id[3]", "region[Gent]:year[2016]",
    ]).withReferences(data: data, identifiers: ["school_id"])
    #expect(fitted.references == ["region": "Antwerpen", "year": "2015"])
    // No intercept (every level has a row) or an unknown level: no guess.
    let full = column(["region[Antwerpen]", "region[Gent]", "region[Limburg]", "region[Brugge]"])
    #expect(full.withReferences(data: data, identifiers: []).references.isEmpty)
    #expect(fitted.relabelled("x").references == fitted.references)
  }

  @Test func specBlockAddsTheRowsAndSiunitxColumnsToTheReport() throws {
    let (folder, path) = try StudyFixtures.make(
      spec: TableSpecTests.spec(
        """
        table:
          latex_columns: siunitx
          reference_levels: true
          formats: [md]
        """), files: [:])
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("report")
    try Study.run(spec: path, out: out.path, created: "2000-01-01T00:00:00Z")
    func read(_ name: String) throws -> String {
      try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
    }
    let tex = try read("tables/regressions.tex")
    #expect(tex.contains("\\usepackage{siunitx}") && tex.contains("S[table-format="))
    #expect(tex.contains("\nyear: 2015 (ref.) &  & {---} \\\\\n"))
    #expect(try read("tables/regressions.csv").contains("\nyear: 2015 (ref.),,—\n"))
    #expect(try read("tables/regressions.md").contains("| year: 2015 (ref.) |  | — |"))
    #expect(try read("report.md").contains("| year: 2015 (ref.) |  | — |"))

    let (bad, badPath) = try StudyFixtures.make(
      spec: TableSpecTests.spec("table:\n  latex_columns: aligned"), files: [:])
    defer { try? FileManager.default.removeItem(at: bad) }
    do {
      _ = try Study.validate(spec: badPath, out: bad.appendingPathComponent("out").path)
      Issue.record("latex_columns: aligned was accepted")
    } catch let error as SpecError {
      #expect(error.issues.contains { $0.keyPath == "table.latex_columns" && $0.line == 7 })
    }
  }
}

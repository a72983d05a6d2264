import Foundation
import Testing

@testable import Studies

/// The side-by-side regression table as a referee expects it (issue 16): standard errors in
/// parentheses, stars only on estimates, labels/omit/keep/order, and the same cells in Markdown,
/// CSV, LaTeX (that compiles with pdflatex when installed) and HTML.
@Suite struct RegressionTableTests {
  typealias Row = RegressionColumn.Row

  static func row(_ term: String, _ estimate: Double?, _ se: Double?, _ p: Double?) -> Row {
    Row(
      term: term, estimate: estimate, standardError: se, pValue: p,
      low: estimate.flatMap { e in se.map { e - 1.96 * $0 } },
      high: estimate.flatMap { e in se.map { e + 1.96 * $0 } })
  }

  /// Two models: negative estimates, an aliased and a withheld term, year dummies, special
  /// characters in names and labels.
  static let columns = [
    RegressionColumn(
      label: "score_gap & 50%", model: "OLS", response: "stem_score",
      rows: [
        row("(Intercept)", 54.123, 0.297, 1e-12), row("female", -1.897, 0.123, 1e-9),
        row("ses", 2.015, 0.065, 0.004), row("year[2016]", 0.689, 0.168, 0.03),
        row("year[2017]", 0.2, 0.178, 0.26), row("apprentice", nil, nil, nil),
      ],
      statistics: [.init("Observations", "21,590"), .init("R²", "0.291")],
      fixedEffects: [], standardErrors: "Newey-West by learner_id", level: 0.95),
    RegressionColumn(
      label: "model #2", model: "OLS", response: "stem_score",
      rows: [
        row("female", -0.5, 0.1, 1e-5),
        Row(
          term: "track[care]", estimate: nil, standardError: nil, pValue: nil, low: nil,
          high: nil, suppressed: true),
      ],
      statistics: [.init("Observations", "1,000"), .init("Adj. R²", "0.120")],
      fixedEffects: ["school_id"], standardErrors: "Clustered (school_id)", level: 0.95),
  ]

  static func texts(_ table: ReportTable) -> [[String]] { table.rows.map { $0.map(\.text) } }

  @Test func standardErrorsInParenthesesAndStarsOnlyOnEstimates() throws {
    let table = RegressionTableBuilder.table(Self.columns)
    let rows = Self.texts(table)
    #expect(rows.contains(["female", "-1.897***", "-0.500***"]))
    #expect(rows.contains(["", "(0.123)", "(0.100)"]))
    #expect(rows.contains(["ses", "2.015**", ""]))
    #expect(rows.contains(["year[2017]", "0.200", ""]), "p = 0.26 has no star")
    #expect(rows.contains(["apprentice", "(aliased)", ""]), "a dropped term carries no star")
    #expect(rows.contains(["track[care]", "", ReportTable.suppressedMarker]))
    #expect(rows.last == ["Standard errors", "Newey-West by learner_id", "Clustered (school_id)"])
    #expect(rows.contains(["Fixed effects: school_id", "No", "Yes"]))
    #expect(rows.contains(["R²", "0.291", ""]) && rows.contains(["Adj. R²", "", "0.120"]))
    let intercept = try #require(rows.firstIndex { $0.first == "(Intercept)" })
    let observations = try #require(rows.firstIndex { $0.first == "Observations" })
    #expect(intercept == observations - 2, "the intercept is the last coefficient")
    #expect(
      table.notes.first
        == "Standard errors in parentheses. * p < 0.05, ** p < 0.01, *** p < 0.001.")
    // Stars never sit on the uncertainty rows, the fit rows or the label column.
    for row in rows.dropFirst() where !row[0].isEmpty && !row[0].hasPrefix("(") {
      if ["Observations", "R²", "Adj. R²", "Standard errors"].contains(row[0]) {
        #expect(!row.joined().contains("*"))
      }
    }
    for row in rows where row[0].isEmpty { #expect(!row.joined().contains("*")) }
  }

  @Test func bracketsIntervalsAndStarLevelsAreOptions() throws {
    let options = TableOptions(
      uncertainty: .confidenceInterval, brackets: .brackets,
      stars: [.init("+", 0.1), .init("*", 0.05)], digits: 2)
    let table = RegressionTableBuilder.table(Self.columns, options: options)
    let rows = Self.texts(table)
    #expect(rows.contains(["female", "-1.90*", "-0.50*"]))
    #expect(rows.contains(["", "[-2.14, -1.66]", "[-0.70, -0.30]"]))
    #expect(rows.contains(["year[2017]", "0.20", ""]))
    #expect(table.notes.first == "95% confidence intervals in brackets. + p < 0.1, * p < 0.05.")
    let none = RegressionTableBuilder.table(Self.columns, options: TableOptions(stars: []))
    #expect(!Self.texts(none).joined().joined().contains("*"))
    #expect(none.notes.first == "Standard errors in parentheses.")
  }

  @Test func labelsOmitKeepAndOrderChooseTheRows() throws {
    let options = TableOptions(
      labels: ["female": "Female", "(Intercept)": "Constant"],
      omit: [try TermPattern("year[*]")],
      order: [try TermPattern("ses"), try TermPattern("re:^fem")])
    let terms = Self.texts(RegressionTableBuilder.table(Self.columns, options: options))
      .map { $0[0] }.filter { !$0.isEmpty }
    #expect(
      Array(terms.prefix(6)) == ["Model", "ses", "Female", "apprentice", "track[care]", "Constant"])
    #expect(!terms.contains { $0.hasPrefix("year") })
    let regex = TableOptions(keep: [try TermPattern("re:^year\\[")])
    let kept = Self.texts(RegressionTableBuilder.table(Self.columns, options: regex))
      .map { $0[0] }.filter { !$0.isEmpty }
    #expect(Array(kept.prefix(3)) == ["Model", "year[2016]", "year[2017]"])
    #expect(kept[3] == "Observations")
    #expect(throws: TermPattern.Invalid.self) { try TermPattern("re:year[") }
    #expect(try TermPattern("C(track)?x").matches("C(track)1x"))
    #expect(try !TermPattern("year").matches("year[2016]"), "a glob matches the whole term")
  }

  @Test func latexHasBooktabsTrueMinusSignsAndMathRSquared() throws {
    let tex = TableRenderer.latex(RegressionTableBuilder.table(Self.columns))
    #expect(tex.hasPrefix("% Requires in the preamble: \\usepackage{booktabs}"))
    for part in [
      "\\toprule", "\\midrule", "\\bottomrule", "\\begin{threeparttable}",
      "\\begin{tablenotes}", "$-$1.897\\textsuperscript{***}", "(0.123)", "$R^2$ & 0.291",
      "Adj. $R^2$", "score\\_gap \\& 50\\%", "model \\#2", "Newey-West by learner\\_id",
      "\\item Standard errors in parentheses.",
    ] {
      #expect(tex.contains(part), "\(part)")
    }
    #expect(!tex.contains("R²") && !tex.contains("-1.897") && tex.contains("[c]"))
    #expect(!tex.contains("\\midrule\n\\bottomrule"), "no rule doubled at the end")
  }

  @Test func htmlMarkdownAndCSVShowTheSameCells() throws {
    let table = RegressionTableBuilder.table(Self.columns)
    let html = TableRenderer.html(table)
    #expect(html.contains("\u{2212}1.897<sup>***</sup>"))
    #expect(html.contains("score_gap &amp; 50%") && html.contains("<caption>"))
    #expect(html.contains("Newey-West") && !html.contains("Newey\u{2212}West"))
    #expect(TableRenderer.htmlDocument(table).hasPrefix("<!DOCTYPE html>"))
    let markdown = TableRenderer.markdown(table)
    let csv = TableRenderer.csv(table)
    for row in Self.texts(table) {
      #expect(markdown.contains("| " + row.joined(separator: " | ") + " |"))
      #expect(csv.contains(row.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",")))
    }
  }

  @Test func latexCompilesWithPdflatex() throws {
    guard let pdflatex = DocumentTools.executable("pdflatex") else { return }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vetstat-latex-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let describe = ReportTable(
      id: "profile_by_year", title: "Means by year_c & gender (≥ 15)",
      header: ["year", "gender", "N", "Mean"],
      rows: [
        [.text("2015"), .text("female"), .count(706), .number(-0.12, digits: 3)],
        [.text("All"), .text("~all^"), .suppressed, .empty],
      ], notes: ["Cells under 10 learners are withheld: [c]. Path C:\\data {x}."])
    let tables = [
      RegressionTableBuilder.table(Self.columns),
      RegressionTableBuilder.table(
        Self.columns, options: TableOptions(uncertainty: .confidenceInterval, brackets: .brackets)),
      describe,
    ]
    let result = try DocumentTools.compileLatex(
      tables, columns: .plain, with: pdflatex, in: folder)
    #expect(result.status == 0, "pdflatex: \(result.output.suffix(1500))")
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("doc.pdf").path))
    #expect(!result.output.contains("Missing character"), "no character lost")
  }
}

/// External document tools (pdflatex, soffice) for the tests that check our files open in them;
/// `nil` when absent or when `VETSTAT_SKIP_DOCUMENT_TOOLS=1`.
enum DocumentTools {
  static func executable(_ name: String) -> String? {
    if ProcessInfo.processInfo.environment["VETSTAT_SKIP_DOCUMENT_TOOLS"] == "1" { return nil }
    return ["/usr/bin/\(name)", "/usr/local/bin/\(name)"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

  /// Writes each table to its own `.tex` file, inputs them into one article with the packages
  /// the tables name, and compiles it with `pdflatex` in `folder` (`doc.tex`, `doc.pdf`).
  static func compileLatex(
    _ tables: [ReportTable], columns: LatexColumns, with pdflatex: String, in folder: URL
  ) throws -> (status: Int32, output: String) {
    var document = "\\documentclass{article}\n"
    document += TableRenderer.latexPackages(columns).map { "\\usepackage{\($0)}\n" }.joined()
    document += "\\begin{document}\n"
    for (i, table) in tables.enumerated() {
      try Data(TableRenderer.latex(table, columns: columns).utf8).write(
        to: folder.appendingPathComponent("t\(i).tex"))
      document += "\\input{t\(i).tex}\n"
    }
    document += "\\end{document}\n"
    try Data(document.utf8).write(to: folder.appendingPathComponent("doc.tex"))
    return try run(pdflatex, ["-interaction=nonstopmode", "-halt-on-error", "doc.tex"], in: folder)
  }

  /// Runs a tool in a folder; its standard output and error together.
  static func run(_ tool: String, _ arguments: [String], in folder: URL) throws -> (
    status: Int32, output: String
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    process.currentDirectoryURL = folder
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}

import Foundation
import Testing

@testable import Studies

/// The siunitx variant of the LaTeX table (issue 16: "booktabs, siunitx-aligned or plain"):
/// `S` columns whose `table-format` is measured from the numbers, stars and brackets as text
/// around the number with their space reserved, every non-numeric cell braced, fit statistics
/// centred; it compiles with pdflatex (and siunitx) when installed.
@Suite struct LatexColumnsTests {
  static let columns = RegressionTableTests.columns

  @Test func columnsAreMeasuredFromTheCoefficients() {
    let tex = TableRenderer.latex(RegressionTableBuilder.table(Self.columns), columns: .siunitx)
    #expect(
      tex.hasPrefix(
        "% Requires in the preamble: \\usepackage{booktabs} "
          + "\\usepackage{threeparttable} \\usepackage{siunitx}\n"))
    // 54.123 and -1.897 in the first model, -0.500 in the second: sign, 2 (1) integer digits,
    // 3 decimals; brackets before and three stars after the widest.
    let text =
      "table-space-text-pre={(}, table-align-text-before=false, "
      + "table-space-text-post={\\textsuperscript{***}}"
    #expect(
      tex.contains(
        "\\begin{tabular}{l\n  S[table-format=-2.3, \(text)]\n"
          + "  S[table-format=-1.3, \(text)]}\n"))
    #expect(tex.contains("{Term} &") == false && tex.contains("Term & {score\\_gap \\& 50\\%}"))
    #expect(
      tex.contains("female & -1.897{\\textsuperscript{***}} & -0.500{\\textsuperscript{***}}"))
    #expect(tex.contains(" & {(}0.123{)} & {(}0.100{)} \\\\"))
    #expect(tex.contains("apprentice & {(aliased)} &  \\\\"))
    #expect(tex.contains("track[care] &  & {[c]} \\\\"))
    // Fit rows are centred text: they do not widen the columns.
    #expect(tex.contains("Observations & {21,590} & {1,000} \\\\"))
    #expect(tex.contains("$R^2$ & {0.291} &  \\\\"))
    #expect(!tex.contains("$-$"), "siunitx sets the minus sign of the numbers")
  }

  @Test func intervalsAndTextColumnsAreBraced() {
    let options = TableOptions(uncertainty: .confidenceInterval, brackets: .brackets)
    let tex = TableRenderer.latex(
      RegressionTableBuilder.table(Self.columns, options: options), columns: .siunitx)
    #expect(tex.contains("{[$-$2.138, $-$1.656]}"), "an interval is text")
    #expect(tex.contains("S[table-format=-2.3, table-space-text-post={\\textsuperscript{***}}]"))
    let words = ReportTable(
      id: "t", title: "Words", header: ["a", "b", "n"],
      rows: [[.text("x"), .text("yes"), .count(12)], [.text("y"), .text("no"), .count(1234)]])
    let spec = TableRenderer.latex(words, columns: .siunitx)
    #expect(spec.contains("\\begin{tabular}{lc\n  S[table-format=4]}"))
    #expect(spec.contains("x & {yes} & 12 \\\\"))
  }

  @Test func plainIsTheDefaultAndUnchanged() throws {
    let table = RegressionTableBuilder.table(Self.columns)
    #expect(TableRenderer.latex(table) == TableRenderer.latex(table, columns: .plain))
    #expect(TableRenderer.latex(table).contains("\\begin{tabular}{lcc}"))
    #expect(
      String(decoding: try TableFormat.tex.render(table, latexColumns: .siunitx), as: UTF8.self)
        == TableRenderer.latex(table, columns: .siunitx))
  }

  @Test func siunitxTablesCompileWithPdflatex() throws {
    guard let pdflatex = DocumentTools.executable("pdflatex") else { return }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vetstat-siunitx-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var withReference = Self.columns
    withReference[1].references = ["track": "agri"]
    var options = TableOptions(uncertainty: .confidenceInterval, brackets: .brackets)
    options.referenceLevels = true
    let tables = [
      RegressionTableBuilder.table(Self.columns),
      RegressionTableBuilder.table(withReference, options: options),
      ReportTable(
        id: "profile", title: "Means (≥ 15)", header: ["year", "N", "Mean"],
        rows: [
          [.text("2015"), .count(706), .number(-0.12, digits: 3)],
          [.text("All"), .suppressed, .empty],
        ]),
    ]
    let result = try DocumentTools.compileLatex(
      tables, columns: .siunitx, with: pdflatex, in: folder)
    #expect(result.status == 0, "pdflatex: \(result.output.suffix(1500))")
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("doc.pdf").path))
    #expect(!result.output.contains("Missing character"), "no character lost")
    let log = try String(contentsOf: folder.appendingPathComponent("doc.log"), encoding: .utf8)
    #expect(!log.contains("Package siunitx Warning"), "no siunitx warning")
  }
}

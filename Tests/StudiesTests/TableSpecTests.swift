import DataTable
import Foundation
import Testing

@testable import Studies

/// The spec's `table:` block (issue 16): it chooses and orders the models, labels and omits
/// terms, sets brackets, and writes the regression table in further formats; a wrong key is
/// reported with its key path and line.
@Suite struct TableSpecTests {
  static let data = StudyFixtures.root.appendingPathComponent("datasets/demo/stem_scores_demo.csv")

  static func spec(_ table: String) -> String {
    """
    study: Table block
    data: {path: \(data.path)}
    analyses:
      - {name: base, kind: ols, formula: "score ~ female", vcov: {cluster: school_id}}
      - {name: full, kind: ols, formula: "score ~ female + ses + C(year)", vcov: {cluster: school_id}}
    \(table)
    outputs: [markdown, json, csv, latex]

    """
  }

  @Test func blockLaysOutTheReportTableAndWritesItsFormats() throws {
    let (folder, path) = try StudyFixtures.make(
      spec: Self.spec(
        """
        table:
          models: [full, base]
          labels: {female: Female}
          omit: ["year[*]"]
          brackets: brackets
          title: Scores by gender
          formats: [html, docx, xlsx, md, csv]
        """), files: [:])
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("report")
    try Study.run(spec: path, out: out.path, created: "2000-01-01T00:00:00Z")
    let csv = try String(
      contentsOf: out.appendingPathComponent("tables/regressions.csv"), encoding: .utf8)
    let lines = csv.split(separator: "\n").map(String.init)
    #expect(lines.first == "Term,full,base")
    #expect(lines.contains("Female,-1.645**,-2.058***"))
    #expect(lines.contains(",[0.546],[0.582]"))
    #expect(!csv.contains("year["))
    for name in ["html", "docx", "xlsx", "md"] {
      #expect(
        FileManager.default.fileExists(
          atPath: out.appendingPathComponent("tables/regressions.\(name)").path), "\(name)")
    }
    let workbook = try DataReader.read(
      path: out.appendingPathComponent("tables/regressions.xlsx").path)
    #expect(workbook.columnNames == ["Term", "full", "base"])
    let report = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(report.contains("**Scores by gender**") && report.contains("| Female |"))
  }

  @Test func badBlockIsReportedWithKeyPathAndLine() throws {
    let (folder, path) = try StudyFixtures.make(
      spec: Self.spec(
        """
        table:
          models: [base, nope]
          omit: ["re:year["]
          uncertainty: sd
          formats: [pdf]
          colour: red
        """), files: [:])
    defer { try? FileManager.default.removeItem(at: folder) }
    do {
      _ = try Study.validate(spec: path, out: folder.appendingPathComponent("out").path)
      Issue.record("the spec was accepted")
    } catch let error as SpecError {
      let found = error.issues.map { "\($0.line) \($0.keyPath)" }
      for expected in [
        "7 table.models", "8 table.omit", "9 table.uncertainty", "10 table.formats",
        "11 table.colour",
      ] {
        #expect(found.contains(expected), "\(expected) in \(found)")
      }
    }
  }
}

import Foundation
import Studies
import Testing

/// The report says what was protected and how, and claims nothing that was not applied (issue
/// 13): counts of cells suppressed by rule and as complements equal what the tables withheld;
/// without a panel unit it says rows are counted; with complementary suppression off it says a
/// cell may be recoverable; without recognised identifiers it does not claim none appears.
@Suite struct ProtectionStatementTests {
  static func report(_ folder: URL) throws -> String {
    try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
  }

  @Test func statedCountsAreTheCellsWithheld() throws {
    // Track 'rare' (3 learners) is suppressed by rule; one other track as its complement.
    let (_, folder) = try LearnerCountTests.run(
      """
        - {name: means, kind: indicator, measure: "mean(score)", by: [track]}
      """)
    let text = try Self.report(folder)
    #expect(text.contains("1 cell(s) were suppressed by this rule and 1 more withheld"), "\(text)")
    #expect(text.contains("fewer than 10 distinct learners"))
    #expect(text.contains("chosen over all 2 count table(s) at once"), "\(text)")
    #expect(text.contains("a linear-programming audit (as `vetstat audit`)"))
    #expect(text.contains("Identifiers withheld: `learner_id`"))
    #expect(!text.contains("No learner identifier appears"))
  }

  @Test func noPanelNoComplementsNoIdentifiersAreStatedAsSuch() throws {
    var lines = ["g,x"]
    for i in 0..<40 { lines.append("\(i < 4 ? "small" : "big\(i % 2)"),\(Double(i) * 0.5 + 0.25)") }
    let (_, spec) = try StudyFixtures.make(
      spec: """
        study: Plain
        data: {path: data/t.csv}
        disclosure: {min_cell: 10, complementary: false}
        analyses:
          - {name: means, kind: indicator, measure: "mean(x)", by: [g]}
        outputs: {folder: out, formats: [markdown, json]}
        """, files: ["t.csv": lines.joined(separator: "\n") + "\n"])
    let (_, folder) = try Study.run(spec: spec)
    let text = try Self.report(folder)
    #expect(text.contains("rows (no panel unit is declared"), "\(text)")
    #expect(text.contains("1 cell(s) were suppressed by this rule"))
    #expect(text.contains("complementary suppression is off"))
    #expect(text.contains("was not audited") && !text.contains("a linear-programming audit"))
    #expect(text.contains("No column was recognised as an identifier"))
    #expect(!text.contains("Identifiers withheld") && !text.contains("No learner identifier"))
  }
}

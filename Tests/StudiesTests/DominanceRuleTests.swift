import Foundation
import Studies
import Testing

/// The optional dominance rule (issue 13): `disclosure: {dominance: 0.8}` also suppresses a cell
/// in which one institution (the panel group) holds more than 80% of the observations, however
/// many learners it has; the spec is refused without a group column or with a share outside
/// (0, 1).
@Suite struct DominanceRuleTests {
  /// 60 learners: track `x` (20 learners) all in school 1; track `y` (40) over schools 2 to 4.
  static let data: String = {
    var lines = ["learner_id,school_id,year,track"]
    for learner in 0..<60 {
      let school = learner < 20 ? 1 : 2 + learner % 3
      lines.append("\(learner + 100),\(school),2024,\(learner < 20 ? "x" : "y")")
    }
    return lines.joined(separator: "\n") + "\n"
  }()

  static func spec(_ disclosure: String, group: Bool = true) -> String {
    """
    study: Dominance
    data:
      path: data/d.csv
      panel: {unit: learner_id, time: year\(group ? ", group: school_id" : "")}
    disclosure: \(disclosure)
    analyses:
      - {name: tracks, kind: indicator, measure: "count()", by: [track]}
    outputs: {folder: out, formats: [markdown, json]}
    """
  }

  @Test func aCellHeldByOneSchoolIsSuppressed() throws {
    let (_, path) = try StudyFixtures.make(
      spec: Self.spec("{min_cell: 10, dominance: 0.8}"), files: ["d.csv": Self.data])
    let (_, folder) = try Study.run(spec: path)
    let json =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: folder.appendingPathComponent("results.json"))) as? [String: Any]
      ?? [:]
    let result = LearnerCountTests.result(json, "tracks")
    let cells = result["cells"] as? [[String: Any]] ?? []
    let x = cells.first { ($0["by"] as? [String: Any])?["track"] as? String == "x" }
    #expect(x?["suppressed"] as? Bool == true && x?["n"] is NSNull, "\(cells)")
    let disclosure = result["disclosure"] as? [String: Any]
    #expect(disclosure?["primary_suppressions"] as? Int == 1)
    #expect(try StudyAudit.run(folder: folder).passed)
    let report = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(
      report.contains("holds more than 80% of its observations (dominance rule)"), "\(report)")
    // Without the rule the same cell (20 learners) is published.
    let (_, plain) = try StudyFixtures.make(
      spec: Self.spec("{min_cell: 10}"), files: ["d.csv": Self.data])
    let (_, plainFolder) = try Study.run(spec: plain)
    let plainText = try String(
      contentsOf: plainFolder.appendingPathComponent("results.json"), encoding: .utf8)
    #expect(!plainText.contains("\"suppressed\": true"))
  }

  @Test func theRuleNeedsAGroupAndAShareBetweenZeroAndOne() throws {
    for (disclosure, group, message) in [
      ("{dominance: 0.8}", false, "needs the institution column as data.panel.group"),
      ("{dominance: 1.5}", true, "between 0 and 1"),
    ] {
      let (_, path) = try StudyFixtures.make(
        spec: Self.spec(disclosure, group: group), files: ["d.csv": Self.data])
      #expect {
        try Study.validate(spec: path)
      } throws: { error in
        "\(error)".contains("disclosure.dominance") && "\(error)".contains(message)
      }
    }
  }
}

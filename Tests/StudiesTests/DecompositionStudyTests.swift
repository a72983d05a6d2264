import Foundation
import Studies
import Testing

/// `kind: decomposition` in a study spec: Tests/Fixtures/decomposition/union_gap.yaml end to end
/// (the document's parts equal the model references of oaxaca_reference.json and
/// fairlie_reference.json), the refusal of small groups and the spec mistakes it reports.
@Suite struct DecompositionStudyTests {
  static let folder = StudyFixtures.root.appendingPathComponent("Tests/Fixtures/decomposition")

  static func reference(_ file: String) throws -> [String: Any] {
    let data = try Data(contentsOf: folder.appendingPathComponent(file))
    return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
  }

  @Test func unionStudyWritesThePartsAndTheTable() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vetstat-decomposition-\(UUID().uuidString)")
    let run = try Study.run(
      spec: Self.folder.appendingPathComponent("union_gap.yaml").path, out: out.path)
    let data = try Data(contentsOf: run.folder.appendingPathComponent("results.json"))
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let analyses = try #require(root["analyses"] as? [[String: Any]])
    let oaxaca = try #require(analyses.first?["result"] as? [String: Any])
    #expect(oaxaca["model"] as? String == "oaxaca")
    let groups = try #require(oaxaca["groups"] as? [[String: Any]])
    #expect(groups.map { $0["n"] as? Int } == [402, 143])
    let expected = try #require(
      (try Self.reference("oaxaca_reference.json")["jann_1987_normalised_pooled"]
        as? [String: Any])?["components"] as? [String: [Double]])
    let components = try #require(oaxaca["components"] as? [[String: Any]])
    #expect(components.count == 8)
    for row in components {
      let part = row["part"] as? String ?? ""
      let values = try #require(expected[part], "\(part)")
      #expect(abs((row["estimate"] as? Double ?? .nan) - values[0]) < 1e-8)
      #expect(abs((row["std_error"] as? Double ?? .nan) - values[1]) < 1e-8)
    }
    let detailed = try #require(oaxaca["detailed"] as? [[String: Any]])
    #expect(detailed.contains { $0["term"] as? String == "occupation[1]" })

    let fairlie = try #require(analyses.last?["result"] as? [String: Any])
    #expect(fairlie["model"] as? String == "fairlie")
    let explained = try #require(
      (try Self.reference("fairlie_reference.json")["logit"] as? [String: Any])?["explained"]
        as? [Double])
    let parts = try #require(fairlie["components"] as? [[String: Any]])
    let mine = try #require(parts.first { $0["part"] as? String == "explained" })
    #expect(abs((mine["estimate"] as? Double ?? .nan) - explained[0]) < 1e-8)
    let table = try String(
      contentsOf: run.folder.appendingPathComponent("tables/wage_gap.csv"), encoding: .utf8)
    #expect(table.contains("Unexplained") && table.contains("Endowments"))
    let svg = try String(
      contentsOf: run.folder.appendingPathComponent("figures/wage_gap.svg"), encoding: .utf8)
    #expect(svg.contains("occupation[1]") && svg.contains("Explained"))
  }

  static func check(_ analysis: String, run: Bool = false, minCell: Int? = nil) throws -> String {
    let csv = try String(
      contentsOf: folder.appendingPathComponent("wage_1987.csv"), encoding: .utf8)
    let protection = minCell.map { "disclosure: {min_cell: \($0)}\n" } ?? ""
    let (dir, spec) = try StudyFixtures.make(
      spec: """
        study: Decomposition mistakes
        data: {path: data/data.csv}
        \(protection)analyses:
          - \(analysis)
        outputs: [json]
        """, files: ["data.csv": csv])
    do {
      if run {
        _ = try Study.run(spec: spec, out: dir.appendingPathComponent("out").path)
      } else {
        try Study.validate(spec: spec)
      }
      return ""
    } catch {
      return "\(error)"
    }
  }

  @Test func mistakesAreReported() throws {
    let base = "{name: g, kind: decomposition, formula: \"lwage ~ educ\""
    #expect(try Self.check(base + ", group: union}").isEmpty)
    #expect(try Self.check(base + ", group: union, reference: mean}").contains("reference"))
    #expect(try Self.check(base + ", group: unoin}").contains("union"))
    #expect(
      try Self.check(base + ", group: union, replications: 10}").contains(
        "not an option of method oaxaca"))
    #expect(
      try Self.check(base + ", group: union, method: fairlie, reference: neumark}").contains(
        "a, b or pooled"))
    let levels = try Self.check(base + ", group: occupation}", run: true)
    #expect(levels.contains("exactly 2"), "\(levels)")
  }

  @Test func smallGroupsAreNotPublished() throws {
    // 143 union members: publishable at min_cell 100, refused at 150.
    let base = "{name: g, kind: decomposition, formula: \"lwage ~ educ\", group: union}"
    #expect(try Self.check(base, run: true, minCell: 100).isEmpty)
    let refused = try Self.check(base, run: true, minCell: 150)
    #expect(refused.contains("fewer than min_cell"), "\(refused)")
  }
}

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

  /// The first analysis's result document of a study on a fixture file.
  static func document(_ analysis: String, file: String) throws -> [String: Any] {
    let csv = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
    let (dir, spec) = try StudyFixtures.make(
      spec: """
        study: Fixed regressors
        data: {path: data/data.csv}
        analyses:
          - \(analysis)
        outputs: [json]
        """, files: ["data.csv": csv])
    let run = try Study.run(spec: spec, out: dir.appendingPathComponent("out").path)
    let data = try Data(contentsOf: run.folder.appendingPathComponent("results.json"))
    let root = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    let analyses = root?["analyses"] as? [[String: Any]]
    return analyses?.first?["result"] as? [String: Any] ?? [:]
  }

  /// Largest absolute difference between a document's components and detailed parts and a case
  /// of oaxaca_reference.json, with the number of values compared.
  static func difference(_ document: [String: Any], _ reference: [String: Any]) -> (Double, Int) {
    var worst = 0.0
    var compared = 0
    func compare(_ row: [String: Any], _ values: [Double]?) {
      guard let values else { return }
      worst = max(
        worst, abs((row["estimate"] as? Double ?? .nan) - values[0]),
        abs((row["std_error"] as? Double ?? .nan) - values[1]))
      compared += 2
    }
    let components = reference["components"] as? [String: [Double]] ?? [:]
    for row in document["components"] as? [[String: Any]] ?? [] {
      compare(row, components[row["part"] as? String ?? ""])
    }
    let detailed = reference["detailed"] as? [String: [String: [Double]]] ?? [:]
    for row in document["detailed"] as? [[String: Any]] ?? [] {
      compare(row, detailed[row["part"] as? String ?? ""]?[row["term"] as? String ?? ""])
    }
    return (worst.isNaN ? .infinity : worst, compared)
  }

  /// `fixed_regressors: true` holds the covariate means fixed (Stata `oaxaca, fixed`): a study
  /// gives Jann's fixed-regressor standard errors, classic and clustered, where the default
  /// (random regressors) gives wider ones.
  @Test func fixedRegressorsKeyGivesJannsFixedStandardErrors() throws {
    let reference = try Self.reference("oaxaca_reference.json")
    let formula = "lwage ~ educ + exper + expersq + married + black + hisp + C(occupation)"
    let entry = "{name: gap, kind: decomposition, formula: \"\(formula)\", group: union, "
    let fixed = try Self.document(
      entry + "reference: pooled, threefold: true, fixed_regressors: true}",
      file: "wage_1987.csv")
    let (d1, n1) = Self.difference(
      fixed, reference["jann_1987_fixed_pooled"] as? [String: Any] ?? [:])
    #expect(n1 > 40 && d1 < 1e-8, "fixed pooled: \(d1) over \(n1) values")
    let clustered = try Self.document(
      entry + "reference: a, threefold: true, cluster: nr, fixed_regressors: true}",
      file: "wage_panel.csv")
    let (d2, n2) = Self.difference(
      clustered, reference["jann_panel_cluster_fixed_a"] as? [String: Any] ?? [:])
    #expect(n2 > 40 && d2 < 1e-8, "cluster fixed a: \(d2) over \(n2) values")
    // The default treats the regressors as random: its explained part has a wider interval,
    // and the key must have changed the document.
    let random = try Self.document(
      entry + "reference: pooled, threefold: true, fixed_regressors: false}",
      file: "wage_1987.csv")
    let (d3, _) = Self.difference(
      random, reference["jann_1987_fixed_pooled"] as? [String: Any] ?? [:])
    #expect(d3 > 1e-4)
    func explainedSE(_ document: [String: Any]) -> Double {
      let rows = document["components"] as? [[String: Any]] ?? []
      return rows.first { $0["part"] as? String == "explained" }?["std_error"] as? Double ?? .nan
    }
    #expect(explainedSE(fixed) < 0.7 * explainedSE(random))
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
    let notBool = try Self.check(base + ", group: union, fixed_regressors: [educ]}")
    #expect(notBool.contains("fixed_regressors") && notBool.contains("true or false"), "\(notBool)")
    #expect(
      try Self.check(base + ", group: union, method: fairlie, fixed_regressors: true}").contains(
        "'fixed_regressors' is not an option of method fairlie"))
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

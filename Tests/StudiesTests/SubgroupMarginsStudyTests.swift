import Foundation
import Studies
import Testing

/// `marginal_effects: {variables, by}` on the model kinds: the subgroup effects of a spec equal
/// the model references (Tests/Fixtures/margins_by/reference.json), a subgroup smaller than
/// `min_cell` learners stops the analysis, and a bad column is reported with its key path.
@Suite struct SubgroupMarginsStudyTests {
  static let data = StudyFixtures.root.appendingPathComponent("datasets/vet_learners_sample.csv")

  static func spec(_ analysis: String, minCell: Int = 10) throws -> String {
    try StudyFixtures.make(
      spec: """
        study: Effects for whom
        data: {path: \(data.path), panel: {unit: learner_id, time: year}}
        disclosure: {min_cell: \(minCell)}
        analyses:
          - \(analysis)
        outputs: [json, csv, svg]
        """, files: [:]
    ).spec
  }

  static func firstResult(_ spec: String) throws -> [String: Any] {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vetstat-margins-\(UUID().uuidString)")
    let run = try Study.run(spec: spec, out: out.path)
    let data = try Data(contentsOf: run.folder.appendingPathComponent("results.json"))
    let figure = run.folder.appendingPathComponent("figures/m_marginal_effects.svg")
    #expect(FileManager.default.fileExists(atPath: figure.path), "no forest plot")
    let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    let analyses = root["analyses"] as? [[String: Any]] ?? []
    return analyses.first?["result"] as? [String: Any] ?? [:]
  }

  @Test(arguments: ["logit", "ols"])
  func subgroupEffectsEqualTheReference(kind: String) throws {
    let formula =
      kind == "logit"
      ? "stem_enrolled ~ treated + female + migrant + ses"
      : "stem_score ~ treated * female + migrant + ses"
    let result = try Self.firstResult(
      try Self.spec(
        "{name: m, kind: \(kind), formula: \"\(formula)\", marginal_effects: "
          + "{variables: [treated, ses], by: [female, migrant]}}"))
    let rows = try #require(result["marginal_effects_by"] as? [[String: Any]])
    #expect(rows.count == 14)
    let worst = try Self.largestDifference(rows, reference: "reference.json", model: kind)
    #expect(worst < 1e-7, "\(kind): \(worst)")
  }

  /// The largest absolute difference of the rows' estimates and standard errors from a model of
  /// a reference file in Tests/Fixtures/margins_by (keyed by term, then `by=level` or
  /// `overall`).
  static func largestDifference(_ rows: [[String: Any]], reference file: String, model: String)
    throws -> Double
  {
    let url = StudyFixtures.root.appendingPathComponent("Tests/Fixtures/margins_by/\(file)")
    let reference = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
    let values = reference?[model] as? [String: Any] ?? [:]
    var worst = 0.0
    for row in rows {
      let term = row["term"] as? String ?? ""
      let key =
        (row["by"] as? String).map { "\($0)=\(row["level"] as? String ?? "")" } ?? "overall"
      let expected = try #require((values[term] as? [String: [Double]])?[key], "\(term) \(key)")
      worst = max(
        worst, abs((row["estimate"] as? Double ?? .nan) - expected[0]),
        abs((row["std_error"] as? Double ?? .nan) - expected[1]))
    }
    return worst
  }

  @Test func fixedEffectsKindTakesTheKey() throws {
    let result = try Self.firstResult(
      try Self.spec(
        "{name: m, kind: ols, formula: \"stem_score ~ treated * female + ses | learner_id\", "
          + "marginal_effects: {variables: [treated], by: [female]}}"))
    let rows = try #require(result["marginal_effects_by"] as? [[String: Any]])
    let coefficients = try #require(result["coefficients"] as? [[String: Any]])
    let interaction = coefficients.first { $0["term"] as? String == "treated:female" }
    let difference = rows.first { $0["difference"] as? Bool == true }
    #expect(rows.count == 4)
    #expect(
      abs(
        (difference?["estimate"] as? Double ?? .nan)
          - (interaction?["estimate"] as? Double ?? 0)) < 1e-10)
  }

  @Test func fixedEffectsLogitTakesFactorsAndTheKey() throws {
    let result = try Self.firstResult(
      try Self.spec(
        "{name: m, kind: logit, formula: \"stem_enrolled ~ C(track) + ses + treated | school_id\", "
          + "vcov: iid, marginal_effects: {variables: [track, treated], by: [female]}}"))
    let rows = try #require(result["marginal_effects_by"] as? [[String: Any]])
    // Five track levels and treated, each overall, by female (2) and the difference.
    #expect(rows.count == 24)
    let worst = try Self.largestDifference(
      rows, reference: "factor_reference.json", model: "fe_logit")
    #expect(worst < 1e-7, "fixed-effects logit: \(worst)")
  }

  @Test func smallSubgroupsAndBadColumnsAreRefused() throws {
    let analysis =
      "{name: m, kind: logit, formula: \"stem_enrolled ~ treated + ses\", marginal_effects: "
      + "{variables: [treated], by: [region]}}"
    do {
      _ = try Self.firstResult(try Self.spec(analysis, minCell: 2000))
      Issue.record("a subgroup below min_cell should stop the analysis")
    } catch {
      #expect("\(error)".contains("fewer than min_cell"), "\(error)")
    }
    let bad = try Self.spec(
      "{name: m, kind: ols, formula: \"stem_score ~ treated\", marginal_effects: "
        + "{variables: [treated], by: [femal]}}")
    do {
      try Study.validate(spec: bad)
      Issue.record("validation should fail")
    } catch {
      #expect("\(error)".contains("marginal_effects.by[0]"), "\(error)")
    }
  }
}

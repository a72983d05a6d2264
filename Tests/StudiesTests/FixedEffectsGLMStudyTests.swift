import DataTable
import Foundation
import Inference
import Models
import Studies
import Testing

/// Study kinds logit/probit/poisson with fixed effects after `|`: dispatch to the fixed-effects
/// GLM (default covariance clustered by the first effect, as fixest) and spec checks of the keys
/// it does not take.
@Suite struct FixedEffectsGLMStudyTests {
  static func panelText() throws -> String {
    try String(
      contentsOf: StudyFixtures.root.appendingPathComponent("Tests/Fixtures/panel/panel_20000.csv"),
      encoding: .utf8)
  }

  @Test func logitKindWithFixedEffects() throws {
    let (_, spec) = try StudyFixtures.make(
      spec: """
        study: FE logit
        data: {path: data/panel.csv, panel: {unit: learner_id, time: year, group: school_id}}
        analyses:
          - name: stem
            kind: logit
            formula: "stem_enrolled ~ early_leaver + age + ses | school_id + year"
        outputs: {folder: out}
        """, files: ["panel.csv": try Self.panelText()])
    let (_, out) = try Study.run(spec: spec)
    let text = try String(contentsOf: out.appendingPathComponent("results.json"), encoding: .utf8)
    let root = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    let analyses = root["analyses"] as? [[String: Any]] ?? []
    let result = analyses.first?["result"] as? [String: Any] ?? [:]
    #expect(result["model"] as? String == "logit")
    #expect(result["vcov"] as? String == "cluster(school_id)")
    #expect(result["nobs"] as? Int == 18921)
    let rows = result["coefficients"] as? [[String: Any]] ?? []
    let ses = rows.first { $0["term"] as? String == "ses" } ?? [:]
    #expect(abs((ses["estimate"] as? Double ?? 0) - 0.23258450233890868) < 1e-6)
    #expect(abs((ses["std_error"] as? Double ?? 0) - 0.030828592359633134) < 1e-6)
    // No identifier (school or learner) leaks: the effects are absorbed, never listed.
    #expect(!text.contains("\"levels_values\""))
  }

  @Test func keysWithoutFixedEffectsAreSpecErrors() throws {
    let (_, spec) = try StudyFixtures.make(
      spec: """
        study: FE logit with margins
        data: {path: data/panel.csv}
        analyses:
          - name: stem
            kind: logit
            formula: "stem_enrolled ~ ses | school_id"
            marginal_effects: [ses]
        outputs: {folder: out}
        """,
      files: ["panel.csv": "learner_id,school_id,year,ses,stem_enrolled\n1,1,2020,0.5,1\n"])
    #expect {
      try Study.validate(spec: spec)
    } throws: { error in
      "\(error)".contains("analyses[0].marginal_effects")
    }
  }
}

import Foundation
import Testing

/// `vetstat fit --model logit|probit|poisson` with fixed effects after `|`: dispatch to the
/// fixed-effects GLM, its result document (fixed effects, dropped levels, IRLS convergence), and
/// exit codes (unsupported link or option: 2; IRLS that does not converge: 1).
@Suite struct FixedEffectsGLMCommandTests {
  static let panel = GLMCommandTests.fixture("panel/panel_20000.csv")
  static let formula = "stem_enrolled ~ early_leaver + age + ses | school_id + year"

  @Test func logitDocumentMatchesPyfixest() throws {
    let result = try CLIRunner.run([
      "fit", Self.panel, "--formula", Self.formula, "--model", "logit", "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let document =
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    #expect(document["model"] as? String == "logit")
    #expect(document["fixed_effects_model"] as? Bool == true)
    #expect(document["converged"] as? Bool == true)
    #expect(document["nobs"] as? Int == 18921)
    #expect(document["vcov"] as? String == "cluster(school_id)")
    let dropped = document["dropped"] as? [String: Any] ?? [:]
    #expect(dropped["singletons"] as? Int == 21)
    #expect(dropped["no_variation"] as? Int == 1058)
    let effects = document["fixed_effects"] as? [[String: Any]] ?? []
    #expect(effects.map { $0["name"] as? String } == ["school_id", "year"])
    #expect(effects.first?["levels_dropped_no_variation"] as? Int == 172)
    let inference = document["inference"] as? [String: Any] ?? [:]
    #expect(inference["distribution"] as? String == "normal")
    // pyfixest feglm logit, CRV1 by school (Tests/Fixtures/panel/feglm_reference.json); the CLI
    // runs at the default tolerances, so agreement is to 1e-6 here.
    let rows = document["coefficients"] as? [[String: Any]] ?? []
    let ses = rows.first { $0["term"] as? String == "ses" } ?? [:]
    #expect(abs((ses["estimate"] as? Double ?? 0) - 0.23258450233890868) < 1e-6)
    #expect(abs((ses["std_error"] as? Double ?? 0) - 0.030828592359633134) < 1e-6)
  }

  @Test func textSummaryNamesDroppedLevels() throws {
    let result = try CLIRunner.run([
      "fit", Self.panel, "--formula", Self.formula, "--model", "poisson", "--vcov", "iid",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Fixed-effects poisson"))
    #expect(result.stdout.contains("in levels whose outcome does not vary"))
    #expect(result.stdout.contains("IRLS: converged"))
    #expect(result.stdout.contains("z value"))
  }

  @Test func unsupportedLinkIsBadInput() throws {
    let result = try CLIRunner.run([
      "fit", Self.panel, "--formula", Self.formula, "--model", "logit", "--link", "cloglog",
    ])
    #expect(result.status == 2)
    #expect(result.stderr.contains("cloglog"))
  }

  @Test func unsupportedOptionIsBadInput() throws {
    let result = try CLIRunner.run([
      "fit", Self.panel, "--formula", Self.formula, "--model", "logit", "--margins",
    ])
    #expect(result.status == 2)
    #expect(result.stderr.contains("--margins"))
  }

  @Test func nonConvergenceIsAnAnalysisFailure() throws {
    let result = try CLIRunner.run([
      "fit", Self.panel, "--formula", Self.formula, "--model", "logit", "--max-iterations", "2",
    ])
    #expect(result.status == 1)
    #expect(result.stderr.contains("did not converge"))
  }
}

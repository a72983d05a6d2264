import Foundation
import TestSupport
import Testing

/// `vetstat fit --model logit|probit|poisson` end to end: the result document with marginal
/// effects, separation warnings, and bad outcomes/options giving exit code 2.
@Suite struct GLMCommandTests {
  static let root = Repository.root

  static func fixture(_ name: String) -> String {
    root.appendingPathComponent("Tests/Fixtures/\(name)").path
  }

  func json(_ text: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
  }

  @Test func logitDocumentHasMarginalEffects() throws {
    let result = try CLIRunner.run([
      "fit", Self.fixture("glm/spector.csv"), "--formula", "GRADE ~ GPA + TUCE + PSI",
      "--model", "logit", "--vcov", "hc1", "--margins", "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let document = try json(result.stdout)
    #expect(document["model"] as? String == "logit")
    #expect(document["converged"] as? Bool == true)
    let effects = document["marginal_effects"] as? [[String: Any]] ?? []
    #expect(effects.map { $0["term"] as? String } == ["GPA", "TUCE", "PSI"])
    for key in ["term", "estimate", "std_error", "p_value", "conf_low", "conf_high"] {
      #expect(effects.first?[key] != nil, "\(key)")
    }
    let estimate = effects.first?["estimate"] as? Double ?? .nan
    #expect(abs(estimate - 0.36258083160146) < 1e-8)
    let inference = document["inference"] as? [String: Any] ?? [:]
    #expect(inference["distribution"] as? String == "normal")
  }

  @Test func poissonWithOffsetAndRatios() throws {
    let result = try CLIRunner.run([
      "fit", Self.fixture("glm/insurance.csv"), "--formula", "Claims ~ C(District) + Group + Age",
      "--model", "poisson", "--offset", "log_holders", "--cluster", "District", "--exponentiate",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("exp(est)"))
    #expect(result.stdout.contains("offset: log_holders"))
  }

  @Test func separationIsAWarningNamingTheTerm() throws {
    let result = try CLIRunner.run([
      "fit", Self.fixture("glm/separation_quasi.csv"), "--formula", "y ~ z + d", "--model", "logit",
      "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let warnings = try json(result.stdout)["warnings"] as? [String] ?? []
    #expect(warnings.contains { $0.contains("separation") && $0.contains("'d'") })
  }

  @Test func allZeroOutcomeIsBadInput() throws {
    let directory = try CLIRunner.temporaryDirectory()
    let file = directory.appendingPathComponent("zero.csv")
    try Data("y,x\n0,1\n0,2\n0,3\n0,4\n".utf8).write(to: file)
    let result = try CLIRunner.run(["fit", file.path, "--formula", "y ~ x", "--model", "logit"])
    #expect(result.status == 2)
    #expect(!result.crashed)
    #expect(result.stderr.contains("'y'"))
  }

  @Test(arguments: [
    ["--model", "logit", "--link", "identity"], ["--model", "poisson", "--link", "logt"],
    ["--model", "ols", "--margins"], ["--model", "logit", "--margins", "--margins-at", "median"],
    ["--model", "logit", "--offset", "nope"],
  ])
  func badOptionsExitTwo(_ options: [String]) throws {
    let result = try CLIRunner.run(
      ["fit", Self.fixture("glm/spector.csv"), "--formula", "GRADE ~ GPA"] + options)
    #expect(result.status == 2, "\(options): \(result.stderr)")
    #expect(!result.crashed)
  }
}

import Foundation
import Testing

/// `vetstat fit --model fe|re|fd|between` and the panel covariances end to end.
@Suite struct FitPanelCommandTests {
  static let grunfeld = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/panel/grunfeld.csv").path

  @Test func fixedEffectsJSONCarriesEffectsAndConvergence() throws {
    let result = try CLIRunner.run([
      "fit", Self.grunfeld, "--model", "fe", "--formula", "inv ~ value + capital | firm + year",
      "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let document =
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    #expect(document?["model"] as? String == "fe")
    #expect(document?["vcov"] as? String == "cluster(firm)")
    #expect(document?["converged"] as? Bool == true)
    let effects = document?["fixed_effects"] as? [[String: Any]] ?? []
    #expect(effects.map { $0["name"] as? String } == ["firm", "year"])
    let dropped = document?["dropped"] as? [String: Any]
    #expect(dropped?["singletons"] as? Int == 0)
  }

  @Test func randomEffectsTextAndPanelCovariances() throws {
    let re = try CLIRunner.run([
      "fit", Self.grunfeld, "--model", "re", "--formula", "inv ~ value + capital",
      "--panel-unit", "firm", "--panel-time", "year",
    ])
    #expect(re.status == 0, "\(re.stderr)")
    #expect(re.stdout.contains("Random effects (Swamy-Arora)"))
    #expect(re.stdout.contains("-57.8344"))
    let dk = try CLIRunner.run([
      "fit", Self.grunfeld, "--model", "fe", "--formula", "inv ~ value + capital | firm",
      "--vcov", "driscoll-kraay", "--panel-time", "year", "--lags", "3",
    ])
    #expect(dk.status == 0, "\(dk.stderr)")
    #expect(dk.stdout.contains("0.0188111"))
  }

  @Test(arguments: [
    ["--model", "fd", "--formula", "inv ~ value"],
    ["--model", "fe", "--formula", "inv ~ value | firm", "--vcov", "hac"],
    ["--model", "fe", "--formula", "inv ~ value | frim"],
    ["--model", "fe", "--formula", "inv ~ value | firm", "--lags", "2"],
    ["--model", "re", "--formula", "inv ~ value", "--panel-unit", "firm", "--panel-time", "yaer"],
  ])
  func badPanelInputExitsTwo(_ arguments: [String]) throws {
    let result = try CLIRunner.run(["fit", Self.grunfeld] + arguments)
    #expect(result.status == 2, "\(arguments): \(result.stderr)")
    #expect(!result.crashed)
    #expect(result.stderr.contains("error"))
  }
}

import Foundation
import Testing

/// `vetstat fit --model did` fits Callaway and Sant'Anna as the spec's `kind: did` does: both run
/// through the `vetstat` binary on mpdta (unbalanced panel, doubly robust with a covariate,
/// not-yet-treated comparisons, clustered) and give the same numbers.
@Suite struct FitDiDCommandTests {
  static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/mpdta/mpdta_unbalanced.csv")

  /// The numbers of a result document: every ATT(g,t), aggregate and pre-test value.
  static func numbers(_ document: [String: Any]) -> [Double] {
    var out: [Double] = []
    for key in ["att_gt", "aggregates"] {
      for row in document[key] as? [[String: Any]] ?? [] {
        for column in ["estimate", "att", "std_error", "conf_low", "conf_high"] {
          if let value = row[column] as? Double { out.append(value) }
        }
      }
    }
    if let test = document["pretest"] as? [String: Any], let w = test["statistic"] as? Double {
      out.append(w)
    }
    return out
  }

  @Test func fitAndSpecGiveTheSameNumbers() throws {
    let folder = try CLIRunner.temporaryDirectory()
    let data = folder.appendingPathComponent("mpdta.csv")
    try FileManager.default.copyItem(at: Self.fixture, to: data)
    let spec = """
      study: did fit
      data: {path: mpdta.csv, panel: {unit: countyreal, time: year}}
      analyses:
        - {name: cs, kind: did, method: callaway-santanna, estimator: dr, outcome: lemp,
           first_treated: first.treat, control: not-yet-treated, covariates: [lpop],
           sample: unbalanced-panel, cluster: state, bootstrap: false}
      outputs: [json]
      """
    let specURL = folder.appendingPathComponent("spec.yaml")
    try Data(spec.utf8).write(to: specURL)
    let out = folder.appendingPathComponent("out")
    let run = try CLIRunner.run(["run", specURL.path, "--out", out.path])
    #expect(run.status == 0, "\(run.stderr)")
    let root =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: out.appendingPathComponent("results.json"))) as? [String: Any]
      ?? [:]
    let fromSpec =
      (root["analyses"] as? [[String: Any]])?.first?["result"] as? [String: Any] ?? [:]
    let cli = try CLIRunner.run([
      "fit", data.path, "--model", "did", "--formula", "lemp ~ lpop", "--panel-unit",
      "countyreal", "--panel-time", "year", "--first-treated", "first.treat", "--control",
      "not-yet-treated", "--sample", "unbalanced-panel", "--cluster", "state", "--json",
    ])
    #expect(cli.status == 0, "\(cli.stderr)")
    let fromCLI =
      try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [String: Any] ?? [:]
    #expect(fromCLI["model"] as? String == "did")
    #expect(Self.numbers(fromCLI).count > 50)
    #expect(Self.numbers(fromCLI) == Self.numbers(fromSpec))
    #expect(fromCLI["nobs"] as? Int == fromSpec["nobs"] as? Int)

    let text = try CLIRunner.run([
      "fit", data.path, "--model", "did", "--formula", "lemp ~ lpop", "--panel-unit",
      "countyreal", "--panel-time", "year", "--first-treated", "first.treat",
      "--sample", "unbalanced-panel",
    ])
    #expect(text.status == 0, "\(text.stderr)")
    #expect(text.stdout.contains("Group-time effects ATT(g,t) on lemp"))
    #expect(text.stdout.contains("dynamic"))
  }

  @Test func didOptionsAreCheckedAndKeptToDid() throws {
    let base = [
      "fit", Self.fixture.path, "--formula", "lemp ~ lpop", "--panel-unit", "countyreal",
      "--panel-time", "year",
    ]
    let missing = try CLIRunner.run(base + ["--model", "did"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("--first-treated"))
    let wrong = try CLIRunner.run(
      base + ["--model", "did", "--first-treated", "first.treat", "--control", "later"])
    #expect(wrong.status == 2)
    #expect(wrong.stderr.contains("not-yet-treated"))
    let vcov = try CLIRunner.run(
      base + ["--model", "did", "--first-treated", "first.treat", "--vcov", "hc1"])
    #expect(vcov.status == 2)
    #expect(vcov.stderr.contains("--vcov"))
    // A Cox model's spell options are refused, not ignored.
    let spells = try CLIRunner.run(
      base + ["--model", "did", "--first-treated", "first.treat", "--time", "year"])
    #expect(spells.status == 2)
    #expect(spells.stderr.contains("--time"))
    let elsewhere = try CLIRunner.run(base + ["--first-treated", "first.treat"])
    #expect(elsewhere.status == 2)
    #expect(elsewhere.stderr.contains("are for --model did"))
  }
}

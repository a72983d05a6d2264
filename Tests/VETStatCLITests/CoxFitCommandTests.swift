import Foundation
import Testing

/// `vetstat fit --model cox` and the study kinds `survival` (method cox) and `cox`, all run
/// through the `vetstat` binary on one panel, give the same coefficients and standard errors
/// (model-based, robust and clustered); spell options without `--model cox` are refused.
@Suite struct CoxFitCommandTests {
  static func coefficients(_ document: [String: Any]) -> [[Double]] {
    (document["coefficients"] as? [[String: Any]] ?? []).map {
      [$0["estimate"] as? Double ?? .nan, $0["std_error"] as? Double ?? .nan]
    }
  }

  static func fit(_ data: String, _ extra: [String]) throws -> [String: Any] {
    let run = try CLIRunner.run(
      [
        "fit", data, "--model", "cox", "--time", "year", "--event", "b", "--formula", "~ x + z",
        "--json",
      ] + extra)
    #expect(run.status == 0, "\(run.stderr)")
    return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
  }

  @Test(
    arguments: [
      ([], ""), (["--cluster", "unit"], ", cluster: unit"),
      (["--ties", "breslow"], ", ties: breslow"),
    ] as [([String], String)])
  func fitAndBothSpecKindsAgree(options: [String], spec: String) throws {
    let (_, data) = try ModelRegistryTests.write()
    let fromCLI = try Self.fit(data, options)
    #expect(fromCLI["model"] as? String == "cox")
    let cli = Self.coefficients(fromCLI)
    #expect(cli.count == 2 && cli.allSatisfy { $0[1] > 0 })
    let survival = try ModelRegistryTests.study(
      kind: "survival", formula: "x + z", extra: ", method: cox, time: year, event: b" + spec)
    let nested = survival["cox"] as? [String: Any] ?? [:]
    #expect(Self.coefficients(nested) == cli, "\(options)")
    let cox = try ModelRegistryTests.study(
      kind: "cox", formula: "~ x + z", extra: ", time: year, event: b" + spec)
    #expect(Self.coefficients(cox) == cli, "\(options)")
    // kind: cox keeps the curves and the log-rank part of kind: survival.
    #expect((cox["survival"] as? [String: Any])?["curves"] != nil)
  }

  @Test func robustCovarianceAndText() throws {
    let (_, data) = try ModelRegistryTests.write()
    let iid = Self.coefficients(try Self.fit(data, []))
    let robust = try Self.fit(data, ["--vcov", "hc0"])
    #expect(robust["vcov"] as? String != nil)
    let hc0 = Self.coefficients(robust)
    #expect(hc0.map { $0[0] } == iid.map { $0[0] })
    #expect(hc0.map { $0[1] } != iid.map { $0[1] })
    let text = try CLIRunner.run(
      ["fit", data, "--model", "cox", "--time", "year", "--event", "b", "--formula", "x + z"])
    #expect(text.status == 0, "\(text.stderr)")
    #expect(text.stdout.hasPrefix("Cox proportional hazards (efron ties)"), "\(text.stdout)")
    #expect(text.stdout.contains("cox.zph"))
  }

  @Test func spellOptionsNeedTheCoxModel() throws {
    let (_, data) = try ModelRegistryTests.write()
    let stray = try CLIRunner.run(["fit", data, "--formula", "y ~ x", "--time", "year"])
    #expect(stray.status == 2)
    #expect(stray.stderr.contains("are for --model cox"), "\(stray.stderr)")
    let missing = try CLIRunner.run(["fit", data, "--model", "cox", "--formula", "~ x"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("needs --time COLUMN and --event COLUMN"), "\(missing.stderr)")
    let hac = try CLIRunner.run(
      [
        "fit", data, "--model", "cox", "--time", "year", "--event", "b", "--formula", "~ x",
        "--vcov", "hc3",
      ])
    #expect(hac.status != 0)
    #expect(hac.stderr.contains("iid, hc0 (robust) and cluster"), "\(hac.stderr)")
  }
}

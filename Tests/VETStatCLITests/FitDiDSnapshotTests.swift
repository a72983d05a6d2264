import Foundation
import Testing

/// The full output of `vetstat fit --model did` (text and `--json`), held byte for byte (numbers
/// to a relative 1e-9), so that moving Callaway and Sant'Anna onto the model registry and
/// speeding it up are proven to change no output.
@Suite struct FitDiDSnapshotTests {
  static let mpdta = "Tests/Fixtures/mpdta/mpdta.csv"
  static let unbalanced = "Tests/Fixtures/mpdta/mpdta_unbalanced.csv"
  static let crossSections = "Tests/Fixtures/mpdta/mpdta_cross_sections.csv"
  static let panel = ["--model", "did", "--panel-unit", "countyreal", "--panel-time", "year"]

  static let cases: [FitSnapshotTests.Case] = [
    FitSnapshotTests.Case(
      "did-never-dr", mpdta, "lemp ~ lpop", panel + ["--first-treated", "first.treat"]),
    FitSnapshotTests.Case(
      "did-notyet-ipw-cluster-universal", unbalanced, "lemp ~ lpop",
      panel + [
        "--first-treated", "first.treat", "--control", "not-yet-treated", "--estimator", "ipw",
        "--sample", "unbalanced-panel", "--cluster", "state", "--base-period", "universal",
      ]),
    FitSnapshotTests.Case(
      "did-rcs-reg-bootstrap", crossSections, "lemp ~ 1",
      [
        "--model", "did", "--panel-time", "year", "--first-treated", "first.treat", "--sample",
        "repeated-cross-sections", "--estimator", "reg", "--anticipation", "1", "--bootstrap",
        "multiplier", "--reps", "199", "--seed", "7", "--level", "0.9",
      ]),
  ]

  @Test(arguments: cases)
  func textAndDocumentAreUnchanged(_ fit: FitSnapshotTests.Case) throws {
    let text = try CLIRunner.run(fit.arguments, in: Snapshot.repositoryRoot)
    #expect(text.status == 0, "\(fit): \(text.stderr)")
    try Snapshot.check(text.stdout, named: "fit-\(fit.name).txt")
    let json = try CLIRunner.run(fit.arguments + ["--json"], in: Snapshot.repositoryRoot)
    #expect(json.status == 0, "\(fit): \(json.stderr)")
    try Snapshot.check(json.stdout, named: "fit-\(fit.name).json")
  }
}

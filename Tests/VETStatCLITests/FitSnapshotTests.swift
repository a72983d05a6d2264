import Foundation
import Testing

/// The full output of `vetstat fit` (text and `--json`) for every model kind and covariance type
/// it takes, held byte for byte (numbers to a relative 1e-9) so that a refactor of results,
/// renderers or the model registry is proven to change no output.
@Suite struct FitSnapshotTests {
  /// One `vetstat fit` invocation; `name` names its snapshot files.
  struct Case: Sendable, CustomStringConvertible {
    let name: String
    let arguments: [String]
    var description: String { name }

    init(_ name: String, _ data: String, _ formula: String, _ options: [String] = []) {
      self.name = name
      self.arguments = ["fit", data, "--formula", formula] + options
    }
  }

  static let mtcars = "Tests/Fixtures/ols/mtcars.csv"
  static let grunfeld = "Tests/Fixtures/panel/grunfeld.csv"
  static let spector = "Tests/Fixtures/glm/spector.csv"
  static let insurance = "Tests/Fixtures/glm/insurance.csv"
  static let warpbreaks = "Tests/Fixtures/glm/warpbreaks.csv"
  static let panel = "Tests/Fixtures/panel/panel_20000.csv"
  static let cars = "mpg ~ wt + hp + C(cyl)"
  static let investment = "inv ~ value + capital"
  static let grade = "GRADE ~ GPA + TUCE + PSI"
  static let panelUnitTime = ["--panel-unit", "firm", "--panel-time", "year"]
  static let enrolment = "stem_enrolled ~ early_leaver + age + ses | school_id + year"
  static let sleep = "Tests/Fixtures/mixed/sleepstudy.csv"
  static let pastes = "Tests/Fixtures/mixed/pastes.csv"

  static let cases: [Case] = [
    Case("ols-iid", mtcars, cars),
    Case("ols-hc1", mtcars, cars, ["--vcov", "hc1"]),
    Case("ols-hc3", mtcars, cars, ["--vcov", "hc3", "--level", "0.9"]),
    Case("ols-cluster", mtcars, cars, ["--cluster", "gear"]),
    Case("ols-cluster-twoway", mtcars, cars, ["--cluster", "gear,am", "--small-sample", "none"]),
    Case("ols-aliased", mtcars, "mpg ~ wt + wt2 + hp", ["--solver", "cholesky"]),
    Case("ols-hac", grunfeld, investment, ["--vcov", "hac"] + panelUnitTime),
    Case(
      "ols-driscoll-kraay", grunfeld, investment,
      ["--vcov", "driscoll-kraay", "--panel-time", "year", "--lags", "2"]),
    Case("wls-analytic", mtcars, "mpg ~ wt + hp", ["--model", "wls", "--weights", "drat"]),
    Case(
      "wls-frequency", mtcars, "mpg ~ wt + hp",
      ["--weights", "carb", "--weight-kind", "frequency", "--vcov", "hc1"]),
    Case("logit-iid", spector, grade, ["--model", "logit"]),
    Case("logit-hc1-margins", spector, grade, ["--model", "logit", "--vcov", "hc1", "--margins"]),
    Case(
      "logit-margins-means-exp", spector, grade,
      ["--model", "logit", "--margins", "--margins-at", "means", "--exponentiate"]),
    Case("logit-cluster", mtcars, "am ~ wt + hp", ["--model", "logit", "--cluster", "cyl"]),
    Case("probit-margins", spector, grade, ["--model", "probit", "--vcov", "hc3", "--margins"]),
    Case("cloglog", spector, grade, ["--model", "logit", "--link", "cloglog"]),
    Case(
      "poisson-offset-exp", insurance, "Claims ~ C(District) + Age",
      ["--model", "poisson", "--offset", "log_holders", "--exponentiate"]),
    Case(
      "poisson-hc0", warpbreaks, "breaks ~ wool + tension", ["--model", "poisson", "--vcov", "hc0"]),
    Case("fe-default", grunfeld, investment + " | firm", ["--model", "fe"]),
    Case("fe-model-iid", grunfeld, investment + " | firm", ["--model", "fe", "--vcov", "iid"]),
    Case(
      "fe-twoway-hc1", grunfeld, investment + " | firm + year", ["--model", "fe", "--vcov", "hc1"]),
    Case(
      "fe-twoway-cluster2", grunfeld, investment + " | firm + year",
      ["--model", "fe", "--cluster", "firm,year"]),
    Case(
      "fe-hac", grunfeld, investment + " | firm",
      ["--model", "fe", "--vcov", "hac"] + panelUnitTime),
    Case(
      "fe-driscoll-kraay", grunfeld, investment + " | firm",
      ["--model", "fe", "--vcov", "driscoll-kraay", "--panel-time", "year"]),
    Case("re-iid", grunfeld, investment, ["--model", "re"] + panelUnitTime),
    Case(
      "re-cluster", grunfeld, investment, ["--model", "re", "--cluster", "firm"] + panelUnitTime),
    Case("fd-hc1", grunfeld, investment, ["--model", "fd", "--vcov", "hc1"] + panelUnitTime),
    Case("fd-hac", grunfeld, investment, ["--model", "fd", "--vcov", "hac"] + panelUnitTime),
    Case("between-iid", grunfeld, investment, ["--model", "between"] + panelUnitTime),
    Case("fe-logit-default", panel, enrolment, ["--model", "logit"]),
    Case("fe-logit-hc1", panel, enrolment, ["--model", "logit", "--vcov", "hc1"]),
    Case("fe-probit-iid", panel, enrolment, ["--model", "probit", "--vcov", "iid"]),
    Case(
      "fe-poisson-cluster2", grunfeld, investment + " | firm + year",
      ["--model", "poisson", "--cluster", "firm,year"]),
    Case("lmm-reml", sleep, "Y ~ U + (U | G)", ["--model", "lmm"]),
    Case("lmm-ml", sleep, "Y ~ U + (U | G)", ["--model", "lmm", "--ml"]),
    Case("lmm-nested", pastes, "strength ~ 1 + (1 | batch/cask)", ["--model", "lmm"]),
    Case(
      "glmm-cbpp", "Tests/Fixtures/cbpp/cbpp.csv", "I(incidence / size) ~ C(period) + (1 | herd)",
      ["--model", "glmm", "--weights", "size"]),
  ]

  @Test(arguments: cases)
  func textAndDocumentAreUnchanged(_ fit: Case) throws {
    let text = try CLIRunner.run(fit.arguments, in: Snapshot.repositoryRoot)
    #expect(text.status == 0, "\(fit): \(text.stderr)")
    // Mixed models are found by BOBYQA, whose stopping point depends on the CPU's rounding.
    let tolerance = fit.name.hasPrefix("lmm") || fit.name.hasPrefix("glmm") ? 1e-6 : 1e-9
    try Snapshot.check(text.stdout, named: "fit-\(fit.name).txt", tolerance: tolerance)
    let json = try CLIRunner.run(fit.arguments + ["--json"], in: Snapshot.repositoryRoot)
    #expect(json.status == 0, "\(fit): \(json.stderr)")
    try Snapshot.check(json.stdout, named: "fit-\(fit.name).json", tolerance: tolerance)
  }

  /// The comparison itself must be able to fail: a changed word, a moved number beyond 1e-9 and
  /// a missing line are differences; a change in the 17th significant digit, or in a
  /// convergence criterion at rounding level, is not.
  @Test func comparisonFindsDifferences() {
    #expect(Snapshot.firstDifference(expected: "a 1.5\n", actual: "a 1.5\n") == nil)
    #expect(
      Snapshot.firstDifference(
        expected: "x: 0.12345678901234567", actual: "x: 0.12345678901234566") == nil)
    #expect(Snapshot.firstDifference(expected: "x: 0.1234", actual: "x: 0.1235") != nil)
    #expect(Snapshot.firstDifference(expected: "iid 1", actual: "hc1 1") != nil)
    #expect(Snapshot.firstDifference(expected: "a\nb\n", actual: "a\n") != nil)
    #expect(
      Snapshot.firstDifference(
        expected: "\"criterion\": 2.29541e-13,", actual: "\"criterion\": 2.29545e-13,") == nil)
    #expect(
      Snapshot.firstDifference(expected: "\"criterion\": 2e-13,", actual: "\"tolerance\": 2e-13,")
        != nil)
    let message = Snapshot.firstDifference(expected: "same\nold 2", actual: "same\nnew 2")
    #expect(message?.contains("line 2") == true)
  }

  /// An optimiser's fit: within 1e-6 or one unit of the last printed digit, iteration counts
  /// free; anything more still differs.
  @Test func optimisedFitsAgreeToTheirOwnPrecision() {
    func differs(_ a: String, _ b: String) -> Bool {
      Snapshot.firstDifference(expected: a, actual: b, tolerance: 1e-6) != nil
    }
    #expect(!differs("period[2] -0.391324", "period[2] -0.391325"))
    #expect(!differs("\"std_error\": 6.824556463827747", "\"std_error\": 6.824556361224012"))
    #expect(!differs("\"iterations\": 23,", "\"iterations\": 27,"))
    #expect(differs("period[2] -0.391324", "period[2] -0.391327"))
    #expect(differs("\"std_error\": 6.8245", "\"std_error\": 6.8247"))
    #expect(differs("\"estimate\": 251.405", "\"estimate\": 251.415"))
    #expect(differs("\"df\": 18,", "\"n\": 18,"))
    // The default tolerance still tells them apart.
    #expect(
      Snapshot.firstDifference(
        expected: "\"std_error\": 6.824556463827747", actual: "\"std_error\": 6.824556361224012")
        != nil)
  }
}

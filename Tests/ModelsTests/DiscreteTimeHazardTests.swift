import DataTable
import Foundation
import Inference
import Models
import Testing

/// Person-period expansion and discrete-time hazard models against R `glm` on the expanded lung
/// data (Tests/Fixtures/survival/generate_discrete.R: time in 100-day periods up to 9, period
/// dummies plus age and sex, logit and cloglog links).
@Suite struct DiscreteTimeHazardTests {
  static func lung() throws -> DataTable {
    let table = try CSVReader.read(path: FixturePaths.fixture("survival/lung.csv").path)
    let days = try table.column(named: "time").doubles() ?? []
    // 100-day periods; follow-up ends with period 9, after the last event.
    return try table.replacingOrAdding(
      .double("period_end", days.map { min(($0 / 100).rounded(.up), 9) }))
  }

  /// IRLS run to convergence on both sides (R with glm.control(epsilon = 1e-14)).
  static let tight: GLMControl = {
    var control = GLMControl.default
    control.tolerance = 1e-14
    control.maxIterations = 100
    return control
  }()

  @Test(arguments: [LinkFunction.logit, .cloglog])
  func coefficientsMatchRGLM(_ link: LinkFunction) throws {
    let fit = try DiscreteTimeHazard.fit(
      "age + sex", data: Self.lung(), time: "period_end", event: "event", link: link,
      control: Self.tight)
    let reference = try SurvivalReference.rows("ref_discrete.csv").filter {
      $0["link"] == (link == .logit ? "logit" : "cloglog")
    }
    #expect(reference.count == fit.coefficients.count)
    #expect(fit.nobs == Int(SurvivalReference.number(reference.first?["n"])))
    var worst = 0.0
    for row in reference {
      let term = (row["term"] ?? "").replacingOccurrences(of: "factor(period)", with: "period[")
      let name = term.hasPrefix("period[") ? term + "]" : term
      let index = try #require(
        fit.coefficients.index(of: name), "\(name) in \(fit.coefficients.names)")
      worst = max(
        worst, relativeError(fit.coefficients[index], SurvivalReference.number(row["estimate"])))
      worst = max(
        worst, relativeError(fit.standardErrors[index], SurvivalReference.number(row["se"])))
    }
    worst = max(
      worst, relativeError(fit.logLikelihood, SurvivalReference.number(reference.first?["loglik"])))
    #expect(worst < 1e-8, "largest relative difference \(worst)")
  }

  @Test func expansionRepeatsSpellsAndMarksTheLastPeriod() throws {
    let table = try DataTable(columns: [
      .int("id", [1, 2]), .int("stop", [3, 2]), .int("start", [1, 0]), .int("left", [1, 0]),
    ])
    let (expanded, rows) = try PersonPeriod.expand(
      table, time: "stop", event: "left", entry: "start")
    #expect(rows == [0, 0, 1, 1])
    #expect(try expanded.column(named: "period").doubles() == [2, 3, 1, 2])
    #expect(try expanded.column(named: "left").doubles() == [0, 1, 0, 0])
    let bad = try DataTable(columns: [.double("stop", [2.5]), .int("left", [1])])
    #expect(throws: SurvivalError.self) {
      try PersonPeriod.expand(bad, time: "stop", event: "left")
    }
  }
}

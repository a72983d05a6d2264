import Foundation
import Testing

@testable import Studies

/// The coefficient figure puts each scale in its own panel and draws only the selected terms.
@Suite struct CoefficientFigureTests {
  static func column(_ label: String, model: String, response: String, terms: [String])
    -> RegressionColumn
  {
    RegressionColumn(
      label: label, model: model, response: response,
      rows: terms.enumerated().map {
        .init(
          term: $1, estimate: Double($0), standardError: 0.1, pValue: 0.5,
          low: Double($0) - 0.2, high: Double($0) + 0.2)
      }, statistics: [], fixedEffects: [], standardErrors: "IID", level: 0.95)
  }

  @Test func logitAndLinearModelsNeverShareAnAxis() throws {
    let figure = try #require(
      CoefficientFigure.make([
        Self.column("gap", model: "Logit", response: "enrolled", terms: ["(Intercept)", "female"]),
        Self.column("score", model: "OLS", response: "score", terms: ["female", "ses"]),
        Self.column("fe", model: "OLS, fixed effects", response: "score", terms: ["action"]),
      ]))
    #expect(figure.svg.components(separatedBy: "class=\"facet\"").count - 1 == 2)
    #expect(figure.svg.contains("Estimate (95% CI), log-odds"))
    #expect(figure.svg.contains("Estimate (95% CI), units of score"))
    #expect(!figure.svg.contains("units of the response"))
    #expect(!figure.svg.contains(">(Intercept)<"))
  }

  @Test func oneScaleIsOnePlainChart() throws {
    let figure = try #require(
      CoefficientFigure.make([Self.column("a", model: "OLS", response: "y", terms: ["x"])]))
    #expect(!figure.svg.contains("class=\"facet\""))
  }

  @Test func tableKeepOmitAndLabelsApplyToTheFigure() throws {
    var options = TableOptions()
    options.omit = [try TermPattern("year[*]"), try TermPattern("re:^C\\(region\\)")]
    options.labels = ["x": "Prior score"]
    #expect(options.shows("female"))
    #expect(!options.shows("year[2016]"))
    #expect(!options.shows("C(region)[Limburg]"))
    #expect(options.shows("year_c"))
    let figure = try #require(
      CoefficientFigure.make(
        [Self.column("m", model: "OLS", response: "y", terms: ["x", "year[2016]", "year[2017]"])],
        options: options))
    #expect(figure.svg.contains(">Prior score<") && !figure.svg.contains("year[2016]"))
    #expect(
      CoefficientFigure.make(
        [Self.column("m", model: "OLS", response: "y", terms: ["year[2016]"])], options: options)
        == nil)
    var kept = TableOptions()
    kept.keep = [try TermPattern("female*")]
    kept.omit = [try TermPattern("*:*")]
    #expect(kept.shows("female") && !kept.shows("female:year_c"))
    #expect(!kept.shows("ses"))
  }
}

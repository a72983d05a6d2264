import DataTable
import Formula
import Foundation
import Models
import Studies
import Testing

/// The report's summary sentences say what the number is: a 0-to-1 contrast for a dummy, a slope
/// for a numeric regressor, a conditional effect (not "the effect") for a term in an interaction,
/// and a caution on a two-way fixed-effects treatment coefficient.
@Suite struct FindingsWordingTests {
  static func column(_ rows: [(String, Double)]) -> RegressionColumn {
    RegressionColumn(
      label: "gap", model: "OLS", response: "score",
      rows: rows.map {
        .init(
          term: $0.0, estimate: $0.1, standardError: 0.1, pValue: 0.01, low: $0.1 - 0.2,
          high: $0.1 + 0.2)
      }, statistics: [], fixedEffects: [], standardErrors: "Clustered (school_id)", level: 0.95)
  }

  @Test func binaryTermIsAContrastOfTheTwoGroups() {
    let sentence = Findings.regression(
      Self.column([("(Intercept)", 1), ("female", -2.5)]), focus: "female", nobs: 100,
      binaryTerms: ["female"]
    ).joined()
    #expect(sentence.contains("2.500 lower where female = 1 than where female = 0"))
    #expect(!sentence.contains("interacts"))
  }

  @Test func numericTermIsASlope() {
    let sentence = Findings.regression(
      Self.column([("(Intercept)", 1), ("ses", 0.75)]), focus: "ses", nobs: 100
    ).joined()
    #expect(sentence.contains("0.750 higher per unit of ses"))
  }

  @Test func interactedTermIsNotCalledTheEffect() {
    let column = Self.column([
      ("(Intercept)", 1), ("female", -2.5), ("year_c", 0.3), ("female:year_c", 0.002),
      ("C(region)[Antwerpen]:female", 0.1),
    ])
    let sentence = Findings.regression(
      column, focus: "female", nobs: 100, binaryTerms: ["female"]
    ).joined()
    #expect(sentence.contains("female interacts with year_c, C(region)[Antwerpen]"))
    #expect(sentence.contains("not an average effect"))
    let slope = Findings.regression(column, focus: "year_c", nobs: 100).joined()
    #expect(slope.contains("year_c interacts with female"))
  }

  /// The logit's reported effect of a 0/1 regressor in an interacted model is the sample-averaged
  /// 0-to-1 contrast: every learner set to 0, then to 1, predicted probabilities averaged.
  @Test func dummyMarginalEffectIsTheAveragedContrast() throws {
    let data = try CSVReader.read(
      path: StudyFixtures.root.appendingPathComponent("datasets/vet_learners_sample.csv").path)
    let fit = try GLM.fit(
      "stem_enrolled ~ female * ses + migrant", data: data, family: .binomial(.logit))
    let effect = try #require(try fit.marginalEffects(variables: ["female"]).first)
    #expect(effect.kind == .discreteChange)
    let used = data.gathering(rows: fit.rows)
    func averagePrediction(setting value: Double) throws -> Double {
      let setTo = Column.double("female", [Double](repeating: value, count: used.rowCount))
      let design = try DesignMatrix.build(fit.design.formula, data: used.replacingOrAdding(setTo))
      let x = design.x.selecting(
        rows: Array(0..<design.x.rows), columns: fit.keptColumns)
      let predictions = fit.predictions(x: x, offset: nil)
      return predictions.map(\.response).reduce(0, +) / Double(predictions.count)
    }
    let contrast = try averagePrediction(setting: 1) - averagePrediction(setting: 0)
    #expect(abs(effect.estimate - contrast) < 1e-10)
    #expect(used.rowCount == fit.nobs && abs(effect.estimate) > 1e-3)
  }

  @Test func twoWayFixedEffectsTreatmentCarriesTheCaveat() {
    let caveat = Findings.twoWayFixedEffectsCaveat(label: "action_effect", term: "action")
    #expect(caveat.contains("Goodman-Bacon 2021") && caveat.contains("kind: did"))
  }
}

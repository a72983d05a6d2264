import DataTable
import Foundation
import Inference
import Models
import Testing

/// Average marginal effects by subgroup on the synthetic learner panel
/// (Tests/Fixtures/margins_by, reference.py): the whole-sample effects against statsmodels'
/// `get_margeff`, the subgroup effects, their differences and every standard error against the
/// script's own delta method, for logit, probit, Poisson and OLS with an interaction.
@Suite struct SubgroupMarginsTests {
  static func data() throws -> DataTable {
    try CSVReader.read(
      path: FixturePaths.packageRoot.appendingPathComponent("datasets/vet_learners_sample.csv")
        .path)
  }

  static func reference() throws -> [String: Any] {
    try FixturePaths.json("margins_by/reference.json") as? [String: Any] ?? [:]
  }

  /// The key of an effect in reference.json.
  static func key(_ effect: SubgroupMarginalEffect) -> String {
    guard let by = effect.by, let level = effect.level else { return "overall" }
    return "\(by)=\(level)"
  }

  static func maxDifference(_ effects: [SubgroupMarginalEffect], _ reference: [String: Any])
    -> Double
  {
    var worst = 0.0
    var compared = 0
    for effect in effects {
      let table = reference[effect.effect.term] as? [String: [Double]] ?? [:]
      guard let values = table[key(effect)] else { return .infinity }
      worst = max(
        worst, abs(effect.effect.estimate - values[0]),
        abs(effect.effect.standardError - values[1]))
      compared += 1
    }
    return compared == 14 ? worst : .infinity
  }

  @Test(arguments: ["logit", "probit", "poisson"])
  func binaryModelsEqualTheReference(link: String) throws {
    let reference = try Self.reference()[link] as? [String: Any] ?? [:]
    let families: [String: GLMFamily] = [
      "logit": .logit, "probit": .probit, "poisson": .poissonLog,
    ]
    let outcome = link == "poisson" ? "early_leaver" : "stem_enrolled"
    let fit = try GLM.fit(
      "\(outcome) ~ treated + female + migrant + ses", data: Self.data(),
      family: families[link] ?? .logit)
    let effects = try fit.marginalEffects(
      variables: ["treated", "ses"], by: ["female", "migrant"])
    let difference = Self.maxDifference(effects, reference)
    #expect(difference < 1e-7, "\(link): \(difference)")
    let statsmodels = reference["statsmodels"] as? [String: [Double]] ?? [:]
    var worst = 0.0
    var worstSE = 0.0
    for effect in effects where effect.by == nil {
      let values = statsmodels[effect.effect.term] ?? [.nan, .nan]
      worst = max(worst, abs(effect.effect.estimate - values[0]))
      worstSE = max(worstSE, abs(effect.effect.standardError - values[1]))
    }
    #expect(worst < 1e-7, "\(link) vs statsmodels: \(worst)")
    // statsmodels' Probit takes its covariance from the observed information, VETStat's IRLS
    // (and statsmodels' GLM, used for the subgroup references) from the expected one: equal for
    // the logit, not for the probit.
    #expect(worstSE < (link == "probit" ? 1e-4 : 1e-7), "\(link) SE vs statsmodels: \(worstSE)")
    #expect(effects.first?.effect.kind == .discreteChange)
    #expect(effects.first { $0.effect.term == "ses" }?.effect.kind == .derivative)
  }

  @Test func olsWithAnInteractionEqualsTheReference() throws {
    let reference = try Self.reference()["ols"] as? [String: Any] ?? [:]
    let fit = try OLS.fit(
      "stem_score ~ treated * female + migrant + ses", data: Self.data())
    let effects = try fit.marginalEffects(
      variables: ["treated", "ses"], by: ["female", "migrant"])
    let difference = Self.maxDifference(effects, reference)
    #expect(difference < 1e-7, "ols: \(difference)")
    // The female difference is the interaction coefficient.
    let female = effects.first {
      $0.by == "female" && $0.isDifference && $0.effect.term == "treated"
    }
    #expect(
      abs((female?.effect.estimate ?? .nan) - (fit.coefficients["treated:female"] ?? .nan)) < 1e-10)
  }

  @Test func unknownVariablesAreRefused() throws {
    let fit = try OLS.fit("stem_score ~ treated + ses", data: Self.data())
    #expect(throws: ModelError.self) {
      try fit.marginalEffects(variables: ["treatd"], by: ["female"])
    }
    #expect(throws: (any Error).self) {
      try fit.marginalEffects(variables: ["treated"], by: ["femal"])
    }
  }
}

/// The fixed-effects case: with learner effects absorbed, the effect of `treated` among
/// `female = 1` is β_treated + β_treated:female, and the female difference is the interaction,
/// with standard errors from the covariance entries directly.
@Suite struct SubgroupMarginsFixedEffectsTests {
  @Test func fixedEffectsSubgroupEffectsAreTheLinearCombinations() throws {
    let fit = try FixedEffects.fit(
      "stem_score ~ treated * female + ses | learner_id", data: SubgroupMarginsTests.data())
    let effects = try fit.marginalEffects(variables: ["treated"], by: ["female"])
    let names = fit.coefficients.names
    let t = try #require(names.firstIndex(of: "treated"))
    let i = try #require(names.firstIndex(of: "treated:female"))
    let v = fit.covariance
    let bt = fit.coefficients.values[t]
    let bi = fit.coefficients.values[i]
    let male = try #require(effects.first { $0.level == "0" })
    let female = try #require(effects.first { $0.level == "1" })
    let difference = try #require(effects.first { $0.isDifference })
    #expect(abs(male.effect.estimate - bt) < 1e-10)
    #expect(abs(male.effect.standardError - v[t, t].squareRoot()) < 1e-10)
    #expect(abs(female.effect.estimate - (bt + bi)) < 1e-10)
    let seFemale = (v[t, t] + 2 * v[t, i] + v[i, i]).squareRoot()
    #expect(abs(female.effect.standardError - seFemale) < 1e-10)
    #expect(abs(difference.effect.estimate - bi) < 1e-10)
    #expect(abs(difference.effect.standardError - v[i, i].squareRoot()) < 1e-10)
  }
}

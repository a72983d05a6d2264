import DataTable
import Foundation
import Inference
import Models
import Testing

/// Subgroup marginal effects of factor regressors `C(x)` (each level against the reference)
/// and of a fixed-effects logit, on the synthetic learner panel, against R
/// (Tests/Fixtures/margins_by/factor_reference.R: marginaleffects' `avg_comparisons` /
/// `avg_slopes` formulas, delta method by hand; the fixed-effects logit as `glm` with school
/// dummies).
@Suite struct SubgroupMarginsFactorTests {
  static func data() throws -> DataTable {
    try CSVReader.read(
      path: FixturePaths.packageRoot.appendingPathComponent("datasets/vet_learners_sample.csv")
        .path)
  }

  static func reference(_ model: String) throws -> [String: Any] {
    let all = try FixturePaths.json("margins_by/factor_reference.json") as? [String: Any] ?? [:]
    return all[model] as? [String: Any] ?? [:]
  }

  /// Largest absolute difference of estimates and SEs; infinity when an effect has no
  /// reference value or fewer than `expected` are compared.
  static func maxDifference(
    _ effects: [SubgroupMarginalEffect], _ reference: [String: Any], expected: Int
  ) -> Double {
    var worst = 0.0
    for effect in effects {
      let table = reference[effect.effect.term] as? [String: [Double]] ?? [:]
      let key = effect.by.map { "\($0)=\(effect.level ?? "")" } ?? "overall"
      guard let values = table[key] else { return .infinity }
      worst = max(
        worst, abs(effect.effect.estimate - values[0]),
        abs(effect.effect.standardError - values[1]))
    }
    return effects.count == expected ? worst : .infinity
  }

  @Test func factorLevelsInOLSEqualR() throws {
    let fit = try OLS.fit(
      "stem_score ~ C(track) + female + ses + treated + female:C(track)", data: Self.data())
    let effects = try fit.marginalEffects(variables: ["track"], by: ["female", "migrant"])
    // Five levels against STEM-ICT, each overall and in 2 + 2 subgroups with 2 differences.
    let difference = Self.maxDifference(effects, try Self.reference("ols"), expected: 35)
    #expect(difference < 1e-8, "OLS: \(difference)")
    #expect(effects.allSatisfy { $0.effect.kind == .discreteChange })
    // Without interactions a level's effect is its coefficient, in every subgroup.
    let plain = try OLS.fit("stem_score ~ C(track) + female + ses", data: Self.data())
    let coefficient = try #require(plain.coefficients["track[arts]"])
    for effect in try plain.marginalEffects(variables: ["track"], by: ["female"])
    where effect.effect.term == "track[arts]" {
      let expected = effect.isDifference ? 0 : coefficient
      #expect(abs(effect.effect.estimate - expected) < 1e-10)
    }
  }

  @Test func factorLevelsInLogitEqualR() throws {
    let fit = try GLM.fit(
      "stem_enrolled ~ C(track) + female + migrant + ses", data: Self.data(), family: .logit)
    let effects = try fit.marginalEffects(variables: ["track"], by: ["female", "migrant"])
    let difference = Self.maxDifference(effects, try Self.reference("logit"), expected: 35)
    #expect(difference < 1e-8, "logit: \(difference)")
  }

  @Test func fixedEffectsLogitEqualsR() throws {
    let fit = try FixedEffectsGLM.fit(
      "stem_enrolled ~ C(track) + ses + treated | school_id", data: Self.data(), family: .logit,
      vcov: .iid)
    let reference = try Self.reference("fe_logit")
    let coefficients = reference["coefficients"] as? [String: Double] ?? [:]
    let errors = reference["std_errors"] as? [String: Double] ?? [:]
    var worst = 0.0
    for (name, value) in coefficients {
      let renamed = name.hasPrefix("track") ? "track[\(name.dropFirst(5))]" : name
      let index = try #require(fit.coefficients.names.firstIndex(of: renamed), "\(renamed)")
      worst = max(worst, abs(fit.coefficients.values[index] - value))
      worst = max(worst, abs(fit.covariance[index, index].squareRoot() - (errors[name] ?? .nan)))
    }
    #expect(worst < 1e-7, "coefficients and SEs: \(worst)")
    let effects = try fit.marginalEffects(variables: ["track", "treated", "ses"], by: ["female"])
    // Five levels + treated + ses, each overall, by female (2) and the difference.
    let difference = Self.maxDifference(effects, reference, expected: 28)
    #expect(difference < 1e-7, "fixed-effects logit: \(difference)")
    #expect(effects.first { $0.effect.term == "ses" }?.effect.kind == .derivative)
  }

  @Test func factorWithoutAVariableLevelIsRefused() throws {
    let fit = try OLS.fit("stem_score ~ C(track) + ses", data: Self.data())
    #expect(throws: ModelError.self) {
      try fit.marginalEffects(variables: ["region"], by: ["female"])
    }
  }
}

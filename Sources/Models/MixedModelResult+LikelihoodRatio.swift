import Distributions
import Inference

/// A likelihood-ratio test between two nested mixed models (lme4's `anova(m0, m1)`).
public struct LikelihoodRatioTest: Sendable, Equatable {
  /// Twice the difference of the log-likelihoods (larger model minus smaller).
  public let statistic: Double
  /// Difference of the numbers of parameters.
  public let degreesOfFreedom: Int
  /// Upper tail of the chi-squared distribution (conservative for variance components on the
  /// boundary).
  public let pValue: Double
}

extension MixedModelResult {
  /// Tests this fit against a nested `smaller` fit of the same data.
  ///
  /// REML likelihoods are comparable only between models with the same fixed effects (REML
  /// integrates them out), so REML fits with different fixed effects, or a REML and an ML fit,
  /// are refused: refit both with `reml: false`.
  /// - Parameter smaller: the nested model (fewer parameters).
  /// - Returns: the statistic, its degrees of freedom and p-value.
  /// - Throws: `ModelError.unsupported` for fits of different sizes or methods, REML fits with
  ///   different fixed effects, or a `smaller` model that is not smaller.
  public func likelihoodRatioTest(against smaller: MixedModelResult) throws -> LikelihoodRatioTest {
    guard nobs == smaller.nobs else {
      throw ModelError.unsupported(
        "the two fits use different observations (\(nobs) and \(smaller.nobs))")
    }
    guard reml == smaller.reml else {
      throw ModelError.unsupported(
        "one fit is REML and the other ML; refit both by maximum likelihood (reml: false)")
    }
    if reml, Set(coefficients.names) != Set(smaller.coefficients.names) {
      throw ModelError.unsupported(
        "REML fits with different fixed effects cannot be compared by their likelihoods; refit "
          + "both by maximum likelihood (reml: false, --ml)")
    }
    let df = parameterCount - smaller.parameterCount
    guard df > 0 else {
      throw ModelError.unsupported(
        "the second model must have fewer parameters (\(smaller.parameterCount) vs "
          + "\(parameterCount))")
    }
    let statistic = max(0, 2 * (logLikelihood - smaller.logLikelihood))
    return LikelihoodRatioTest(
      statistic: statistic, degreesOfFreedom: df,
      pValue: ChiSquared(degreesOfFreedom: Double(df)).upperTail(statistic))
  }
}

import Foundation

/// Deviance and likelihood statistics of a GLM fit, as R's `glm` / `summary.glm` report them.
public struct GLMStatistics: Sendable, Equatable {
  /// Residual deviance, sum of the unit deviances.
  public let deviance: Double
  /// Deviance of the null model (intercept only with the same weights and offset; eta = offset
  /// when the model has no intercept), as R's `null.deviance`.
  public let nullDeviance: Double
  /// Residual degrees of freedom n - rank.
  public let dfResidual: Double
  /// Degrees of freedom of the null model, n - 1 with an intercept, else n.
  public let dfNull: Double
  /// Pearson chi-squared, sum w (y - mu)^2 / V(mu).
  public let pearsonChiSquared: Double
  /// Dispersion: 1 for binomial and Poisson; Pearson chi-squared / df for the Gaussian.
  public let dispersion: Double
  /// Log-likelihood at the estimates (R's `logLik.glm`).
  public let logLikelihood: Double
  /// Log-likelihood of the null model.
  public let nullLogLikelihood: Double

  /// McFadden's pseudo R-squared 1 - logL / logL_null (statsmodels' `prsquared`).
  public var mcFaddenRSquared: Double { 1 - logLikelihood / nullLogLikelihood }
  /// Likelihood-ratio statistic against the null model, 2 (logL - logL_null).
  public var likelihoodRatioStatistic: Double { 2 * (logLikelihood - nullLogLikelihood) }
}

import Distributions
import LinearAlgebra

/// One marginal effect with its delta-method standard error and z-based test and interval.
public struct MarginalEffect: Sendable, Equatable {
  /// What the effect measures.
  public enum Kind: String, Sendable {
    /// The derivative dE[y]/dx of a numeric regressor.
    case derivative
    /// The discrete change E[y | level] - E[y | reference level] of a factor level.
    case discreteChange = "discrete_change"
  }

  /// Variable name (numeric regressor) or factor level `name[level]`.
  public let term: String
  /// Derivative or discrete change.
  public let kind: Kind
  /// The effect on the response scale.
  public let estimate: Double
  /// Delta-method standard error.
  public let standardError: Double
  /// estimate / standard error.
  public let statistic: Double
  /// Two-sided p-value from the standard normal.
  public let pValue: Double
  /// Lower confidence bound.
  public let confidenceLow: Double
  /// Upper confidence bound.
  public let confidenceHigh: Double

  /// Creates an effect from its estimate, its gradient with respect to the coefficients and the
  /// coefficient covariance (delta method: se^2 = g' V g).
  /// - Parameters:
  ///   - term: name.
  ///   - kind: derivative or discrete change.
  ///   - estimate: the effect.
  ///   - gradient: d effect / d coefficients.
  ///   - covariance: covariance of the coefficients.
  ///   - level: confidence level.
  public init(
    term: String, kind: Kind, estimate: Double, gradient: [Double], covariance: Matrix,
    level: Double
  ) {
    self.term = term
    self.kind = kind
    self.estimate = estimate
    let vg = covariance.multiplied(by: gradient)
    var variance = 0.0
    for i in 0..<gradient.count { variance += gradient[i] * vg[i] }
    standardError = max(variance, 0).squareRoot()
    statistic = estimate / standardError
    pValue = Normal.twoSidedPValue(statistic)
    let critical = Normal.standard.upperQuantile((1 - level) / 2)
    confidenceLow = estimate - critical * standardError
    confidenceHigh = estimate + critical * standardError
  }
}

/// Where marginal effects are evaluated.
public enum MarginalEffectsAt: String, Sendable, CaseIterable {
  /// Average marginal effects: the effect at every observation, averaged (AME; statsmodels
  /// `get_margeff(at='overall')`, Stata `margins, dydx(*)`).
  case average
  /// Marginal effects at the means of the design columns (MEM; statsmodels `at='mean'`, Stata
  /// `margins, dydx(*) atmeans`).
  case means
}

import Inference

/// What differs between models in the one covariance computation of `RegressionCore`: the iid
/// scale, the reference distribution, how heteroskedasticity-robust covariances are formed, the
/// observation and parameter counts of clustered corrections, which fixed effects can be named
/// as clusters, and which covariance types the model does not offer.
struct CovarianceRules: Sendable {
  /// How a heteroskedasticity-consistent covariance is formed.
  enum Heteroskedastic: Sendable {
    /// `SandwichCovariance.heteroskedastic` on the scores (leverages from the score design),
    /// frequency weights counted as repeated rows when given.
    case sandwich(frequencyWeights: [Double]?)
    /// HC0, times n / (n - parameters) for HC1 (fixed effects: their leverage is not formed).
    case scaledHC0(parameters: Double)
    /// GLM scores x_i (w_i r_i); HC2/HC3 take their leverages from sqrt(W) X with the whitened
    /// working residuals (sandwich's `bread.glm`/`estfun.glm`).
    case workingWeights([Double], whitenedResiduals: [Double])
  }

  /// The iid covariance is the bread times this (sigma^2, the dispersion, or fixest's
  /// (N-1)/(N-K) for a fixed-effects GLM).
  let iidScale: Double
  /// Degrees of freedom of t tests under iid and HC covariances; `nil`: every test, clustered
  /// ones included, refers to the standard normal.
  let testDegreesOfFreedom: Double?
  /// How HC covariances are formed.
  let heteroskedastic: Heteroskedastic
  /// N in the clustered small-sample correction (effective observations under frequency
  /// weights).
  let clusterObservations: Double
  /// Fixed effects that may be named as clusters by their label (`firm^year`); counted in the
  /// clustered K unless nested in a clustering dimension (fixest's rule).
  let factors: [FixedEffectFactor]
  /// The fixed effects' degrees of freedom (`nil` without fixed effects).
  let fixedEffectDegreesOfFreedom: FixedEffectDegreesOfFreedom?
  /// Why a covariance type is not available for the model, or `nil` when it is.
  let unavailable: @Sendable (CovarianceType) -> String?
  /// Why no standard error of the fit can be trusted whatever the covariance type (an
  /// essentially perfect fit), or `nil`; see `CovarianceHonesty`.
  var undefinedReason: String? = nil

  /// Rules of a model without fixed effects.
  init(
    iidScale: Double, testDegreesOfFreedom: Double?, heteroskedastic: Heteroskedastic,
    clusterObservations: Double, factors: [FixedEffectFactor] = [],
    fixedEffectDegreesOfFreedom: FixedEffectDegreesOfFreedom? = nil,
    unavailable: @escaping @Sendable (CovarianceType) -> String? = { _ in nil }
  ) {
    self.iidScale = iidScale
    self.testDegreesOfFreedom = testDegreesOfFreedom
    self.heteroskedastic = heteroskedastic
    self.clusterObservations = clusterObservations
    self.factors = factors
    self.fixedEffectDegreesOfFreedom = fixedEffectDegreesOfFreedom
    self.unavailable = unavailable
  }
}

import DataTable
import Inference
import LinearAlgebra

/// Name kept for the Poisson fits written before the family-generic result.
public typealias FixedEffectsPoissonResult = FixedEffectsGLMResult

/// A fitted GLM (logit, probit, Poisson) with absorbed fixed effects.
///
/// Immutable; `withCovariance(_:)` gives the same fit under another covariance (iid = inverse
/// information, hc0/hc1, cluster one- or two-way), with fixest's small-sample rules: (N-1)/(N-K)
/// for iid and clustered, N/(N-K) for hc1, K counting slopes and fixed-effect parameters (nested
/// effects not counted when clustering). Tests refer to the standard normal, as fixest and
/// pyfixest.
public struct FixedEffectsGLMResult: CoreRegressionFit, DetailedFit {
  /// Observations removed before the fit.
  public struct Dropped: Sendable, Equatable {
    /// Rows with a missing value in a model column.
    public let missingRows: Int
    /// Singleton observations (alone in a fixed-effect level).
    public let singletons: Int
    /// Observations in fixed-effect levels whose outcome does not vary (all 0, or all 1 for the
    /// binomial): their effect would be infinite (fixest `fixef.rm = "perfect"`).
    public let noVariation: Int
    /// For each fixed effect, the number of its levels dropped for no variation.
    public let noVariationLevels: [Int]
  }

  /// The shared core (estimates, covariance in force).
  public let regression: RegressionCore
  let details: Details

  /// Family and link.
  public var family: GLMFamily { details.family }
  /// Deviance at the estimates.
  public var deviance: Double { details.deviance }
  /// Log-likelihood at the estimates.
  public var logLikelihood: Double { details.logLikelihood }
  /// Coefficients plus fixed-effect parameters.
  public var parameterCount: Int { rank + details.degreesOfFreedom.parameters }
  /// Observations removed before the fit, by reason, with the levels dropped per fixed effect.
  public var observationDrops: Dropped { details.dropped }
  /// Observations dropped as singletons.
  public var singletons: Int { details.dropped.singletons }
  /// Observations dropped because their fixed-effect level's outcome does not vary.
  public var separatedObservations: Int { details.dropped.noVariation }
  /// Rows dropped for a missing value.
  public var droppedMissingRows: Int { details.dropped.missingRows }
  /// How IRLS ended.
  public var convergence: ConvergenceInfo { details.convergence }
  /// IRLS iterations.
  public var iterations: Int { details.convergence.iterations }
  /// Whether IRLS converged.
  public var converged: Bool { details.convergence.converged }
  /// Relative deviance change that ends IRLS.
  public var tolerance: Double { details.convergence.tolerance ?? 0 }
  /// Fixed-effect labels.
  public var fixedEffectNames: [String] { details.factors.map(\.name) }
  /// Levels and redundant levels of each fixed effect (after the drops).
  public var fixedEffectDegreesOfFreedom: FixedEffectDegreesOfFreedom { details.degreesOfFreedom }

  /// What only a fixed-effects GLM has, independent of the covariance type.
  struct Details: Sendable {
    let family: GLMFamily
    let deviance, logLikelihood: Double
    let dropped: Dropped
    let factors: [FixedEffectFactor]
    let degreesOfFreedom: FixedEffectDegreesOfFreedom
    let convergence: ConvergenceInfo
    /// The linear predictor (slopes plus fixed effects) on the fit's rows.
    let linearPredictor: [Double]
  }
}

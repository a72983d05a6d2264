import DataTable
import Foundation
import Inference
import LinearAlgebra

/// How the demeaning of a fixed-effects fit ended (the worst column: most sweeps, largest final
/// relative change of a fixed-effect coefficient), as the shared `ConvergenceInfo`.
public typealias DemeaningSummary = ConvergenceInfo

/// Estimated values of one fixed effect (when requested with `recoverEffects`).
public struct FixedEffectValues: Sendable, Equatable {
  /// Effect label (`learner_id`, `school^year`).
  public let name: String
  /// Level names, aligned with `values`.
  public let levels: [String]
  /// Estimated effects; every effect after the first has its first level set to 0.
  public let values: [Double]
}

/// A fitted linear model with absorbed fixed effects. Immutable; `withCovariance(_:)` gives the
/// same fit under another covariance without refitting.
public struct FixedEffectsResult: RegressionFit {
  struct Core: Sendable {
    let formula: String
    let terms: [String]
    let aliased: [String]
    let absorbed: [String]
    let coefficients: CoefficientVector
    let nobs: Int
    let dfResidual: Double
    let rank: Int
    let residualSumOfSquares: Double
    let totalSumOfSquares: Double
    let withinSumOfSquares: Double
    let residuals: [Double]
    let fittedValues: [Double]
    let weights: [Double]?
    let weightsColumn: String?
    let whitenedDesign: Matrix
    let whitenedResiduals: [Double]
    let bread: Matrix
    let data: DataTable
    let rows: [Int]
    let droppedMissing: Int
    let singletons: Int
    let factors: [FixedEffectFactor]
    let degreesOfFreedom: FixedEffectDegreesOfFreedom
    let demeaning: DemeaningSummary
    let effects: [FixedEffectValues]?
    let warnings: [String]
  }

  let core: Core
  /// The covariance type in force.
  public let covarianceType: CovarianceType
  /// Covariance of the kept coefficients.
  public let covariance: Matrix
  /// Degrees of freedom of the t reference distribution.
  public let testDegreesOfFreedom: Double?
  /// Clusters per clustering dimension (empty unless clustered).
  public let clusterCounts: [Int]
  /// Notes: absorbed or collinear regressors, non-convergence, covariance caveats.
  public let warnings: [String]

  init(core: Core, covarianceType: CovarianceType) throws {
    self.core = core
    self.covarianceType = covarianceType
    let estimate = try Self.covariance(core: core, type: covarianceType)
    covariance = estimate.matrix
    testDegreesOfFreedom = estimate.degreesOfFreedom
    clusterCounts = estimate.clusterCounts
    warnings = core.warnings + estimate.warnings
  }

  /// The same fit under another covariance type.
  /// - Throws: `DataError`/`ModelError` for unknown columns, one cluster, HC2/HC3.
  public func withCovariance(_ type: CovarianceType) throws -> FixedEffectsResult {
    try FixedEffectsResult(core: core, covarianceType: type)
  }

  /// The formula as written.
  public var formula: String { core.formula }
  /// Kept slopes with names.
  public var coefficients: CoefficientVector { core.coefficients }
  /// All regressor names (no intercept), dropped ones included.
  public var terms: [String] { core.terms }
  /// Regressors dropped: absorbed by the fixed effects, then collinear with kept regressors.
  public var aliasedTerms: [String] { core.aliased }
  /// Regressors absorbed by the fixed effects.
  public var absorbedTerms: [String] { core.absorbed }
  /// Observations used (after missing values and singletons).
  public var nobs: Int { core.nobs }
  /// n - slopes - fixed-effect parameters.
  public var residualDegreesOfFreedom: Double { core.dfResidual }
  /// Number of kept slopes.
  public var rank: Int { core.rank }
  /// Fixed-effect labels in formula order.
  public var fixedEffectNames: [String] { core.factors.map(\.name) }
  /// Levels and redundant levels of each fixed effect.
  public var fixedEffectDegreesOfFreedom: FixedEffectDegreesOfFreedom { core.degreesOfFreedom }
  /// Observations dropped as singletons.
  public var singletons: Int { core.singletons }
  /// Rows dropped for a missing value.
  public var droppedMissingRows: Int { core.droppedMissing }
  /// How the demeaning ended.
  public var demeaning: DemeaningSummary { core.demeaning }
  /// Fixed-effect values, when recovered.
  public var fixedEffects: [FixedEffectValues]? { core.effects }
  /// Residuals on the used rows.
  public var residuals: [Double] { core.residuals }
  /// Fitted values (fixed effects included) on the used rows.
  public var fittedValues: [Double] { core.fittedValues }
  /// Table rows used, ascending.
  public var rows: [Int] { core.rows }
  /// Weight column, if any.
  public var weightsColumn: String? { core.weightsColumn }
  /// Residual sum of squares (weighted).
  public var residualSumOfSquares: Double { core.residualSumOfSquares }
  /// R^2 of the full model (fixed effects included), about the mean of y.
  public var rSquared: Double { 1 - core.residualSumOfSquares / core.totalSumOfSquares }
  /// Within R^2: 1 - RSS / (sum of squares of the demeaned response), as plm and fixest.
  public var withinRSquared: Double { 1 - core.residualSumOfSquares / core.withinSumOfSquares }
  /// Residual standard error sqrt(RSS / df).
  public var sigma: Double { (core.residualSumOfSquares / core.dfResidual).squareRoot() }
  /// Gaussian log-likelihood at the estimates (as fixest's `logLik` for `feols`).
  public var logLikelihood: Double {
    let n = Double(core.nobs)
    var sumLogW = 0.0
    if let w = core.weights { for v in w { sumLogW += Foundation.log(v) } }
    return 0.5
      * (sumLogW - n
        * (Foundation.log(2 * Double.pi) + 1 - Foundation.log(n)
          + Foundation.log(core.residualSumOfSquares)))
  }
  /// Slopes, fixed-effect parameters and the residual variance.
  public var parameterCount: Int { core.rank + core.degreesOfFreedom.parameters + 1 }
  /// (X'WX)^-1 of the demeaned kept regressors.
  public var unscaledCovariance: Matrix { core.bread }
}

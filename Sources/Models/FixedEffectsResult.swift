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

/// A fitted linear model with absorbed fixed effects.
///
/// Immutable; `withCovariance(_:)` gives the same fit under another covariance without refitting.
public struct FixedEffectsResult: CoreRegressionFit, DetailedFit {
  /// The shared core (estimates, covariance in force).
  public let regression: RegressionCore
  let details: Details

  /// Regressors absorbed by the fixed effects.
  public var absorbedTerms: [String] { details.absorbed }
  /// Fixed-effect labels in formula order.
  public var fixedEffectNames: [String] { details.factors.map(\.name) }
  /// Levels and redundant levels of each fixed effect.
  public var fixedEffectDegreesOfFreedom: FixedEffectDegreesOfFreedom { details.degreesOfFreedom }
  /// Observations dropped as singletons.
  public var singletons: Int { details.singletons }
  /// Rows dropped for a missing value.
  public var droppedMissingRows: Int { details.droppedMissing }
  /// How the demeaning ended.
  public var demeaning: DemeaningSummary { details.demeaning }
  /// Fixed-effect values, when recovered.
  public var fixedEffects: [FixedEffectValues]? { details.effects }
  /// Residuals on the used rows.
  public var residuals: [Double] { details.residuals }
  /// Fitted values (fixed effects included) on the used rows.
  public var fittedValues: [Double] { details.fittedValues }
  /// Weight column, if any.
  public var weightsColumn: String? { details.weightsColumn }
  /// Residual sum of squares (weighted).
  public var residualSumOfSquares: Double { details.residualSumOfSquares }
  /// R^2 of the full model (fixed effects included), about the mean of y.
  public var rSquared: Double { 1 - details.residualSumOfSquares / details.totalSumOfSquares }
  /// Within R^2: 1 - RSS / (sum of squares of the demeaned response), as plm and fixest.
  public var withinRSquared: Double {
    1 - details.residualSumOfSquares / details.withinSumOfSquares
  }
  /// Residual standard error sqrt(RSS / df).
  public var sigma: Double {
    (details.residualSumOfSquares / residualDegreesOfFreedom).squareRoot()
  }
  /// Gaussian log-likelihood at the estimates (as fixest's `logLik` for `feols`).
  public var logLikelihood: Double {
    let n = Double(nobs)
    var sumLogW = 0.0
    if let w = details.weights { for v in w { sumLogW += Foundation.log(v) } }
    return 0.5
      * (sumLogW - n
        * (Foundation.log(2 * Double.pi) + 1 - Foundation.log(n)
          + Foundation.log(details.residualSumOfSquares)))
  }
  /// Slopes, fixed-effect parameters and the residual variance.
  public var parameterCount: Int { rank + details.degreesOfFreedom.parameters + 1 }

  /// What only a fixed-effects fit has, independent of the covariance type.
  struct Details: Sendable {
    let absorbed: [String]
    let residualSumOfSquares, totalSumOfSquares, withinSumOfSquares: Double
    let residuals, fittedValues: [Double]
    let weights: [Double]?
    let weightsColumn: String?
    let droppedMissing, singletons: Int
    let factors: [FixedEffectFactor]
    let degreesOfFreedom: FixedEffectDegreesOfFreedom
    let demeaning: ConvergenceInfo
    let effects: [FixedEffectValues]?
  }
}

import DataTable
import Foundation
import Inference
import LinearAlgebra

/// The classical panel estimators besides the within (fixed-effects) model, as R's `plm`.
public enum PanelModel: String, Sendable, CaseIterable {
  /// Random effects, GLS with the Swamy-Arora variance components (`plm(model = "random")`;
  /// unbalanced panels as Baltagi & Chang 1994, which plm follows).
  case randomEffects = "re"
  /// First differences within unit (`plm(model = "fd")`); the intercept of the differenced
  /// model is a linear trend in the levels.
  case firstDifferences = "fd"
  /// OLS on unit means (`plm(model = "between")`).
  case between
}

/// A fitted random-effects, first-difference or between model.
///
/// Immutable; `withCovariance(_:)` re-expresses it under iid, HC0/HC1, cluster or panel HAC
/// covariances.
public struct PanelResult: CoreRegressionFit, DetailedFit {
  /// Random-effects variance components (Swamy-Arora).
  public struct VarianceComponents: Sendable, Equatable {
    /// Idiosyncratic variance sigma^2_e (from the within regression).
    public let idiosyncratic: Double
    /// Unit-effect variance sigma^2_u (set to 0 when its estimate is negative).
    public let individual: Double
    /// GLS weight theta of each unit size: 1 - sqrt(sigma^2_e / (sigma^2_e + T sigma^2_u)).
    public let theta: [Int: Double]
  }

  /// The shared core (estimates, covariance in force).
  public let regression: RegressionCore
  let details: Details

  /// Which estimator.
  public var model: PanelModel { details.model }
  /// Number of units.
  public var units: Int { details.units }
  /// Residual sum of squares of the estimating regression.
  public var residualSumOfSquares: Double { details.residualSumOfSquares }
  /// R^2 of the estimating (transformed) regression, as plm's summary.
  public var rSquared: Double { details.rSquared }
  /// Variance components (random effects only).
  public var varianceComponents: VarianceComponents? { details.components }
  /// Rows dropped for a missing value.
  public var droppedMissingRows: Int { details.droppedMissing }
  /// Gaussian log-likelihood of the estimating regression.
  public var logLikelihood: Double {
    let n = Double(nobs)
    return -0.5 * n
      * (Foundation.log(2 * Double.pi) + 1 - Foundation.log(n)
        + Foundation.log(details.residualSumOfSquares))
  }
  /// Coefficients plus the residual variance.
  public var parameterCount: Int { rank + 1 }

  /// What only a panel estimator has, independent of the covariance type.
  struct Details: Sendable {
    let model: PanelModel
    let units, droppedMissing: Int
    let residualSumOfSquares, rSquared: Double
    let components: VarianceComponents?
  }
}

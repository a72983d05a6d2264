import DataTable
import Formula
import Inference
import LinearAlgebra

/// A fitted generalised linear model: estimates, covariance under a chosen type, deviance and
/// likelihood statistics, convergence, separation diagnostics, and what was dropped and why.
///
/// Immutable; `withCovariance(_:)` gives the same fit under another covariance. Tests are z-based
/// (`testDegreesOfFreedom == nil`), as R's `summary.glm` for binomial/Poisson and
/// `lmtest::coeftest` on a `glm`.
public struct GLMResult: CoreRegressionFit, DetailedFit {
  /// The shared core (estimates, covariance in force).
  public let regression: RegressionCore
  let details: Details

  /// Family and link.
  public var family: GLMFamily { details.family }
  /// Deviance, Pearson chi-squared, dispersion, null model and pseudo R-squared.
  public var statistics: GLMStatistics { details.statistics }
  /// Log-likelihood at the estimates (R's `logLik.glm`).
  public var logLikelihood: Double { details.statistics.logLikelihood }
  /// Coefficients, plus the dispersion for the Gaussian family (as R's `logLik.glm` df).
  public var parameterCount: Int { rank + (details.family.hasFixedDispersion ? 0 : 1) }
  /// Iterations, convergence, the final criterion and step halvings of IRLS.
  public var convergence: ConvergenceInfo { details.convergence }
  /// Separation diagnostics for binomial and Poisson fits (`nil` when none was found).
  public var separation: SeparationReport? { details.separation }
  /// Fitted means mu on the used rows.
  public var fittedValues: [Double] { details.mu }
  /// Linear predictors eta (offset included) on the used rows.
  public var linearPredictors: [Double] { details.eta }
  /// Responses on the used rows.
  public var response: [Double] { details.response }
  /// Response residuals y - mu.
  public var residuals: [Double] { zip(details.response, details.mu).map { $0 - $1 } }
  /// Rows dropped for a missing value in a used column.
  public var droppedMissingRows: Int { details.design.droppedMissing }
  /// Prior weight column name, if any.
  public var weightsColumn: String? { details.weightsColumn }
  /// Offset column name, if any.
  public var offsetColumn: String? { details.offsetColumn }
  /// The factorisation used in each IRLS step.
  public var solver: LeastSquaresSolver { details.solver }
  /// The design of the fit (all columns, aliased included).
  public var design: DesignMatrix { details.design }
  /// Positions of the kept columns in `design`.
  public var keptColumns: [Int] { details.kept }
  /// The table the model was fitted on.
  public var data: DataTable { regression.data }

  /// What only a GLM has, independent of the covariance type.
  struct Details: Sendable {
    let family: GLMFamily
    let design: DesignMatrix
    let kept: [Int]
    let response, eta, mu: [Double]
    let weightsColumn, offsetColumn: String?
    let offset: [Double]?
    let statistics: GLMStatistics
    let convergence: ConvergenceInfo
    let separation: SeparationReport?
    let solver: LeastSquaresSolver
  }
}

/// How the IRLS iterations ended (the shared `ConvergenceInfo`; criterion
/// |dev - dev_old| / (|dev| + 0.1), step halvings counted).
public typealias GLMConvergence = ConvergenceInfo

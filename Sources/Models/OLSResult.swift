import DataTable
import Inference
import LinearAlgebra

/// A fitted linear model: estimates, covariance under a chosen type, fit statistics, and what was
/// dropped and why.
///
/// Immutable; `withCovariance(_:)` gives the same fit under another covariance.
public struct OLSResult: CoreRegressionFit, DetailedFit {
  /// The shared core (estimates, covariance in force).
  public let regression: RegressionCore
  let details: Details

  /// R^2, F, sigma and the log-likelihood.
  public var fitStatistics: FitStatistics { details.statistics }
  /// Gaussian log-likelihood.
  public var logLikelihood: Double { details.statistics.logLikelihood }
  /// Coefficients plus the residual variance.
  public var parameterCount: Int { rank + 1 }
  /// Fitted values on the used rows.
  public var fittedValues: [Double] { details.fittedValues }
  /// Residuals y - fitted on the used rows (unweighted).
  public var residuals: [Double] { details.residuals }
  /// Rows dropped for a missing value in a used column.
  public var droppedMissingRows: Int { details.droppedMissing }
  /// Weight column name, if any.
  public var weightsColumn: String? { details.weightsColumn }
  /// How the weights were understood.
  public var weightKind: WeightKind { details.weightKind }
  /// The factorisation used.
  public var solver: LeastSquaresSolver { details.solver }

  /// What only a linear model has, independent of the covariance type.
  struct Details: Sendable {
    let statistics: FitStatistics
    let fittedValues, residuals: [Double]
    let weightsColumn: String?
    let weightKind: WeightKind
    let droppedMissing: Int
    let solver: LeastSquaresSolver
  }
}

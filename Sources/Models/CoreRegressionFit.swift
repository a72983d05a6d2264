import Inference
import LinearAlgebra

/// A regression result built on the shared `RegressionCore`: the members every linear-family
/// result shares (names, estimates, counts, the covariance in force, `withCovariance`) are
/// written once here; a result type adds only what its model has of its own.
public protocol CoreRegressionFit: RegressionFit {
  /// The shared core.
  var regression: RegressionCore { get }
  /// The same result over another core (the same fit under another covariance).
  /// - Parameter core: the re-expressed core.
  /// - Returns: the result.
  func replacing(_ core: RegressionCore) -> Self
}

extension CoreRegressionFit {
  /// The formula as written.
  public var formula: String { regression.formula }
  /// All model-matrix column names, dropped ones included, in model order.
  public var terms: [String] { regression.terms }
  /// Terms without an estimate (collinear, absorbed), as R's `NA`.
  public var aliasedTerms: [String] { regression.aliased }
  /// Kept coefficients with their names.
  public var coefficients: CoefficientVector { regression.coefficients }
  /// Number of kept coefficients.
  public var rank: Int { regression.coefficients.count }
  /// Observations of the estimating equations.
  public var nobs: Int { regression.nobs }
  /// Residual degrees of freedom.
  public var residualDegreesOfFreedom: Double { regression.residualDegreesOfFreedom }
  /// Table rows used, ascending.
  public var rows: [Int] { regression.rows }
  /// (X'WX)^-1 on the kept columns.
  public var unscaledCovariance: Matrix { regression.bread }
  /// The covariance type in force.
  public var covarianceType: CovarianceType { regression.covarianceType }
  /// Covariance of the kept coefficients under `covarianceType`.
  public var covariance: Matrix { regression.covariance }
  /// Degrees of freedom of the t reference distribution (`nil`: normal).
  public var testDegreesOfFreedom: Double? { regression.testDegreesOfFreedom }
  /// Clusters per clustering dimension (empty unless clustered).
  public var clusterCounts: [Int] { regression.clusterCounts }
  /// Notes on the fit and its covariance.
  public var warnings: [String] { regression.warnings }

  /// The same fit with its covariance (and tests) under another type, without refitting.
  /// - Parameter type: the covariance type.
  /// - Returns: the re-expressed result.
  /// - Throws: `ModelError`/`DataError` when the type is not available for the model or a
  ///   cluster column is unusable.
  public func withCovariance(_ type: CovarianceType) throws -> Self {
    replacing(try regression.under(type))
  }
}

/// A core-backed result made of the shared core and its model's own `Details`: `replacing(_:)`
/// is written once here.
protocol DetailedFit: CoreRegressionFit {
  /// What only this model has, independent of the covariance type.
  associatedtype Details: Sendable
  /// The model's own values.
  var details: Details { get }
  /// Creates the result from its parts.
  init(regression: RegressionCore, details: Details)
}

extension DetailedFit {
  /// The same fit over another core.
  public func replacing(_ core: RegressionCore) -> Self { Self(regression: core, details: details) }
}

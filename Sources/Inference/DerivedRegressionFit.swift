/// A regression result built on another fit (an aggregation of its coefficients, or the fit with
/// bootstrap tests added) whose inference settings are that fit's.
///
/// Conforming types name the underlying fit once; the covariance type, cluster counts, degrees
/// of freedom, likelihood, parameter count and solver are answered from it here, so that
/// wrappers do not each repeat the forwarding.
public protocol DerivedRegressionFit: RegressionFit {
  /// The fit whose covariance settings, degrees of freedom and likelihood this result reports.
  var underlyingFit: any RegressionFit { get }
}

extension DerivedRegressionFit {
  /// As the underlying fit.
  public var covarianceType: CovarianceType { underlyingFit.covarianceType }
  /// As the underlying fit.
  public var clusterCounts: [Int] { underlyingFit.clusterCounts }
  /// As the underlying fit.
  public var residualDegreesOfFreedom: Double { underlyingFit.residualDegreesOfFreedom }
  /// As the underlying fit.
  public var testDegreesOfFreedom: Double? { underlyingFit.testDegreesOfFreedom }
  /// As the underlying fit.
  public var logLikelihood: Double { underlyingFit.logLikelihood }
  /// As the underlying fit.
  public var parameterCount: Int { underlyingFit.parameterCount }
  /// As the underlying fit.
  public var solverName: String? { underlyingFit.solverName }
}

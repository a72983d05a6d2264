import Inference
import LinearAlgebra

/// A regression fit with wild cluster bootstrap tests attached: everything as the fit, plus a
/// `wild_bootstrap` section (term, p-value and interval per coefficient) in its result document.
public struct WildBootstrappedFit: DerivedRegressionFit {
  /// The fit the tests are about.
  public let base: any CoreRegressionFit
  /// The fit whose inference settings this result reports (``DerivedRegressionFit``).
  public var underlyingFit: any RegressionFit { base }
  /// One test per coefficient.
  public let tests: [WildBootstrapTest]
  let cluster: String
  let options: WildBootstrapOptions

  /// Bootstraps every coefficient of `fit`.
  /// - Parameters:
  ///   - fit: an unweighted OLS or fixed-effects fit.
  ///   - cluster: the cluster column.
  ///   - options: reps, multipliers, seed, level and null value.
  /// - Throws: as `WildClusterBootstrap.tests(_:terms:cluster:options:)`.
  public init(_ fit: any CoreRegressionFit, cluster: String, options: WildBootstrapOptions) throws {
    base = fit
    self.cluster = cluster
    self.options = options
    tests = try WildClusterBootstrap.tests(fit, cluster: cluster, options: options)
  }

  /// As the fit.
  public var modelName: String { base.modelName }
  /// As the fit.
  public var formula: String { base.formula }
  /// As the fit.
  public var nobs: Int { base.nobs }
  /// As the fit.
  public var dropped: DroppedSummary { base.dropped }
  /// As the fit.
  public var convergence: ConvergenceInfo { base.convergence }
  /// As the fit.
  public var fitMeasures: [FitMeasure] { base.fitMeasures }
  /// As the fit.
  public var warnings: [String] { base.warnings }
  /// The fit's sections and `wild_bootstrap`.
  public var sections: [ResultSection] { base.sections + [.wildBootstrap(tests)] }
  /// As the fit.
  public var terms: [String] { base.terms }
  /// As the fit.
  public var coefficients: CoefficientVector { base.coefficients }
  /// As the fit.
  public var covariance: Matrix { base.covariance }

  /// The fit under another covariance type; the bootstrap tests do not depend on it.
  /// - Throws: as the fit's `withCovariance`.
  public func withCovariance(_ type: CovarianceType) throws -> WildBootstrappedFit {
    try WildBootstrappedFit(
      base.withCovariance(type), tests: tests, cluster: cluster, options: options)
  }

  private init(
    _ base: any CoreRegressionFit, tests: [WildBootstrapTest], cluster: String,
    options: WildBootstrapOptions
  ) {
    self.base = base
    self.tests = tests
    self.cluster = cluster
    self.options = options
  }
}

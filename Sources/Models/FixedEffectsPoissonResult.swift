import DataTable
import Inference
import LinearAlgebra

/// A fitted Poisson model with absorbed fixed effects. Immutable; `withCovariance(_:)` gives the
/// same fit under another covariance (iid = inverse information, hc1, cluster).
public struct FixedEffectsPoissonResult: RegressionFit {
  struct Core: Sendable {
    let formula: String
    let terms: [String]
    let aliased: [String]
    let coefficients: CoefficientVector
    let nobs: Int
    let deviance: Double
    let logLikelihood: Double
    let whitenedDesign: Matrix
    let whitenedResiduals: [Double]
    let bread: Matrix
    let data: DataTable
    let rows: [Int]
    let droppedMissing: Int
    let singletons: Int
    let separated: Int
    let factors: [FixedEffectFactor]
    let degreesOfFreedom: FixedEffectDegreesOfFreedom
    let iterations: Int
    let converged: Bool
    let warnings: [String]
  }

  let core: Core
  /// The covariance type in force.
  public let covarianceType: CovarianceType
  /// Covariance of the kept coefficients.
  public let covariance: Matrix
  /// Degrees of freedom of the t reference distribution (as fixest: t tests).
  public let testDegreesOfFreedom: Double?
  /// Clusters per clustering dimension.
  public let clusterCounts: [Int]
  /// Notes on the fit.
  public let warnings: [String]

  init(core: Core, covarianceType: CovarianceType) throws {
    self.core = core
    self.covarianceType = covarianceType
    let n = Double(core.nobs)
    let fullK = Double(core.coefficients.count + core.degreesOfFreedom.parameters)
    let estimate: SandwichCovariance.Estimate
    switch covarianceType {
    case .iid:
      estimate = .init(matrix: core.bread, degreesOfFreedom: n - fullK, clusterCounts: [], warnings: [])
    case .heteroskedastic(let hc) where hc == .hc0 || hc == .hc1:
      var v = SandwichCovariance.heteroskedastic(
        .hc0, bread: core.bread, x: core.whitenedDesign, residuals: core.whitenedResiduals)
      if hc == .hc1 { for i in 0..<v.storage.count { v.storage[i] *= n / (n - fullK) } }
      estimate = .init(matrix: v, degreesOfFreedom: n - fullK, clusterCounts: [], warnings: [])
    case .cluster(let columns, let correction) where columns.count == 1 || columns.count == 2:
      let indices = try columns.map { name -> ClusterIndex in
        let index: ClusterIndex
        if let factor = core.factors.first(where: { $0.name == name }) {
          index = factor.clusterIndex
        } else {
          index = ClusterIndex(column: try core.data.column(named: name), rows: core.rows)
        }
        if index.count < 2 { throw ModelError.tooFewClusters(column: name, count: index.count) }
        return index
      }
      let k = core.coefficients.count
        + core.degreesOfFreedom.clusterParameters(factors: core.factors, clusters: indices)
      estimate = SandwichCovariance.cluster(
        bread: core.bread, x: core.whitenedDesign, residuals: core.whitenedResiduals,
        clusters: indices, correction: correction, observationCount: n, parameterCount: k)
    default:
      throw ModelError.unsupported(
        "\(covarianceType) is not available for fixed-effects Poisson (use iid, hc1 or cluster)")
    }
    covariance = estimate.matrix
    testDegreesOfFreedom = estimate.degreesOfFreedom
    clusterCounts = estimate.clusterCounts
    warnings = core.warnings + estimate.warnings
  }

  /// The same fit under another covariance type.
  /// - Throws: `ModelError` for unsupported types or one cluster.
  public func withCovariance(_ type: CovarianceType) throws -> FixedEffectsPoissonResult {
    try FixedEffectsPoissonResult(core: core, covarianceType: type)
  }

  /// The formula as written.
  public var formula: String { core.formula }
  /// Kept coefficients.
  public var coefficients: CoefficientVector { core.coefficients }
  /// All regressor names.
  public var terms: [String] { core.terms }
  /// Regressors dropped (absorbed or collinear).
  public var aliasedTerms: [String] { core.aliased }
  /// Observations used.
  public var nobs: Int { core.nobs }
  /// Poisson deviance at the estimates.
  public var deviance: Double { core.deviance }
  /// Poisson log-likelihood at the estimates.
  public var logLikelihood: Double { core.logLikelihood }
  /// Coefficients plus fixed-effect parameters.
  public var parameterCount: Int { core.coefficients.count + core.degreesOfFreedom.parameters }
  /// Observations dropped as singletons.
  public var singletons: Int { core.singletons }
  /// Observations dropped because their fixed-effect level has an outcome of zero throughout.
  public var separatedObservations: Int { core.separated }
  /// Rows dropped for a missing value.
  public var droppedMissingRows: Int { core.droppedMissing }
  /// IRLS iterations.
  public var iterations: Int { core.iterations }
  /// Whether IRLS converged.
  public var converged: Bool { core.converged }
  /// Fixed-effect labels.
  public var fixedEffectNames: [String] { core.factors.map(\.name) }
}

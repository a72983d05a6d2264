import DataTable
import Inference
import LinearAlgebra

/// Name kept for the Poisson fits written before the family-generic result.
public typealias FixedEffectsPoissonResult = FixedEffectsGLMResult

/// A fitted GLM (logit, probit, Poisson) with absorbed fixed effects. Immutable;
/// `withCovariance(_:)` gives the same fit under another covariance (iid = inverse information,
/// hc0/hc1, cluster one- or two-way), with fixest's small-sample rules: (N-1)/(N-K) for iid and
/// clustered, N/(N-K) for hc1, K counting slopes and fixed-effect parameters (nested effects
/// not counted when clustering). Tests refer to the standard normal, as fixest and pyfixest.
public struct FixedEffectsGLMResult: RegressionFit {
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

  struct Core: Sendable {
    let formula: String
    let family: GLMFamily
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
    let dropped: Dropped
    let factors: [FixedEffectFactor]
    let degreesOfFreedom: FixedEffectDegreesOfFreedom
    let iterations: Int
    let converged: Bool
    let tolerance: Double
    let warnings: [String]
  }

  let core: Core
  /// The covariance type in force.
  public let covarianceType: CovarianceType
  /// Covariance of the kept coefficients.
  public let covariance: Matrix
  /// `nil`: z tests, as fixest and pyfixest use for GLMs.
  public let testDegreesOfFreedom: Double?
  /// Clusters per clustering dimension.
  public let clusterCounts: [Int]
  /// Notes on the fit: dropped levels and regressors, separation, non-convergence.
  public let warnings: [String]

  init(core: Core, covarianceType: CovarianceType) throws {
    self.core = core
    self.covarianceType = covarianceType
    let n = Double(core.nobs)
    let fullK = Double(core.coefficients.count + core.degreesOfFreedom.parameters)
    var v: Matrix
    var counts: [Int] = []
    var notes: [String] = []
    switch covarianceType {
    case .iid:
      v = core.bread
      let scale = (n - 1) / (n - fullK)
      for i in 0..<v.storage.count { v.storage[i] *= scale }
    case .heteroskedastic(let hc) where hc == .hc0 || hc == .hc1:
      v = SandwichCovariance.heteroskedastic(
        .hc0, bread: core.bread, x: core.whitenedDesign, residuals: core.whitenedResiduals)
      if hc == .hc1 { for i in 0..<v.storage.count { v.storage[i] *= n / (n - fullK) } }
    case .cluster(let columns, let correction) where columns.count == 1 || columns.count == 2:
      let indices = try columns.map { try Self.clusterIndex(named: $0, core: core) }
      let k =
        core.coefficients.count
        + core.degreesOfFreedom.clusterParameters(factors: core.factors, clusters: indices)
      let estimate = SandwichCovariance.cluster(
        bread: core.bread, x: core.whitenedDesign, residuals: core.whitenedResiduals,
        clusters: indices, correction: correction, observationCount: n, parameterCount: k)
      v = estimate.matrix
      counts = estimate.clusterCounts
      notes = estimate.warnings
    default:
      throw ModelError.unsupported(
        "\(covarianceType) is not available for a fixed-effects GLM (use iid, hc0, hc1 or "
          + "cluster with one or two columns)")
    }
    covariance = v
    testDegreesOfFreedom = nil
    clusterCounts = counts
    warnings = core.warnings + notes
  }

  /// The clusters of a fixed effect named by its label, or of a data column.
  private static func clusterIndex(named name: String, core: Core) throws -> ClusterIndex {
    if let factor = core.factors.first(where: { $0.name == name }) {
      return try ClusterIndex.checked(factor.clusterIndex, name: name)
    }
    return try ClusterIndex.model(column: name, data: core.data, rows: core.rows)
  }

  /// The same fit under another covariance type.
  /// - Throws: `ModelError` for unsupported types or one cluster.
  public func withCovariance(_ type: CovarianceType) throws -> FixedEffectsGLMResult {
    try FixedEffectsGLMResult(core: core, covarianceType: type)
  }

  /// The formula as written.
  public var formula: String { core.formula }
  /// Family and link.
  public var family: GLMFamily { core.family }
  /// Kept coefficients.
  public var coefficients: CoefficientVector { core.coefficients }
  /// All regressor names.
  public var terms: [String] { core.terms }
  /// Regressors dropped (absorbed or collinear).
  public var aliasedTerms: [String] { core.aliased }
  /// Observations used.
  public var nobs: Int { core.nobs }
  /// Deviance at the estimates.
  public var deviance: Double { core.deviance }
  /// Log-likelihood at the estimates.
  public var logLikelihood: Double { core.logLikelihood }
  /// Coefficients plus fixed-effect parameters.
  public var parameterCount: Int { core.coefficients.count + core.degreesOfFreedom.parameters }
  /// Observations removed before the fit, by reason, with the levels dropped per fixed effect.
  public var observationDrops: Dropped { core.dropped }
  /// Observations dropped as singletons.
  public var singletons: Int { core.dropped.singletons }
  /// Observations dropped because their fixed-effect level's outcome does not vary.
  public var separatedObservations: Int { core.dropped.noVariation }
  /// Rows dropped for a missing value.
  public var droppedMissingRows: Int { core.dropped.missingRows }
  /// IRLS iterations.
  public var iterations: Int { core.iterations }
  /// Whether IRLS converged.
  public var converged: Bool { core.converged }
  /// Relative deviance change that ends IRLS.
  public var tolerance: Double { core.tolerance }
  /// Fixed-effect labels.
  public var fixedEffectNames: [String] { core.factors.map(\.name) }
  /// Levels and redundant levels of each fixed effect (after the drops).
  public var fixedEffectDegreesOfFreedom: FixedEffectDegreesOfFreedom { core.degreesOfFreedom }
}

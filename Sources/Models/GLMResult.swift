import DataTable
import Formula
import Inference
import LinearAlgebra

/// A fitted generalised linear model: estimates, covariance under a chosen type, deviance and
/// likelihood statistics, convergence, separation diagnostics, and what was dropped and why.
/// Immutable; `withCovariance(_:)` gives the same fit under another covariance. Tests are z-based
/// (`testDegreesOfFreedom == nil`), as R's `summary.glm` for binomial/Poisson and
/// `lmtest::coeftest` on a `glm`.
public struct GLMResult: RegressionFit {
  /// Everything the fit computed, independent of the covariance type.
  struct Core: Sendable {
    let formula: String
    let family: GLMFamily
    let design: DesignMatrix
    let kept: [Int]
    let aliased: [String]
    let coefficients: CoefficientVector
    let response: [Double]
    let weights: [Double]?
    let weightsColumn: String?
    let offset: [Double]?
    let offsetColumn: String?
    let eta: [Double]
    let mu: [Double]
    let statistics: GLMStatistics
    let convergence: GLMConvergence
    let separation: SeparationReport?
    /// The design on the kept columns (unweighted; shares storage with `design.x` when no
    /// column was aliased).
    let keptDesign: Matrix
    /// Working weights w_i at the estimates.
    let workingWeights: [Double]
    /// sqrt(w_i) times the working residuals.
    let whitenedResiduals: [Double]
    /// w_i times the working residuals: the GLM score of row i is x_i times this.
    let scoreResiduals: [Double]
    let bread: Matrix
    let data: DataTable
    let solver: LeastSquaresSolver
    let warnings: [String]
  }

  let core: Core
  /// The covariance type in force.
  public let covarianceType: CovarianceType
  /// Covariance of the kept coefficients under `covarianceType`.
  public let covariance: Matrix
  /// Always `nil`: coefficient tests refer to the standard normal.
  public let testDegreesOfFreedom: Double? = nil
  /// Number of clusters per clustering dimension (empty unless clustered).
  public let clusterCounts: [Int]
  /// Notes on the fit: aliased terms, separation, excluded zero weights, covariance caveats.
  public let warnings: [String]

  init(core: Core, covarianceType: CovarianceType) throws {
    self.core = core
    self.covarianceType = covarianceType
    let estimate = try Self.covariance(core: core, type: covarianceType)
    self.covariance = estimate.matrix
    self.clusterCounts = estimate.clusterCounts
    self.warnings = core.warnings + estimate.warnings
  }

  /// The same fit with its covariance (and tests) under another type, without refitting.
  /// - Parameter type: the covariance type.
  /// - Returns: the re-expressed result.
  /// - Throws: `DataError`/`ModelError` when a cluster column is unknown or has one cluster.
  public func withCovariance(_ type: CovarianceType) throws -> GLMResult {
    try GLMResult(core: core, covarianceType: type)
  }

  /// The formula as written.
  public var formula: String { core.formula }
  /// Family and link.
  public var family: GLMFamily { core.family }
  /// Kept coefficients with names.
  public var coefficients: CoefficientVector { core.coefficients }
  /// All model-matrix column names, aliased ones included, in model order.
  public var terms: [String] { core.design.columnNames }
  /// Terms dropped as collinear with earlier ones (estimates undefined), as R's `NA`.
  public var aliasedTerms: [String] { core.aliased }
  /// Number of observations used (rows with positive weight).
  public var nobs: Int { core.response.count }
  /// Rank of the design.
  public var rank: Int { core.kept.count }
  /// Residual degrees of freedom n - rank.
  public var residualDegreesOfFreedom: Double { core.statistics.dfResidual }
  /// Deviance, Pearson chi-squared, dispersion, null model and pseudo R-squared.
  public var statistics: GLMStatistics { core.statistics }
  /// Log-likelihood at the estimates (R's `logLik.glm`).
  public var logLikelihood: Double { core.statistics.logLikelihood }
  /// Coefficients, plus the dispersion for the Gaussian family (as R's `logLik.glm` df).
  public var parameterCount: Int { rank + (core.family.hasFixedDispersion ? 0 : 1) }
  /// Iterations, convergence and the final criterion.
  public var convergence: GLMConvergence { core.convergence }
  /// Separation diagnostics for binomial and Poisson fits (`nil` when none was found).
  public var separation: SeparationReport? { core.separation }
  /// Fitted means mu on the used rows.
  public var fittedValues: [Double] { core.mu }
  /// Linear predictors eta (offset included) on the used rows.
  public var linearPredictors: [Double] { core.eta }
  /// Responses on the used rows.
  public var response: [Double] { core.response }
  /// Response residuals y - mu.
  public var residuals: [Double] { zip(core.response, core.mu).map { $0 - $1 } }
  /// Table rows used, ascending.
  public var rows: [Int] { core.design.rows }
  /// Rows dropped for a missing value in a used column.
  public var droppedMissingRows: Int { core.design.droppedMissing }
  /// Prior weight column name, if any.
  public var weightsColumn: String? { core.weightsColumn }
  /// Offset column name, if any.
  public var offsetColumn: String? { core.offsetColumn }
  /// The factorisation used in each IRLS step.
  public var solver: LeastSquaresSolver { core.solver }
  /// (X'WX)^-1 on the kept columns, W the working weights at the estimates.
  public var unscaledCovariance: Matrix { core.bread }
  /// The design of the fit (all columns, aliased included).
  public var design: DesignMatrix { core.design }
  /// Positions of the kept columns in `design`.
  public var keptColumns: [Int] { core.kept }
  /// The table the model was fitted on.
  public var data: DataTable { core.data }

  private static func covariance(core: Core, type: CovarianceType) throws
    -> SandwichCovariance.Estimate
  {
    let k = core.kept.count
    let n = Double(core.response.count)
    switch type {
    case .iid:
      var v = core.bread
      let phi = core.statistics.dispersion
      for i in 0..<v.storage.count { v.storage[i] *= phi }
      return .init(matrix: v, degreesOfFreedom: nil, clusterCounts: [], warnings: [])
    case .heteroskedastic(let hc):
      // The GLM score x_i w_i r_i (working weight and residual) is the product of the whitened
      // row and whitened residual; the dispersion cancels (sandwich's bread.glm / estfun.glm).
      // HC0/HC1 need only the scores x_i (w_i r_i); HC2/HC3 need the leverages of sqrt(W) X.
      let v: Matrix
      switch hc {
      case .hc2, .hc3:
        let root = core.workingWeights.map { $0.squareRoot() }
        v = SandwichCovariance.heteroskedastic(
          hc, bread: core.bread, x: core.keptDesign.scalingRows(by: root),
          residuals: core.whitenedResiduals)
      default:
        v = SandwichCovariance.heteroskedastic(
          hc, bread: core.bread, x: core.keptDesign, residuals: core.scoreResiduals)
      }
      return .init(matrix: v, degreesOfFreedom: nil, clusterCounts: [], warnings: [])
    case .hac, .driscollKraay:
      throw ModelError.unsupported(
        "\(type) covariances are available for linear, fixed-effects and panel models, not GLMs")
    case .cluster(let columns, let correction):
      let indices = try ClusterIndex.indices(
        columns: columns, data: core.data, rows: core.design.rows)
      let estimate = SandwichCovariance.cluster(
        bread: core.bread, x: core.keptDesign, residuals: core.scoreResiduals,
        clusters: indices, correction: correction, observationCount: n, parameterCount: k)
      return .init(
        matrix: estimate.matrix, degreesOfFreedom: nil, clusterCounts: estimate.clusterCounts,
        warnings: estimate.warnings)
    }
  }
}

/// How the IRLS iterations ended (the shared `ConvergenceInfo`; criterion
/// |dev - dev_old| / (|dev| + 0.1), step halvings counted).
public typealias GLMConvergence = ConvergenceInfo

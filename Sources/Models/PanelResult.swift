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

/// A fitted random-effects, first-difference or between model. Immutable;
/// `withCovariance(_:)` re-expresses it under iid, HC0/HC1, cluster or panel HAC covariances.
public struct PanelResult: RegressionFit {
  /// Random-effects variance components (Swamy-Arora).
  public struct VarianceComponents: Sendable, Equatable {
    /// Idiosyncratic variance sigma^2_e (from the within regression).
    public let idiosyncratic: Double
    /// Unit-effect variance sigma^2_u (set to 0 when its estimate is negative).
    public let individual: Double
    /// GLS weight theta of each unit size: 1 - sqrt(sigma^2_e / (sigma^2_e + T sigma^2_u)).
    public let theta: [Int: Double]
  }

  struct Core: Sendable {
    let model: PanelModel
    let formula: String
    let terms: [String]
    let aliased: [String]
    let coefficients: CoefficientVector
    let nobs: Int
    let units: Int
    let dfResidual: Double
    let rank: Int
    let residualSumOfSquares: Double
    let rSquared: Double
    let whitenedDesign: Matrix
    let whitenedResiduals: [Double]
    let bread: Matrix
    let data: DataTable
    let rows: [Int]
    let droppedMissing: Int
    let components: VarianceComponents?
    let warnings: [String]
  }

  let core: Core
  /// The covariance type in force.
  public let covarianceType: CovarianceType
  /// Covariance of the kept coefficients.
  public let covariance: Matrix
  /// Degrees of freedom of the t reference distribution.
  public let testDegreesOfFreedom: Double?
  /// Clusters per clustering dimension (empty unless clustered).
  public let clusterCounts: [Int]
  /// Notes on the fit.
  public let warnings: [String]

  init(core: Core, covarianceType: CovarianceType) throws {
    self.core = core
    self.covarianceType = covarianceType
    let k = core.rank
    let n = Double(core.nobs)
    let estimate: SandwichCovariance.Estimate
    switch covarianceType {
    case .iid:
      var v = core.bread
      let s2 = core.residualSumOfSquares / core.dfResidual
      for i in 0..<v.storage.count { v.storage[i] *= s2 }
      estimate = .init(
        matrix: v, degreesOfFreedom: core.dfResidual, clusterCounts: [], warnings: [])
    case .heteroskedastic(let hc):
      let v = SandwichCovariance.heteroskedastic(
        hc, bread: core.bread, x: core.whitenedDesign, residuals: core.whitenedResiduals)
      estimate = .init(
        matrix: v, degreesOfFreedom: core.dfResidual, clusterCounts: [], warnings: [])
    case .cluster(let columns, let correction):
      guard core.model != .between else {
        throw ModelError.unsupported("the between model has one row per unit; use iid or hc1")
      }
      let indices = try ClusterIndex.indices(columns: columns, data: core.data, rows: core.rows)
      estimate = SandwichCovariance.cluster(
        bread: core.bread, x: core.whitenedDesign, residuals: core.whitenedResiduals,
        clusters: indices, correction: correction, observationCount: n, parameterCount: k)
    case .hac, .driscollKraay:
      guard core.model != .between,
        let value = try PanelCovariance.estimate(
          covarianceType, bread: core.bread, x: core.whitenedDesign,
          residuals: core.whitenedResiduals, data: core.data, rows: core.rows,
          dfResidual: core.dfResidual)
      else {
        throw ModelError.unsupported("\(covarianceType) is not available for the between model")
      }
      estimate = value
    }
    covariance = estimate.matrix
    testDegreesOfFreedom = estimate.degreesOfFreedom
    clusterCounts = estimate.clusterCounts
    warnings = core.warnings + estimate.warnings
  }

  /// The same fit under another covariance type.
  /// - Throws: `ModelError`/`DataError` for unusable covariance requests.
  public func withCovariance(_ type: CovarianceType) throws -> PanelResult {
    try PanelResult(core: core, covarianceType: type)
  }

  /// Which estimator.
  public var model: PanelModel { core.model }
  /// The formula as written.
  public var formula: String { core.formula }
  /// Kept coefficients.
  public var coefficients: CoefficientVector { core.coefficients }
  /// All term names, dropped ones included.
  public var terms: [String] { core.terms }
  /// Terms dropped as collinear (or without variation in differences).
  public var aliasedTerms: [String] { core.aliased }
  /// Observations of the estimating regression (differences for fd, units for between).
  public var nobs: Int { core.nobs }
  /// Number of units.
  public var units: Int { core.units }
  /// Residual degrees of freedom.
  public var residualDegreesOfFreedom: Double { core.dfResidual }
  /// Residual sum of squares of the estimating regression.
  public var residualSumOfSquares: Double { core.residualSumOfSquares }
  /// R^2 of the estimating (transformed) regression, as plm's summary.
  public var rSquared: Double { core.rSquared }
  /// Variance components (random effects only).
  public var varianceComponents: VarianceComponents? { core.components }
  /// Rows dropped for a missing value.
  public var droppedMissingRows: Int { core.droppedMissing }
  /// Gaussian log-likelihood of the estimating regression.
  public var logLikelihood: Double {
    let n = Double(core.nobs)
    return -0.5 * n
      * (Foundation.log(2 * Double.pi) + 1 - Foundation.log(n)
        + Foundation.log(core.residualSumOfSquares))
  }
  /// Coefficients plus the residual variance.
  public var parameterCount: Int { core.rank + 1 }
}

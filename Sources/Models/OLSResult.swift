import DataTable
import Inference
import LinearAlgebra

/// A fitted linear model: estimates, covariance under a chosen type, fit statistics, and what was
/// dropped and why. Immutable; `withCovariance(_:)` gives the same fit under another covariance.
public struct OLSResult: RegressionFit {
  /// Everything the fit computed, independent of the covariance type.
  struct Core: Sendable {
    let formula: String
    let terms: [String]
    let aliased: [String]
    let coefficients: CoefficientVector
    let nobs: Int
    let effectiveObservations: Double
    let dfResidual: Double
    let rank: Int
    let statistics: FitStatistics
    let fittedValues: [Double]
    let residuals: [Double]
    let weights: [Double]?
    let weightsColumn: String?
    let weightKind: WeightKind
    let whitenedDesign: Matrix
    let whitenedResiduals: [Double]
    let bread: Matrix
    let data: DataTable
    let rows: [Int]
    let droppedMissing: Int
    let solver: LeastSquaresSolver
    let warnings: [String]
  }

  let core: Core
  /// The covariance type in force.
  public let covarianceType: CovarianceType
  /// Covariance of the kept coefficients under `covarianceType`.
  public let covariance: Matrix
  /// Degrees of freedom of the t reference distribution (`nil`: normal).
  public let testDegreesOfFreedom: Double?
  /// Number of clusters per clustering dimension (empty unless clustered).
  public let clusterCounts: [Int]
  /// Notes on the fit: aliased terms, excluded zero weights, covariance caveats.
  public let warnings: [String]

  init(core: Core, covarianceType: CovarianceType) throws {
    self.core = core
    self.covarianceType = covarianceType
    let estimate = try Self.covariance(core: core, type: covarianceType)
    self.covariance = estimate.matrix
    self.testDegreesOfFreedom = estimate.degreesOfFreedom
    self.clusterCounts = estimate.clusterCounts
    self.warnings = core.warnings + estimate.warnings
  }

  /// The same fit with its covariance (and tests) under another type, without refitting.
  /// - Throws: `DataError`/`ModelError` when a cluster column is unknown or has one cluster.
  public func withCovariance(_ type: CovarianceType) throws -> OLSResult {
    try OLSResult(core: core, covarianceType: type)
  }

  /// The formula as written.
  public var formula: String { core.formula }
  /// Kept coefficients with names.
  public var coefficients: CoefficientVector { core.coefficients }
  /// All model-matrix column names, aliased ones included, in model order.
  public var terms: [String] { core.terms }
  /// Terms dropped as collinear with earlier ones (estimates undefined), as R's `NA`.
  public var aliasedTerms: [String] { core.aliased }
  /// Number of observations used (rows, not the sum of frequency weights).
  public var nobs: Int { core.nobs }
  /// Residual degrees of freedom.
  public var residualDegreesOfFreedom: Double { core.dfResidual }
  /// Rank of the design.
  public var rank: Int { core.rank }
  /// R^2, F, sigma and the log-likelihood.
  public var fitStatistics: FitStatistics { core.statistics }
  /// Gaussian log-likelihood.
  public var logLikelihood: Double { core.statistics.logLikelihood }
  /// Coefficients plus the residual variance.
  public var parameterCount: Int { core.rank + 1 }
  /// Fitted values on the used rows.
  public var fittedValues: [Double] { core.fittedValues }
  /// Residuals y - fitted on the used rows (unweighted).
  public var residuals: [Double] { core.residuals }
  /// Table rows used, ascending.
  public var rows: [Int] { core.rows }
  /// Rows dropped for a missing value in a used column.
  public var droppedMissingRows: Int { core.droppedMissing }
  /// Weight column name, if any.
  public var weightsColumn: String? { core.weightsColumn }
  /// How the weights were understood.
  public var weightKind: WeightKind { core.weightKind }
  /// The factorisation used.
  public var solver: LeastSquaresSolver { core.solver }
  /// (X'WX)^-1 on the kept columns.
  public var unscaledCovariance: Matrix { core.bread }

  private static func covariance(core: Core, type: CovarianceType) throws
    -> SandwichCovariance.Estimate
  {
    let k = core.rank
    let frequency = core.weightKind == .frequency ? core.weights : nil
    switch type {
    case .iid:
      var v = core.bread
      let s2 = core.statistics.residualSumOfSquares / core.dfResidual
      for i in 0..<v.storage.count { v.storage[i] *= s2 }
      return .init(matrix: v, degreesOfFreedom: core.dfResidual, clusterCounts: [], warnings: [])
    case .heteroskedastic(let hc):
      if frequency != nil, hc == .hc2 || hc == .hc3 {
        throw ModelError.unsupported(
          "\(hc.rawValue) is not defined for frequency weights; use hc0 or hc1")
      }
      let v = SandwichCovariance.heteroskedastic(
        hc, bread: core.bread, x: core.whitenedDesign, residuals: core.whitenedResiduals,
        frequencyWeights: frequency)
      return .init(matrix: v, degreesOfFreedom: core.dfResidual, clusterCounts: [], warnings: [])
    case .hac, .driscollKraay:
      guard
        let estimate = try PanelCovariance.estimate(
          type, bread: core.bread, x: core.whitenedDesign, residuals: core.whitenedResiduals,
          data: core.data, rows: core.rows, dfResidual: core.dfResidual)
      else { throw ModelError.unsupported("\(type) is not available") }
      return estimate
    case .cluster(let columns, let correction):
      let indices = try ClusterIndex.indices(columns: columns, data: core.data, rows: core.rows)
      // The whitened score sqrt(w) x * sqrt(w) e = w x e is the right cluster score for analytic
      // and frequency weights alike; only N in (N-1)/(N-K) differs (effective observations).
      return SandwichCovariance.cluster(
        bread: core.bread, x: core.whitenedDesign, residuals: core.whitenedResiduals,
        clusters: indices,
        correction: correction, observationCount: core.effectiveObservations, parameterCount: k)
    }
  }
}

import Inference
import LinearAlgebra

/// A fitted Cox proportional-hazards model (`CoxRegression.fit`): coefficients (log hazard
/// ratios) with z tests, the model's tests and the proportional-hazards test.
public struct CoxResult: RegressionFit {
  /// The formula as written.
  public let formula: String
  /// Every covariate, aliased ones included.
  public let terms: [String]
  /// Estimated log hazard ratios of the kept covariates.
  public let coefficients: CoefficientVector
  /// The model-based covariance, the inverse information.
  public let naiveCovariance: Matrix
  /// The covariance in force.
  public let covariance: Matrix
  /// The covariance type in force.
  public let covarianceType: CovarianceType
  /// Clusters of a cluster-robust covariance.
  public let clusterCounts: [Int]
  /// dfbeta residuals (score residuals times the inverse information), one row per spell.
  let dfbeta: Matrix
  /// The cluster labels offered at fit time.
  let cluster: (name: String, labels: [String])?
  /// Tie handling.
  public let ties: CoxTies
  /// The log partial likelihood at zero.
  public let nullLogLikelihood: Double
  /// The maximised log partial likelihood.
  public let logLikelihood: Double
  /// The score (log-rank) test at zero.
  public let scoreTest: SurvivalTest
  /// The robust score test, with a robust covariance chosen at fit time.
  public internal(set) var robustScoreTest: SurvivalTest?
  /// `cox.zph` tests (`ph_<term>`, `ph_global`); empty when not computable.
  public let proportionalHazards: [SurvivalTest]
  /// Number of events.
  public let events: Int
  /// Spells used.
  public let nobs: Int
  /// Number of strata.
  public let strataCount: Int
  /// How the Newton-Raphson iterations ended.
  public let convergence: ConvergenceInfo
  /// Covariates without an estimate.
  let aliasedTerms: [String]
  /// Notes on the fit (aliased terms, non-convergence).
  public let warnings: [String]

  /// Always `cox`.
  public var modelName: String { "cox" }
  /// Nothing about the spells is dropped here; aliased covariates are listed.
  public var dropped: DroppedSummary {
    DroppedSummary(missingRows: 0, collinearTerms: aliasedTerms)
  }
  /// Spells minus coefficients (not used by the z tests).
  public var residualDegreesOfFreedom: Double { Double(nobs - coefficients.count) }
  /// z tests.
  public var testDegreesOfFreedom: Double? { nil }
  /// The number of coefficients.
  public var parameterCount: Int { coefficients.count }
  /// Not a least-squares fit.
  public var solverName: String? { nil }

  /// The likelihood-ratio test against the null model.
  public var likelihoodRatioTest: SurvivalTest {
    SurvivalTest(
      name: "likelihood_ratio", statistic: 2 * (logLikelihood - nullLogLikelihood),
      degreesOfFreedom: coefficients.count)
  }

  /// The Wald test of all coefficients under the covariance in force.
  public var waldTest: SurvivalTest {
    let statistic = (try? CoxRegression.quadratic(covariance, coefficients.values)) ?? .nan
    return SurvivalTest(name: "wald", statistic: statistic, degreesOfFreedom: coefficients.count)
  }

  /// The model tests in order: likelihood ratio, Wald, score, robust score (when computed),
  /// then the proportional-hazards tests.
  public var tests: [SurvivalTest] {
    [likelihoodRatioTest, waldTest, scoreTest] + (robustScoreTest.map { [$0] } ?? [])
      + proportionalHazards
  }

  /// The cluster labels in force (each spell its own cluster unless clustered).
  var clusterLabels: [String]? {
    if case .cluster = covarianceType { return cluster?.labels }
    return nil
  }

  /// The same fit under another covariance: `.iid`, `.heteroskedastic(.hc0)` (robust, each spell
  /// its own cluster) or `.cluster([name], _)` with the cluster given at fit time (no
  /// small-sample factor, as R `coxph`).
  /// - Parameter type: the covariance type.
  /// - Returns: the re-expressed result.
  /// - Throws: `ModelError.unsupported` for another type or an unknown cluster column;
  ///   `ModelError.tooFewClusters` for a single cluster.
  public func withCovariance(_ type: CovarianceType) throws -> CoxResult {
    var covariance = naiveCovariance
    var counts: [Int] = []
    var inForce = type
    switch type {
    case .iid: break
    case .heteroskedastic(.hc0):
      covariance = CoxRegression.crossProduct(dfbeta)
    case .cluster(let columns, _):
      guard columns.count == 1, let cluster, cluster.name == columns[0] else {
        throw ModelError.unsupported(
          "a Cox model clusters by the one cluster column given when it was fitted")
      }
      let collapsed = Self.collapse(dfbeta, by: cluster.labels)
      guard collapsed.rows >= 2 else {
        throw ModelError.tooFewClusters(column: cluster.name, count: collapsed.rows)
      }
      covariance = CoxRegression.crossProduct(collapsed)
      counts = [collapsed.rows]
      inForce = .cluster(columns, .none)
    default:
      throw ModelError.unsupported(
        "a Cox model offers the covariances iid, hc0 (robust) and cluster; not \(type)")
    }
    return CoxResult(
      formula: formula, terms: terms, coefficients: coefficients,
      naiveCovariance: naiveCovariance, covariance: covariance, covarianceType: inForce,
      clusterCounts: counts, dfbeta: dfbeta, cluster: cluster, ties: ties,
      nullLogLikelihood: nullLogLikelihood, logLikelihood: logLikelihood, scoreTest: scoreTest,
      robustScoreTest: nil, proportionalHazards: proportionalHazards, events: events, nobs: nobs,
      strataCount: strataCount, convergence: convergence, aliasedTerms: aliasedTerms,
      warnings: warnings)
  }

  /// Rows summed within each cluster (rows unchanged without labels).
  static func collapse(_ rows: Matrix, by labels: [String]?) -> Matrix {
    guard let labels else { return rows }
    var index: [String: Int] = [:]
    for label in labels where index[label] == nil { index[label] = index.count }
    var sums = Matrix(rows: index.count, columns: rows.columns)
    for (row, label) in labels.enumerated() {
      let target = index[label] ?? 0
      for j in 0..<rows.columns { sums[target, j] += rows[row, j] }
    }
    return sums
  }
}

import Distributions
import Foundation
import LinearAlgebra

/// The vocabulary every fitted regression shares (as StatsAPI.jl): estimators implement the core
/// below and get standard errors, tests, intervals, information criteria and the coefficient
/// table from the protocol extension.
public protocol RegressionFit: EstimationResult {
  /// All model-matrix column names, aliased and absorbed ones included, in model order.
  var terms: [String] { get }
  /// Kept (non-aliased) coefficients with their names.
  var coefficients: CoefficientVector { get }
  /// Covariance of `coefficients` under the covariance type in force.
  var covariance: Matrix { get }
  /// The covariance type in force.
  var covarianceType: CovarianceType { get }
  /// Number of clusters per clustering dimension (empty unless clustered).
  var clusterCounts: [Int] { get }
  /// Residual degrees of freedom of the estimating regression.
  var residualDegreesOfFreedom: Double { get }
  /// Degrees of freedom of the t reference distribution of coefficient tests; `nil` when tests
  /// are referred to the standard normal.
  var testDegreesOfFreedom: Double? { get }
  /// Degrees of freedom of each coefficient's t test (Satterthwaite's for a mixed model), in
  /// coefficient order; `nil` when `testDegreesOfFreedom` applies to all.
  var coefficientDegreesOfFreedom: [Double]? { get }
  /// Maximised log-likelihood.
  var logLikelihood: Double { get }
  /// Number of estimated parameters counted by AIC/BIC (coefficients plus scale parameters).
  var parameterCount: Int { get }
  /// The least-squares solver reported with the inference (`qr`, `cholesky`), or `nil`.
  var solverName: String? { get }
  /// The same fit with its covariance (and tests) under another type, without refitting.
  /// - Parameter type: the covariance type.
  /// - Returns: the re-expressed result.
  /// - Throws: `ModelError`/`DataError` when the type is not available for the model or a
  ///   cluster column is unusable.
  func withCovariance(_ type: CovarianceType) throws -> Self
}

extension RegressionFit {
  /// One test degrees of freedom for all coefficients (the default).
  public var coefficientDegreesOfFreedom: [Double]? { nil }

  /// The degrees of freedom of coefficient `index`'s t test, or `nil` for a normal reference.
  private func degreesOfFreedom(_ index: Int) -> Double? {
    if let perCoefficient = coefficientDegreesOfFreedom, index < perCoefficient.count {
      return perCoefficient[index]
    }
    return testDegreesOfFreedom
  }

  /// Standard errors, the square roots of the covariance diagonal.
  public var standardErrors: [Double] { covariance.diagonal.map { $0.squareRoot() } }

  /// t (or z) statistics, estimate / standard error.
  public var statistics: [Double] { zip(coefficients.values, standardErrors).map { $0 / $1 } }

  /// Two-sided p-values from the reference distribution.
  public var pValues: [Double] {
    statistics.enumerated().map { index, statistic in
      if let df = degreesOfFreedom(index) {
        return StudentT(degreesOfFreedom: df).twoSidedPValue(statistic)
      }
      return Normal.twoSidedPValue(statistic)
    }
  }

  /// Confidence intervals at `level` from the reference distribution.
  /// - Parameter level: coverage, e.g. 0.95.
  /// - Returns: (low, high) per coefficient.
  public func confidenceIntervals(level: Double = 0.95) -> [(low: Double, high: Double)] {
    let alpha = (1 - level) / 2
    return zip(coefficients.values, standardErrors).enumerated().map { index, pair in
      let critical: Double
      if let df = degreesOfFreedom(index) {
        critical = StudentT(degreesOfFreedom: df).upperQuantile(alpha)
      } else {
        critical = Normal.standard.upperQuantile(alpha)
      }
      return (pair.0 - critical * pair.1, pair.0 + critical * pair.1)
    }
  }

  /// Akaike information criterion, -2 logL + 2 p.
  public var aic: Double { -2 * logLikelihood + 2 * Double(parameterCount) }

  /// Bayesian information criterion, -2 logL + log(n) p.
  public var bic: Double {
    -2 * logLikelihood + Foundation.log(Double(nobs)) * Double(parameterCount)
  }

  /// Every term in model order with its coefficient row, `nil` for an aliased or absorbed term:
  /// what the coefficient tables of the result document, the text summary and the report show.
  /// - Parameter level: confidence level of the intervals.
  /// - Returns: one entry per term of `terms`.
  public func termRows(level: Double = 0.95) -> [(term: String, row: CoefficientTable.Row?)] {
    var byTerm: [String: CoefficientTable.Row] = [:]
    for row in coefficientTable(level: level).rows { byTerm[row.term] = row }
    return terms.map { ($0, byTerm[$0]) }
  }

  /// The coefficient table at the given confidence level.
  public func coefficientTable(level: Double = 0.95) -> CoefficientTable {
    let se = standardErrors
    let statistic = statistics
    let p = pValues
    let intervals = confidenceIntervals(level: level)
    let rows = coefficients.names.indices.map { i in
      CoefficientTable.Row(
        term: coefficients.names[i], estimate: coefficients.values[i], standardError: se[i],
        statistic: statistic[i], pValue: p[i], confidenceLow: intervals[i].low,
        confidenceHigh: intervals[i].high)
    }
    return CoefficientTable(
      rows: rows, level: level,
      statisticName: testDegreesOfFreedom == nil && coefficientDegreesOfFreedom == nil ? "z" : "t")
  }
}

/// A coefficient table as a plain value; renderers (text, Markdown, JSON) consume it.
public struct CoefficientTable: Sendable, Equatable {
  /// One coefficient.
  public struct Row: Sendable, Equatable {
    /// Term name.
    public let term: String
    /// Point estimate.
    public let estimate: Double
    /// Standard error.
    public let standardError: Double
    /// t or z statistic.
    public let statistic: Double
    /// Two-sided p-value.
    public let pValue: Double
    /// Lower confidence bound.
    public let confidenceLow: Double
    /// Upper confidence bound.
    public let confidenceHigh: Double
  }

  /// Rows in model order.
  public let rows: [Row]
  /// Confidence level of the intervals.
  public let level: Double
  /// "t" or "z".
  public let statisticName: String
}

import DataTable
import Inference
import LinearAlgebra

/// The part of a fitted regression every linear-family estimator shares (OLS, GLM, fixed
/// effects, panel estimators, fixed-effects GLMs): names, estimates, counts, the bread and
/// scores of the sandwich, and the covariance in force, computed once here under the model's
/// `CovarianceRules` instead of one `switch` per result type.
public struct RegressionCore: Sendable {
  /// The formula as written.
  public let formula: String
  /// All model-matrix column names, dropped ones included, in model order.
  public let terms: [String]
  /// Terms without an estimate (collinear, absorbed).
  public let aliased: [String]
  /// Kept coefficients with their names.
  public let coefficients: CoefficientVector
  /// Observations of the estimating equations.
  public let nobs: Int
  /// Residual degrees of freedom.
  public let residualDegreesOfFreedom: Double
  /// (X'WX)^-1 on the kept columns.
  public let bread: Matrix
  /// Table rows used, ascending (clusters and panel covariances are looked up there).
  public let rows: [Int]
  /// The covariance type in force.
  public let covarianceType: CovarianceType
  /// Covariance of the kept coefficients under `covarianceType`.
  public let covariance: Matrix
  /// Degrees of freedom of the t reference distribution (`nil`: normal).
  public let testDegreesOfFreedom: Double?
  /// Clusters per clustering dimension (empty unless clustered).
  public let clusterCounts: [Int]
  /// Notes on the fit, then on its covariance.
  public let warnings: [String]

  let fitWarnings: [String]
  /// Score design: the score of row i is `scoreDesign` row i times `scoreResiduals[i]`.
  let scoreDesign: Matrix
  let scoreResiduals: [Double]
  let data: DataTable
  let rules: CovarianceRules

  /// Creates the core and computes its covariance under `covarianceType`.
  /// - Throws: `ModelError`/`DataError` when the type is not available for the model or a
  ///   cluster column is unusable.
  init(
    formula: String, terms: [String], aliased: [String], coefficients: CoefficientVector,
    nobs: Int, residualDegreesOfFreedom: Double, bread: Matrix, scoreDesign: Matrix,
    scoreResiduals: [Double], data: DataTable, rows: [Int], warnings: [String],
    rules: CovarianceRules, covarianceType: CovarianceType
  ) throws {
    self.formula = formula
    self.terms = terms
    self.aliased = aliased
    self.coefficients = coefficients
    self.nobs = nobs
    self.residualDegreesOfFreedom = residualDegreesOfFreedom
    self.bread = bread
    self.scoreDesign = scoreDesign
    self.scoreResiduals = scoreResiduals
    self.data = data
    self.rows = rows
    self.fitWarnings = warnings
    self.rules = rules
    self.covarianceType = covarianceType
    let estimate = try Self.estimate(
      covarianceType, bread: bread, scoreDesign: scoreDesign, scoreResiduals: scoreResiduals,
      data: data, rows: rows, rank: coefficients.count,
      residualDegreesOfFreedom: residualDegreesOfFreedom, rules: rules)
    let honest = CovarianceHonesty.apply(
      estimate.matrix, names: coefficients.names,
      residualDegreesOfFreedom: residualDegreesOfFreedom, modelReason: rules.undefinedReason)
    covariance = honest.matrix
    testDegreesOfFreedom = estimate.degreesOfFreedom
    clusterCounts = estimate.clusterCounts
    self.warnings = warnings + estimate.warnings + honest.warnings
  }

  /// The same fit under another covariance type.
  /// - Throws: as `init`.
  func under(_ type: CovarianceType) throws -> RegressionCore {
    try RegressionCore(
      formula: formula, terms: terms, aliased: aliased, coefficients: coefficients, nobs: nobs,
      residualDegreesOfFreedom: residualDegreesOfFreedom, bread: bread, scoreDesign: scoreDesign,
      scoreResiduals: scoreResiduals, data: data, rows: rows, warnings: fitWarnings,
      rules: rules, covarianceType: type)
  }
}

import Distributions
import LinearAlgebra

/// Wald test of linear hypotheses R b = q on a fitted regression: W = (Rb - q)' (R V R')^-1 (Rb -
/// q), chi-squared with q = rows(R) degrees of freedom, using the fit's covariance in force (so a
/// robust covariance gives a robust test).
///
/// As `car::linearHypothesis(test = "Chisq")`.
public struct WaldTest: Sendable {
  /// The hypotheses, one per restriction, as text.
  public let hypotheses: [String]
  /// The chi-squared statistic W.
  public let statistic: Double
  /// Number of restrictions.
  public let degreesOfFreedom: Int
  /// Upper-tail chi-squared p-value.
  public let pValue: Double
  /// W / q, referred to F(q, df) when the fit's tests are t-based.
  public let fStatistic: Double
  /// p-value of the F form (`nil` for z-based fits).
  public let fPValue: Double?

  /// Tests hypotheses written as text, such as `"female = 0, female:year_c = 0"` or
  /// `"GPA - PSI = 0"`, `"2*x = z + 1"`.
  /// - Parameters:
  ///   - fit: a fitted model.
  ///   - hypotheses: comma-separated linear equations in the coefficient names.
  /// - Throws: `HypothesisError` for syntax errors, unknown terms (with a suggestion) or
  ///   restrictions that are linearly dependent.
  public init(_ fit: some RegressionFit, hypotheses: String) throws {
    let parsed = try HypothesisParser.parse(hypotheses, names: fit.coefficients.names)
    try self.init(
      fit, restrictions: parsed.matrix, values: parsed.values, labels: parsed.labels)
  }

  /// Tests R b = q.
  /// - Parameters:
  ///   - fit: a fitted model.
  ///   - restrictions: the q x k matrix R over the kept coefficients.
  ///   - values: q.
  ///   - labels: text of each restriction.
  /// - Throws: `HypothesisError.dependent` when R V R' is singular.
  public init(
    _ fit: some RegressionFit, restrictions: Matrix, values: [Double], labels: [String]? = nil
  ) throws {
    let q = restrictions.rows
    let b = fit.coefficients.values
    let rb = restrictions.multiplied(by: b)
    let difference = zip(rb, values).map { $0 - $1 }
    let middle = restrictions * fit.covariance * restrictions.transposed
    guard let cholesky = try? Cholesky(middle.symmetrized()) else {
      throw HypothesisError.dependent
    }
    let solved = cholesky.solve(difference)
    var w = 0.0
    for i in 0..<q { w += difference[i] * solved[i] }
    hypotheses = labels ?? (0..<q).map { "restriction \($0 + 1)" }
    statistic = w
    degreesOfFreedom = q
    pValue = ChiSquared(degreesOfFreedom: Double(q)).upperTail(w)
    fStatistic = w / Double(q)
    fPValue = fit.testDegreesOfFreedom.map {
      FisherF(numeratorDegreesOfFreedom: Double(q), denominatorDegreesOfFreedom: $0).upperTail(
        w / Double(q))
    }
  }
}

/// Likelihood-ratio test between nested models fitted by maximum likelihood on the same
/// observations: 2 (logL_full - logL_restricted), chi-squared with the difference in parameters
/// (R's `anova(restricted, full, test = "LRT")`, `lmtest::lrtest`).
public struct LikelihoodRatioTest: Sendable {
  /// The statistic.
  public let statistic: Double
  /// Difference in the number of parameters.
  public let degreesOfFreedom: Int
  /// Upper-tail chi-squared p-value.
  public let pValue: Double

  /// Compares a restricted model with a fuller one.
  /// - Parameters:
  ///   - restricted: the smaller model.
  ///   - full: the larger model.
  /// - Throws: `HypothesisError.notNested` when the observation counts differ or the full
  ///   model does not have more parameters.
  public init(restricted: some RegressionFit, full: some RegressionFit) throws {
    guard restricted.nobs == full.nobs else {
      throw HypothesisError.notNested(
        "the models use \(restricted.nobs) and \(full.nobs) observations; refit on the same rows")
    }
    let df = full.parameterCount - restricted.parameterCount
    guard df > 0 else {
      throw HypothesisError.notNested(
        "the full model has \(full.parameterCount) parameters, the restricted one "
          + "\(restricted.parameterCount); pass the smaller model as `restricted`")
    }
    statistic = 2 * (full.logLikelihood - restricted.logLikelihood)
    degreesOfFreedom = df
    pValue = ChiSquared(degreesOfFreedom: Double(df)).upperTail(max(statistic, 0))
  }
}

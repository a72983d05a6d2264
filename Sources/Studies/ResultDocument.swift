import Inference
import Models

/// Builds the result document of DESIGN.md section 4 (`vetstat.result/1`) from fitted models.
public enum ResultDocument {
  /// The schema identifier written in every result document.
  public static let schema = "vetstat.result/1"

  /// The document of a linear model fit.
  /// - Parameters:
  ///   - result: the fit.
  ///   - level: confidence level of `conf_low`/`conf_high`.
  /// - Returns: the JSON value.
  public static func make(_ result: OLSResult, level: Double = 0.95) -> JSONValue {
    let coefficients = coefficientRows(result, terms: result.terms, level: level)
    let stats = result.fitStatistics
    var document: [(String, JSONValue)] = [
      ("schema", .string(schema)),
      ("model", .string(result.weightsColumn == nil ? "ols" : "wls")),
      ("formula", .string(result.formula)),
      ("vcov", .string(result.covarianceType.description)),
      ("nobs", .integer(result.nobs)),
      ("df_residual", .number(result.residualDegreesOfFreedom)),
      ("coefficients", .array(coefficients)),
      (
        "fit",
        .object([
          ("r_squared", .number(stats.rSquared)),
          ("adj_r_squared", .number(stats.adjustedRSquared)),
          ("log_likelihood", .number(stats.logLikelihood)),
          ("aic", .number(result.aic)), ("bic", .number(result.bic)),
          ("deviance", .number(stats.residualSumOfSquares)),
          ("sigma", .number(stats.sigma)),
          ("f_statistic", .number(stats.fStatistic)),
          ("f_df1", .number(stats.fNumeratorDF)), ("f_df2", .number(stats.fDenominatorDF)),
        ])
      ),
      (
        "inference",
        inference(
          result, covariance: result.covarianceType, clusterCounts: result.clusterCounts,
          level: level, solver: result.solver.rawValue)
      ),
      (
        "dropped",
        .object([
          ("rows_missing", .integer(result.droppedMissingRows)),
          ("singletons", .integer(0)),
          ("collinear_terms", .array(result.aliasedTerms.map { .string($0) })),
        ])
      ),
      ("converged", .bool(true)),
      ("iterations", .integer(0)),
      ("warnings", .array(result.warnings.map { .string($0) })),
    ]
    if let weights = result.weightsColumn {
      document.insert(
        (
          "weights",
          .object([("column", .string(weights)), ("kind", .string(result.weightKind.rawValue))])
        ),
        at: 4)
    }
    return .object(document)
  }
}

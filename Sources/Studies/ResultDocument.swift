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
    let table = result.coefficientTable(level: level)
    var rowsByTerm: [String: CoefficientTable.Row] = [:]
    for row in table.rows { rowsByTerm[row.term] = row }
    let coefficients: [JSONValue] = result.terms.map { term in
      guard let row = rowsByTerm[term] else {
        return .object([
          ("term", .string(term)), ("estimate", .null), ("std_error", .null), ("statistic", .null),
          ("p_value", .null), ("conf_low", .null), ("conf_high", .null), ("aliased", .bool(true)),
        ])
      }
      return .object([
        ("term", .string(term)), ("estimate", .number(row.estimate)),
        ("std_error", .number(row.standardError)), ("statistic", .number(row.statistic)),
        ("p_value", .number(row.pValue)), ("conf_low", .number(row.confidenceLow)),
        ("conf_high", .number(row.confidenceHigh)),
      ])
    }
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
      ("inference", inference(result, level: level)),
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

  /// How coefficients were tested: distribution, degrees of freedom, clusters, correction.
  static func inference(_ result: OLSResult, level: Double) -> JSONValue {
    var pairs: [(String, JSONValue)] = [
      ("distribution", .string(result.testDegreesOfFreedom == nil ? "normal" : "t")),
      ("df", .number(result.testDegreesOfFreedom)),
      ("conf_level", .number(level)),
      ("solver", .string(result.solver.rawValue)),
    ]
    if case .cluster(let columns, let correction) = result.covarianceType {
      pairs.append(
        (
          "clusters",
          .array(
            zip(columns, result.clusterCounts).map {
              .object([("column", .string($0)), ("count", .integer($1))])
            })
        ))
      pairs.append(("small_sample_correction", .string(correction.description)))
    }
    return .object(pairs)
  }
}

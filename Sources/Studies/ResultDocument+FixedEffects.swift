import Inference
import Models

extension ResultDocument {
  /// The document of a fixed-effects fit: the OLS layout plus `fixed_effects` (levels and
  /// redundant levels per effect), `within_r_squared`, `dropped.singletons`, and the demeaning's
  /// convergence (`converged`, `iterations`, `demeaning.criterion`/`tolerance`).
  /// - Parameters:
  ///   - result: the fit.
  ///   - level: confidence level of `conf_low`/`conf_high`.
  /// - Returns: the JSON value.
  public static func make(_ result: FixedEffectsResult, level: Double = 0.95) -> JSONValue {
    let dof = result.fixedEffectDegreesOfFreedom
    let effects: [JSONValue] = result.fixedEffectNames.indices.map { q in
      .object([
        ("name", .string(result.fixedEffectNames[q])), ("levels", .integer(dof.levels[q])),
        ("redundant", .integer(dof.redundant[q])),
      ])
    }
    var fit: [(String, JSONValue)] = [
      ("r_squared", .number(result.rSquared)),
      ("within_r_squared", .number(result.withinRSquared)),
      ("log_likelihood", .number(result.logLikelihood)),
      ("aic", .number(result.aic)), ("bic", .number(result.bic)),
      ("deviance", .number(result.residualSumOfSquares)),
      ("sigma", .number(result.sigma)),
    ]
    if result.residualDegreesOfFreedom <= 0 { fit = fit.filter { $0.0 != "sigma" } }
    var document: [(String, JSONValue)] = [
      ("schema", .string(schema)),
      ("model", .string("fe")),
      ("formula", .string(result.formula)),
      ("vcov", .string(result.covarianceType.description)),
      ("nobs", .integer(result.nobs)),
      ("df_residual", .number(result.residualDegreesOfFreedom)),
      ("coefficients", .array(coefficientRows(result, terms: result.terms, level: level))),
      ("fixed_effects", .array(effects)),
      ("fit", .object(fit)),
      ("inference", panelInference(result, level: level)),
      (
        "dropped",
        .object([
          ("rows_missing", .integer(result.droppedMissingRows)),
          ("singletons", .integer(result.singletons)),
          ("collinear_terms", .array(result.aliasedTerms.map { .string($0) })),
          ("absorbed_terms", .array(result.absorbedTerms.map { .string($0) })),
        ])
      ),
      ("converged", .bool(result.demeaning.converged)),
      ("iterations", .integer(result.demeaning.iterations)),
      (
        "demeaning",
        .object([
          ("criterion", .number(result.demeaning.criterion)),
          ("tolerance", .number(result.demeaning.tolerance)),
        ])
      ),
      ("warnings", .array(result.warnings.map { .string($0) })),
    ]
    if let weights = result.weightsColumn {
      document.insert(
        ("weights", .object([("column", .string(weights)), ("kind", .string("analytic"))])), at: 4)
    }
    return .object(document)
  }

  /// Coefficient objects for every term; dropped terms get nulls and `"aliased": true`.
  static func coefficientRows(_ result: some RegressionFit, terms: [String], level: Double)
    -> [JSONValue]
  {
    var rowsByTerm: [String: CoefficientTable.Row] = [:]
    for row in result.coefficientTable(level: level).rows { rowsByTerm[row.term] = row }
    return terms.map { term in
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
  }

  /// Distribution, degrees of freedom, clusters and correction of a panel fit's tests.
  static func panelInference(_ result: FixedEffectsResult, level: Double) -> JSONValue {
    var pairs: [(String, JSONValue)] = [
      ("distribution", .string(result.testDegreesOfFreedom == nil ? "normal" : "t")),
      ("df", .number(result.testDegreesOfFreedom)),
      ("conf_level", .number(level)),
      ("solver", .string("qr")),
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

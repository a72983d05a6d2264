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
      (
        "inference",
        inference(
          result, covariance: result.covarianceType, clusterCounts: result.clusterCounts,
          level: level, solver: "qr")
      ),
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
}

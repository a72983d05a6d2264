import Inference
import Models

extension ResultDocument {
  /// The document of a random-effects, first-difference or between fit (`model`: `re`, `fd`,
  /// `between`); random effects add `variance_components` (idiosyncratic, individual, theta).
  /// - Parameters:
  ///   - result: the fit.
  ///   - level: confidence level of `conf_low`/`conf_high`.
  /// - Returns: the JSON value.
  public static func make(_ result: PanelResult, level: Double = 0.95) -> JSONValue {
    var document: [(String, JSONValue)] = [
      ("schema", .string(schema)), ("model", .string(result.model.rawValue)),
      ("formula", .string(result.formula)), ("vcov", .string(result.covarianceType.description)),
      ("nobs", .integer(result.nobs)), ("units", .integer(result.units)),
      ("df_residual", .number(result.residualDegreesOfFreedom)),
      ("coefficients", .array(coefficientRows(result, terms: result.terms, level: level))),
      (
        "fit",
        .object([
          ("r_squared", .number(result.rSquared)),
          ("log_likelihood", .number(result.logLikelihood)),
          ("aic", .number(result.aic)), ("bic", .number(result.bic)),
          ("deviance", .number(result.residualSumOfSquares)),
        ])
      ),
      (
        "inference",
        inference(
          result, covariance: result.covarianceType, clusterCounts: result.clusterCounts,
          level: level, solver: nil)
      ),
      (
        "dropped",
        .object([
          ("rows_missing", .integer(result.droppedMissingRows)), ("singletons", .integer(0)),
          ("collinear_terms", .array(result.aliasedTerms.map { .string($0) })),
        ])
      ),
      ("converged", .bool(true)), ("iterations", .integer(0)),
      ("warnings", .array(result.warnings.map { .string($0) })),
    ]
    if let components = result.varianceComponents {
      let thetas = components.theta.keys.sorted().map { size in
        JSONValue.object([
          ("unit_size", .integer(size)), ("theta", .number(components.theta[size] ?? 0)),
        ])
      }
      document.insert(
        (
          "variance_components",
          .object([
            ("idiosyncratic", .number(components.idiosyncratic)),
            ("individual", .number(components.individual)), ("theta", .array(thetas)),
          ])
        ), at: 9)
    }
    return .object(document)
  }
}

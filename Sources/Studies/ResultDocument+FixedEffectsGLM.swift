import Inference
import Models

extension ResultDocument {
  /// The document of a fixed-effects GLM (logit, probit, Poisson with `|`): the GLM layout with
  /// `fixed_effects` (levels, redundant levels and levels dropped for no outcome variation per
  /// effect), `dropped` (missing rows, singletons, no-variation observations, collinear terms),
  /// IRLS `iterations`/`converged`/`tolerance`, and z-test inference.
  /// - Parameters:
  ///   - result: the fit.
  ///   - level: confidence level of `conf_low`/`conf_high`.
  /// - Returns: the JSON value.
  public static func make(_ result: FixedEffectsGLMResult, level: Double = 0.95) -> JSONValue {
    let dof = result.fixedEffectDegreesOfFreedom
    let effects: [JSONValue] = result.fixedEffectNames.indices.map { q in
      .object([
        ("name", .string(result.fixedEffectNames[q])), ("levels", .integer(dof.levels[q])),
        ("redundant", .integer(dof.redundant[q])),
        ("levels_dropped_no_variation", .integer(result.observationDrops.noVariationLevels[q])),
      ])
    }
    return .object([
      ("schema", .string(schema)),
      ("model", .string(modelName(result.family))),
      ("family", .string(result.family.name)),
      ("link", .string(result.family.link.rawValue)),
      ("fixed_effects_model", .bool(true)),
      ("formula", .string(result.formula)),
      ("vcov", .string(result.covarianceType.description)),
      ("nobs", .integer(result.nobs)),
      ("df_residual", .number(Double(result.nobs - result.parameterCount))),
      ("coefficients", .array(coefficientRows(result, terms: result.terms, level: level))),
      ("fixed_effects", .array(effects)),
      (
        "fit",
        .object([
          ("log_likelihood", .number(result.logLikelihood)),
          ("aic", .number(result.aic)), ("bic", .number(result.bic)),
          ("deviance", .number(result.deviance)),
        ])
      ),
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
          ("no_variation", .integer(result.observationDrops.noVariation)),
          ("collinear_terms", .array(result.aliasedTerms.map { .string($0) })),
        ])
      ),
      ("converged", .bool(result.converged)),
      ("iterations", .integer(result.iterations)),
      ("tolerance", .number(result.tolerance)),
      ("warnings", .array(result.warnings.map { .string($0) })),
    ])
  }
}

import Distributions
import Foundation
import Inference
import Models

extension ResultDocument {
  /// The short model name of a GLM family: `logit`, `probit`, `cloglog`, `poisson`, `gaussian`.
  public static func modelName(_ family: GLMFamily) -> String {
    switch family {
    case .binomial(let link): return link.rawValue
    case .poisson: return "poisson"
    case .gaussian: return "gaussian"
    }
  }

  /// The document of a GLM fit (DESIGN.md section 4), with a `marginal_effects` array when
  /// effects are given and exponentiated estimates (odds / incidence-rate ratios) on request.
  /// - Parameters:
  ///   - result: the fit.
  ///   - level: confidence level of `conf_low`/`conf_high`.
  ///   - marginalEffects: effects to include, or `nil`.
  ///   - marginsAt: where the effects were evaluated.
  ///   - exponentiate: add `exp_estimate`, `exp_conf_low`, `exp_conf_high` to each coefficient.
  /// - Returns: the JSON value.
  public static func make(
    _ result: GLMResult, level: Double = 0.95, marginalEffects: [MarginalEffect]? = nil,
    marginsAt: MarginalEffectsAt = .average, exponentiate: Bool = false
  ) -> JSONValue {
    let coefficients = coefficientRows(result, terms: result.terms, level: level) { row in
      guard exponentiate else { return [] }
      return [
        ("exp_estimate", .number(Foundation.exp(row.estimate))),
        ("exp_conf_low", .number(Foundation.exp(row.confidenceLow))),
        ("exp_conf_high", .number(Foundation.exp(row.confidenceHigh))),
      ]
    }
    let stats = result.statistics
    let lrDF = Double(result.rank - (result.design.formula.hasIntercept ? 1 : 0))
    let lrP =
      lrDF > 0
      ? ChiSquared(degreesOfFreedom: lrDF).upperTail(max(stats.likelihoodRatioStatistic, 0)) : nil
    var document: [(String, JSONValue)] = [
      ("schema", .string(schema)),
      ("model", .string(modelName(result.family))),
      ("family", .string(result.family.name)),
      ("link", .string(result.family.link.rawValue)),
      ("formula", .string(result.formula)),
      ("vcov", .string(result.covarianceType.description)),
      ("nobs", .integer(result.nobs)),
      ("df_residual", .number(result.residualDegreesOfFreedom)),
      ("coefficients", .array(coefficients)),
      (
        "fit",
        .object([
          ("r_squared", .null), ("adj_r_squared", .null),
          ("log_likelihood", .number(result.logLikelihood)),
          ("aic", .number(result.aic)), ("bic", .number(result.bic)),
          ("deviance", .number(stats.deviance)),
          ("null_deviance", .number(stats.nullDeviance)),
          ("df_null", .number(stats.dfNull)),
          ("pearson_chi2", .number(stats.pearsonChiSquared)),
          ("dispersion", .number(stats.dispersion)),
          ("null_log_likelihood", .number(stats.nullLogLikelihood)),
          ("pseudo_r_squared", .number(stats.mcFaddenRSquared)),
          ("lr_statistic", .number(stats.likelihoodRatioStatistic)),
          ("lr_df", .number(lrDF)), ("lr_p_value", .number(lrP)),
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
      ("converged", .bool(result.convergence.converged)),
      ("iterations", .integer(result.convergence.iterations)),
      ("separation", separation(result.separation)),
      ("warnings", .array(result.warnings.map { .string($0) })),
    ]
    if let marginalEffects {
      document.append(("marginal_effects_at", .string(marginsAt.rawValue)))
      document.append(("marginal_effects", .array(marginalEffects.map(effect))))
    }
    var extras: [(String, JSONValue)] = []
    if let weights = result.weightsColumn {
      extras.append(
        ("weights", .object([("column", .string(weights)), ("kind", .string("prior"))])))
    }
    if let offset = result.offsetColumn { extras.append(("offset", .string(offset))) }
    document.insert(contentsOf: extras, at: 6)
    return .object(document)
  }

  static func effect(_ e: MarginalEffect) -> JSONValue {
    .object([
      ("term", .string(e.term)), ("kind", .string(e.kind.rawValue)),
      ("estimate", .number(e.estimate)), ("std_error", .number(e.standardError)),
      ("statistic", .number(e.statistic)), ("p_value", .number(e.pValue)),
      ("conf_low", .number(e.confidenceLow)), ("conf_high", .number(e.confidenceHigh)),
    ])
  }

  static func separation(_ report: SeparationReport?) -> JSONValue {
    guard let report else { return .null }
    return .object([
      (
        "terms",
        .array(
          report.terms.map {
            .object([
              ("term", .string($0.term)), ("complete", .bool($0.complete)),
              ("observations", .integer($0.observations)),
            ])
          })
      ),
      ("diverging_terms", .array(report.divergingTerms.map { .string($0) })),
      ("fitted_at_boundary", .integer(report.fittedAtBoundary)),
    ])
  }

}

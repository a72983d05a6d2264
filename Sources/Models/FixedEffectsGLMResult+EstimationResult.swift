import Inference

extension FixedEffectsGLMResult {
  /// The family's short name (`logit`, `probit`, `poisson`).
  public var modelName: String { core.family.modelName }
  /// n minus slopes and fixed-effect parameters.
  public var residualDegreesOfFreedom: Double { Double(core.nobs - parameterCount) }
  /// Rows with missing values, singletons, and observations in levels whose outcome does not
  /// vary (`no_variation`); collinear or absorbed terms.
  public var dropped: DroppedSummary {
    DroppedSummary(
      missingRows: core.dropped.missingRows, singletons: core.dropped.singletons,
      other: [.init(reason: "no_variation", rows: core.dropped.noVariation)],
      collinearTerms: core.aliased)
  }
  /// How IRLS ended.
  public var convergence: ConvergenceInfo {
    ConvergenceInfo(
      converged: core.converged, iterations: core.iterations, criterion: nil,
      tolerance: core.tolerance)
  }
  /// Log-likelihood, AIC, BIC and deviance.
  public var fitMeasures: [FitMeasure] {
    [
      FitMeasure("log_likelihood", logLikelihood), FitMeasure("aic", aic), FitMeasure("bic", bic),
      FitMeasure("deviance", deviance),
    ]
  }
  /// The absorbed effects (`fixed_effects`: name, levels, redundant levels, levels dropped for
  /// no outcome variation).
  public var sections: [ResultSection] {
    let dof = core.degreesOfFreedom
    return [
      ResultSection(
        key: "fixed_effects", title: "Fixed effects",
        columns: [
          .init("name"), .init("levels"), .init("redundant"),
          .init("levels_dropped_no_variation"),
        ],
        rows: core.factors.indices.map {
          [
            .text(core.factors[$0].name), .integer(dof.levels[$0]), .integer(dof.redundant[$0]),
            .integer(core.dropped.noVariationLevels[$0]),
          ]
        })
    ]
  }
}

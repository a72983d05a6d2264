import Inference

extension FixedEffectsGLMResult {
  /// The family's short name (`logit`, `probit`, `poisson`).
  public var modelName: String { details.family.modelName }
  /// Rows with missing values, singletons, and observations in levels whose outcome does not
  /// vary (`no_variation`); collinear or absorbed terms.
  public var dropped: DroppedSummary {
    DroppedSummary(
      missingRows: details.dropped.missingRows, singletons: details.dropped.singletons,
      other: [
        .init(
          reason: "no_variation", rows: details.dropped.noVariation,
          label: "in levels whose outcome does not vary")
      ],
      collinearTerms: regression.aliased)
  }
  /// Log-likelihood, AIC, BIC and deviance.
  public var fitMeasures: [FitMeasure] {
    [
      FitMeasure("log_likelihood", logLikelihood), FitMeasure("aic", aic), FitMeasure("bic", bic),
      FitMeasure("deviance", deviance),
    ]
  }
  /// The weighted least-squares steps are solved by QR.
  public var solverName: String? { "qr" }
  /// Family, link, the absorbed effects (`fixed_effects`: name, levels, redundant levels, levels dropped for
  /// no outcome variation) and the IRLS tolerance.
  public var sections: [ResultSection] {
    let dof = details.degreesOfFreedom
    return ResultSection.family(details.family) + [
      .scalar(
        "fixed_effects_model", title: "Fixed effects", .bool(true), placement: .afterModel),
      ResultSection(
        key: "fixed_effects", title: "Fixed effects",
        columns: [
          .init("name"), .init("levels"), .init("redundant"),
          .init("levels_dropped_no_variation"),
        ],
        rows: details.factors.indices.map {
          [
            .text(details.factors[$0].name), .integer(dof.levels[$0]), .integer(dof.redundant[$0]),
            .integer(details.dropped.noVariationLevels[$0]),
          ]
        }),
      .scalar(
        "tolerance", title: "IRLS tolerance", .number(details.convergence.tolerance),
        placement: .afterConvergence),
    ]
  }
}

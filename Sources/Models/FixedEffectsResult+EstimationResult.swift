import Inference

extension FixedEffectsResult {
  /// `fe`.
  public var modelName: String { "fe" }
  /// Rows with missing values and singletons; collinear and absorbed terms.
  public var dropped: DroppedSummary {
    DroppedSummary(
      missingRows: details.droppedMissing, singletons: details.singletons,
      collinearTerms: regression.aliased, absorbedTerms: details.absorbed)
  }
  /// How the demeaning ended (the worst column).
  public var convergence: ConvergenceInfo { details.demeaning }
  /// R^2, within R^2, log-likelihood, AIC, BIC, RSS (`deviance`) and sigma (left out when no
  /// residual degrees of freedom remain).
  public var fitMeasures: [FitMeasure] {
    var measures = [
      FitMeasure("r_squared", rSquared), FitMeasure("within_r_squared", withinRSquared),
      FitMeasure("log_likelihood", logLikelihood), FitMeasure("aic", aic), FitMeasure("bic", bic),
      FitMeasure("deviance", residualSumOfSquares),
    ]
    if residualDegreesOfFreedom > 0 { measures.append(FitMeasure("sigma", sigma)) }
    return measures
  }
  /// Slopes are solved by QR after demeaning.
  public var solverName: String? { "qr" }
  /// The weights, the absorbed effects (`fixed_effects`: name, levels, redundant levels) and
  /// how the demeaning ended (`demeaning`: criterion, tolerance).
  public var sections: [ResultSection] {
    let dof = details.degreesOfFreedom
    let demeaning = ResultSection(
      key: "demeaning", title: "Demeaning", columns: [.init("criterion"), .init("tolerance")],
      rows: [[.number(details.demeaning.criterion), .number(details.demeaning.tolerance)]],
      layout: .record, placement: .afterConvergence)
    let weights = details.weightsColumn.map {
      [ResultSection.weights(column: $0, kind: WeightKind.analytic.rawValue)]
    }
    return (weights ?? []) + [
      ResultSection(
        key: "fixed_effects", title: "Fixed effects",
        columns: [.init("name"), .init("levels"), .init("redundant")],
        rows: details.factors.indices.map {
          [.text(details.factors[$0].name), .integer(dof.levels[$0]), .integer(dof.redundant[$0])]
        }),
      demeaning,
    ]
  }
}

import Inference

extension PanelResult {
  /// `re`, `fd` or `between`.
  public var modelName: String { details.model.rawValue }
  /// Rows with missing values; aliased terms (or terms without variation in differences).
  public var dropped: DroppedSummary {
    DroppedSummary(missingRows: details.droppedMissing, collinearTerms: regression.aliased)
  }
  /// No solver is reported (plm's layout).
  public var solverName: String? { nil }
  /// The estimators are solved in closed form.
  public var convergence: ConvergenceInfo { .closedForm }
  /// R^2 of the estimating regression, log-likelihood, AIC, BIC and RSS (`deviance`).
  public var fitMeasures: [FitMeasure] {
    [
      FitMeasure("r_squared", rSquared), FitMeasure("log_likelihood", logLikelihood),
      FitMeasure("aic", aic), FitMeasure("bic", bic),
      FitMeasure("deviance", residualSumOfSquares),
    ]
  }
  /// The number of units (`units`) and the random-effects variance components (`variance_components`: idiosyncratic, individual,
  /// and theta by unit size).
  public var sections: [ResultSection] {
    let units = ResultSection.scalar(
      "units", title: "Units", .integer(details.units), isCount: true,
      placement: .afterObservations)
    guard let components = details.components else { return [units] }
    let theta = ResultSection(
      key: "theta", title: "GLS weight by unit size",
      columns: [.init("unit_size"), .init("theta")],
      rows: components.theta.keys.sorted().map {
        [.integer($0), .number(components.theta[$0] ?? 0)]
      })
    return [
      units,
      ResultSection(
        key: "variance_components", title: "Variance components",
        columns: [.init("idiosyncratic"), .init("individual")],
        rows: [[.number(components.idiosyncratic), .number(components.individual)]],
        layout: .record, children: [theta], placement: .afterFit),
    ]
  }
}

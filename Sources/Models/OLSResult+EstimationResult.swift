import Inference

extension OLSResult {
  /// `ols`, or `wls` when the fit is weighted.
  public var modelName: String { details.weightsColumn == nil ? "ols" : "wls" }
  /// Rows with missing values; aliased terms.
  public var dropped: DroppedSummary {
    DroppedSummary(missingRows: details.droppedMissing, collinearTerms: regression.aliased)
  }
  /// Least squares is solved in closed form.
  public var convergence: ConvergenceInfo { .closedForm }
  /// R^2, adjusted R^2, log-likelihood, AIC, BIC, RSS (`deviance`), sigma and the overall F test.
  public var fitMeasures: [FitMeasure] {
    let stats = details.statistics
    return [
      FitMeasure("r_squared", stats.rSquared), FitMeasure("adj_r_squared", stats.adjustedRSquared),
      FitMeasure("log_likelihood", stats.logLikelihood), FitMeasure("aic", aic),
      FitMeasure("bic", bic), FitMeasure("deviance", stats.residualSumOfSquares),
      FitMeasure("sigma", stats.sigma), FitMeasure("f_statistic", stats.fStatistic),
      FitMeasure("f_df1", stats.fNumeratorDF), FitMeasure("f_df2", stats.fDenominatorDF),
    ]
  }
  /// The factorisation used.
  public var solverName: String? { details.solver.rawValue }
  /// The weights (`weights`: column and kind) of a weighted fit.
  public var sections: [ResultSection] {
    guard let column = details.weightsColumn else { return [] }
    return [.weights(column: column, kind: details.weightKind.rawValue)]
  }
}

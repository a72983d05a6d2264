import Inference

extension CoxResult {
  /// Log-likelihoods, events and AIC.
  public var fitMeasures: [FitMeasure] {
    [
      FitMeasure("log_likelihood", logLikelihood),
      FitMeasure("null_log_likelihood", nullLogLikelihood), FitMeasure("aic", aic),
      FitMeasure("events", Double(events)),
    ]
  }

  /// `ties`, `strata` and `tests` (likelihood ratio, Wald, score, proportional hazards).
  public var sections: [ResultSection] {
    [
      .scalar("ties", title: "Ties", .text(ties.rawValue), placement: .afterModel),
      .scalar(
        "strata", title: "Strata", .integer(strataCount), placement: .afterObservations),
      SurvivalTestSection.make(tests),
    ]
  }
}

/// How group-time effects are summarised (R `did::aggte` `type`).
public enum DiDAggregation: String, Sendable, CaseIterable {
  /// One weighted average of every post-treatment effect, weights by cohort size.
  case simple
  /// By event time `e = t - g` (an event study), and their average over `e >= 0`.
  case dynamic
  /// By cohort, and their cohort-size-weighted average.
  case group
  /// By calendar period, and their average.
  case calendar
}

/// One estimate of an aggregation: the overall summary, or one event time, cohort or period.
public struct DiDAggregateEstimate: Sendable, Equatable {
  /// The event time, cohort or period; `nil` for the overall summary.
  public let at: Double?
  /// The estimate, `nil` when undefined.
  public let estimate: Double?
  /// Analytical standard error from the influence function.
  public let standardError: Double?
  /// Pointwise confidence interval.
  public let confidenceLow: Double?
  /// Upper end of the pointwise interval.
  public let confidenceHigh: Double?
  /// Lower end of the uniform (simultaneous) band; `nil` without the bootstrap.
  public let bandLow: Double?
  /// Upper end of the uniform band.
  public let bandHigh: Double?
}

/// An aggregation of group-time effects (R `aggte`): the overall estimate and, except for
/// `simple`, one estimate per event time, cohort or period with a uniform band.
public struct DiDAggregate: Sendable, Equatable {
  /// The aggregation.
  public let type: DiDAggregation
  /// The overall summary.
  public let overall: DiDAggregateEstimate
  /// Estimates by event time, cohort or period (empty for `simple`).
  public let estimates: [DiDAggregateEstimate]
  /// The critical value of the uniform band (multiplier bootstrap sup-t), `nil` without it.
  public let uniformCriticalValue: Double?
}

/// The joint Wald test that every pre-treatment ATT(g,t) is zero (R `did`'s pre-test of
/// parallel trends).
public struct DiDPretest: Sendable, Equatable {
  /// The Wald statistic.
  public let statistic: Double
  /// Degrees of freedom: the number of pre-treatment effects tested.
  public let degreesOfFreedom: Int
  /// Chi-squared p-value.
  public let pValue: Double
}

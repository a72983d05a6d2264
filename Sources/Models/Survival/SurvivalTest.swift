import Distributions

/// A chi-squared test of a survival analysis (log-rank, likelihood ratio, Wald, score,
/// proportional hazards), as the result document's `tests` rows.
public struct SurvivalTest: Sendable, Equatable {
  /// The test's name (`log_rank`, `likelihood_ratio`, `wald`, `score`, `ph_<term>`).
  public let name: String
  /// The chi-squared statistic.
  public let statistic: Double
  /// Its degrees of freedom.
  public let degreesOfFreedom: Int
  /// The upper-tail p-value.
  public var pValue: Double {
    degreesOfFreedom > 0
      ? ChiSquared(degreesOfFreedom: Double(degreesOfFreedom)).upperTail(statistic) : .nan
  }

  /// Creates a test.
  /// - Parameters:
  ///   - name: the test's name.
  ///   - statistic: the chi-squared statistic.
  ///   - degreesOfFreedom: its degrees of freedom.
  public init(name: String, statistic: Double, degreesOfFreedom: Int) {
    self.name = name
    self.statistic = statistic
    self.degreesOfFreedom = degreesOfFreedom
  }
}

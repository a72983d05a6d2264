import Inference

/// A fitted Callaway and Sant'Anna (2021) design: every ATT(g,t), the four aggregations, the
/// pre-test and what the sample preparation did.
public struct CallawaySantAnnaResult: Sendable {
  /// The options fitted.
  public let options: CallawaySantAnnaOptions
  /// The group-time effects, by cohort then period.
  public let effects: [GroupTimeEffect]
  /// The sup-t critical value of a uniform band over all ATT(g,t) (with the bootstrap).
  public let attBandCriticalValue: Double?
  /// The aggregations that could be formed (simple, dynamic, group, calendar).
  public let aggregates: [DiDAggregate]
  /// The joint Wald test of the pre-treatment effects, when it could be formed.
  public let pretest: DiDPretest?
  /// Influence-function rows: units of a panel, rows of repeated cross-sections.
  public let units: Int
  /// Data rows used.
  public let observations: Int
  /// Clusters, when clustering is coarser than the unit.
  public let clusterCount: Int?
  /// Periods of the sample.
  public let times: [Double]
  /// Treated cohorts estimated.
  public let groups: [Double]
  /// Covariate columns (model-matrix names).
  public let covariateNames: [String]
  /// Rows left out and why.
  public let dropped: DroppedSummary
  /// Warnings: recodings, dropped units, cohorts without comparison group, failed cells.
  public let warnings: [String]

  /// The aggregation of the given type, if it could be formed.
  /// - Parameter type: simple, dynamic, group or calendar.
  /// - Returns: the aggregation.
  public func aggregate(_ type: DiDAggregation) -> DiDAggregate? {
    aggregates.first { $0.type == type }
  }

  /// The effect of cohort `group` in period `time`, if estimated.
  /// - Parameters:
  ///   - group: the cohort.
  ///   - time: the period.
  /// - Returns: the effect.
  public func effect(group: Double, time: Double) -> GroupTimeEffect? {
    effects.first { $0.group == group && $0.time == time }
  }
}

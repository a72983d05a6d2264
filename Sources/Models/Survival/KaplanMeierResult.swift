import Inference

/// Kaplan-Meier curves by group with their medians and, for two or more groups, the log-rank
/// test: the result of `KaplanMeier.fit`.
public struct KaplanMeierResult: EstimationResult {
  /// Always `kaplan_meier`.
  public var modelName: String { "kaplan_meier" }
  /// A description of the fit (`Surv(time, event) ~ group`).
  public let formula: String
  /// Spells used.
  public let nobs: Int
  /// One curve per group, in level order.
  public let curves: [KaplanMeierCurve]
  /// The log-rank test between the groups (`nil` for one group).
  public let logRank: LogRankTest?
  /// Notes on the data (no events).
  public let warnings: [String]

  /// Nothing is dropped by the estimator (callers drop incomplete rows before).
  public var dropped: DroppedSummary { DroppedSummary(missingRows: 0, collinearTerms: []) }
  /// Closed form.
  public var convergence: ConvergenceInfo { .closedForm }
  /// Total events.
  public var fitMeasures: [FitMeasure] {
    [FitMeasure("events", Double(curves.reduce(0) { $0 + $1.nEvent.reduce(0, +) }))]
  }

  /// `curves` (one row per group and time; counts marked for disclosure control), `medians`,
  /// and with groups `tests` and `log_rank` (observed and expected events per group).
  public var sections: [ResultSection] {
    var curveRows: [[ResultSection.Cell]] = []
    var medianRows: [[ResultSection.Cell]] = []
    for curve in curves {
      let se = curve.standardError
      for index in curve.time.indices {
        curveRows.append([
          .text(curve.group), .number(curve.time[index]), .integer(curve.nRisk[index]),
          .integer(curve.nEvent[index]), .integer(curve.nCensor[index]),
          .number(curve.survival[index]), .number(se[index].isFinite ? se[index] : nil),
          .number(curve.lower[index]), .number(curve.upper[index]),
        ])
      }
      medianRows.append([
        .text(curve.group), .integer(curve.count), .integer(curve.nEvent.reduce(0, +)),
        .number(curve.median.estimate), .number(curve.median.low), .number(curve.median.high),
      ])
    }
    var sections = [
      ResultSection(
        key: "curves", title: "Kaplan-Meier curves",
        columns: [
          .init("group"), .init("time"), .init("n_risk", isCount: true),
          .init("n_event", isCount: true), .init("n_censor", isCount: true), .init("survival"),
          .init("std_error"), .init("conf_low"), .init("conf_high"),
        ], rows: curveRows),
      ResultSection(
        key: "medians", title: "Median survival",
        columns: [
          .init("group"), .init("n", isCount: true), .init("events", isCount: true),
          .init("median"), .init("conf_low"), .init("conf_high"),
        ], rows: medianRows),
    ]
    if let logRank {
      sections.append(SurvivalTestSection.make([logRank.test]))
      sections.append(
        ResultSection(
          key: "log_rank", title: "Log-rank test: observed and expected events",
          columns: [
            .init("group"), .init("n", isCount: true), .init("observed", isCount: true),
            .init("expected"),
          ],
          rows: logRank.groups.indices.map {
            [
              .text(logRank.groups[$0]), .integer(logRank.counts[$0]),
              .integer(Int(logRank.observed[$0])), .number(logRank.expected[$0]),
            ]
          }))
    }
    return sections
  }
}

/// The `tests` section shared by the survival results.
enum SurvivalTestSection {
  /// `tests` (name, statistic, df, p_value).
  static func make(_ tests: [SurvivalTest]) -> ResultSection {
    ResultSection(
      key: "tests", title: "Tests",
      columns: ["name", "statistic", "df", "p_value"].map { .init($0) },
      rows: tests.map {
        [.text($0.name), .number($0.statistic), .integer($0.degreesOfFreedom), .number($0.pValue)]
      }, placement: .afterFit)
  }
}

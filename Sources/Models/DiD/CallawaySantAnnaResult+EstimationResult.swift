import Distributions
import Inference

extension CallawaySantAnnaResult: EstimationResult {
  /// `did`.
  public var modelName: String { "did" }
  /// The outcome and covariates, `y ~ x1 + x2` (`y ~ 1` without covariates).
  public var formula: String {
    options.outcome + " ~ "
      + (options.covariates.isEmpty ? "1" : options.covariates.joined(separator: " + "))
  }
  /// Data rows used.
  public var nobs: Int { observations }
  /// Closed-form 2x2 estimators (the propensity logits iterate within each cell).
  public var convergence: ConvergenceInfo { .closedForm }
  /// None: a DiD design has no single goodness of fit.
  public var fitMeasures: [FitMeasure] { [] }

  /// The design, `att_gt`, `aggregates` and `pretest` sections of the result document.
  public var sections: [ResultSection] {
    var design: [(String, ResultSection.Cell)] = [
      ("method", .text("callaway-santanna")), ("estimator", .text(options.estimator.rawValue)),
      ("control", .text(options.control.rawValue)),
      ("base_period", .text(options.basePeriod.rawValue)),
      ("anticipation", .number(options.anticipation)), ("sample", .text(options.sampling.rawValue)),
      ("outcome", .text(options.outcome)), ("first_treated", .text(options.firstTreated)),
      ("cluster", options.cluster.map { .text($0) } ?? .number(nil)),
      ("conf_level", .number(options.level)),
    ]
    design.append(
      ("bootstrap_reps", options.bootstrap.map { .integer($0.replications) } ?? .number(nil)))
    design.append(
      ("bootstrap_weights", options.bootstrap.map { .text($0.weights.rawValue) } ?? .number(nil)))
    var sections = [
      ResultSection(
        key: "design", title: "Design", columns: design.map { ResultSection.Column($0.0) },
        rows: [design.map(\.1)], layout: .record, placement: .afterModel),
      .scalar(
        "units", title: "Units", .integer(units), isCount: true, placement: .afterObservations),
      .scalar(
        "clusters", title: "Clusters", clusterCount.map { .integer($0) } ?? .number(nil),
        placement: .afterObservations),
      attSection(),
      aggregateSection(),
    ]
    let test: [(String, ResultSection.Cell)] = [
      ("statistic", .number(pretest?.statistic)),
      ("df", pretest.map { .integer($0.degreesOfFreedom) } ?? .number(nil)),
      ("p_value", .number(pretest?.pValue)),
    ]
    sections.append(
      ResultSection(
        key: "pretest", title: "Pre-test of parallel trends (Wald)",
        columns: test.map { ResultSection.Column($0.0) }, rows: [test.map(\.1)], layout: .record))
    return sections
  }

  func attSection() -> ResultSection {
    let z = Normal.standard.upperQuantile((1 - options.level) / 2)
    let columns =
      [
        "group", "time", "base_period", "att", "std_error", "conf_low", "conf_high", "band_low",
        "band_high",
      ].map { ResultSection.Column($0) }
      + [
        ResultSection.Column("treated_units", isCount: true),
        ResultSection.Column("comparison_units", isCount: true),
      ]
    let rows: [[ResultSection.Cell]] = effects.map { e in
      func bound(_ c: Double?, _ sign: Double) -> ResultSection.Cell {
        guard let c, let att = e.att, let se = e.standardError else { return .number(nil) }
        return .number(att + sign * c * se)
      }
      return [
        .number(e.group), .number(e.time), .number(e.basePeriod), .number(e.att),
        .number(e.standardError), bound(z, -1), bound(z, 1), bound(attBandCriticalValue, -1),
        bound(attBandCriticalValue, 1), .integer(e.treatedUnits), .integer(e.comparisonUnits),
      ]
    }
    return ResultSection(
      key: "att_gt", title: "Group-time effects ATT(g,t)", columns: columns, rows: rows)
  }

  func aggregateSection() -> ResultSection {
    let columns = [
      "type", "event_time", "group", "time", "estimate", "std_error", "conf_low", "conf_high",
      "band_low", "band_high",
    ].map { ResultSection.Column($0) }
    var rows: [[ResultSection.Cell]] = []
    for aggregate in aggregates {
      for e in [aggregate.overall] + aggregate.estimates {
        let at: [ResultSection.Cell] = [.dynamic, .group, .calendar].map { type in
          type == aggregate.type && e.at != nil ? .number(e.at) : .number(nil)
        }
        rows.append(
          [.text(e.at == nil ? aggregate.type.rawValue : aggregate.type.rawValue)] + at
            + [
              e.estimate, e.standardError, e.confidenceLow, e.confidenceHigh, e.bandLow, e.bandHigh,
            ]
            .map { .number($0) })
      }
    }
    return ResultSection(
      key: "aggregates", title: "Aggregated effects", columns: columns, rows: rows)
  }
}

import DataTable
import Inference
import Models
import Plotting

/// The regression-based methods of `kind: did`: the TWFE event study (`twfe`), the Sun and
/// Abraham interaction-weighted event study (`sun-abraham`) and the Goodman-Bacon decomposition
/// of the static TWFE estimate (`bacon`), all on a balanced or unbalanced unit x period panel.
extension DiDAnalysis {
  /// The panel columns of the spec, as the regression methods take them.
  var adoptionColumns: StaggeredAdoptionColumns {
    StaggeredAdoptionColumns(
      outcome: options.outcome, unit: options.unit ?? "", time: options.time,
      firstTreated: options.firstTreated)
  }

  /// The event-time window as whole periods (`window: [-4, 4]`), `nil` for every event time.
  var eventWindow: ClosedRange<Int>? {
    window.map { Int($0.lowerBound.rounded(.down))...Int($0.upperBound.rounded(.up)) }
  }

  /// `method: twfe`: `y ~ i(event_time, ref = -1) | unit + time`, endpoints binned to `window`,
  /// clustered by `cluster` (the unit by default).
  func runEventStudy(_ context: AnalysisContext) throws -> AnalysisOutcome {
    let result = try EventStudy.fit(
      data: context.data, columns: adoptionColumns, cluster: options.cluster,
      window: eventWindow)
    return regressionOutcome(
      result, model: "TWFE event study", context: context,
      support: eventTimeSupport(context.data, window: eventWindow))
  }

  /// `method: sun-abraham`: cohort x event-time cells against never-treated units (or the
  /// last-treated cohort when there are none), aggregated to event time.
  func runSunAbraham(_ context: AnalysisContext) throws -> AnalysisOutcome {
    let result = try SunAbraham.fit(
      data: context.data, columns: adoptionColumns, cluster: options.cluster, control: .automatic)
    return regressionOutcome(
      result, model: "Sun-Abraham event study", context: context,
      support: eventTimeSupport(context.data, window: nil))
  }

  /// The rows behind each event-time coefficient, for disclosure control: the rows of treated
  /// units at that event time (binned into `window`); the reference is event time -1 and the
  /// never-treated units' rows.
  func eventTimeSupport(_ data: DataTable, window: ClosedRange<Int>?) -> CoefficientSupport {
    let outcome = data[options.outcome]?.doubles() ?? []
    let time = data[options.time]?.doubles() ?? []
    let first = data[options.firstTreated]?.doubles() ?? []
    var sample: [Int] = []
    var reference: [Int] = []
    var rowsOfTerm: [String: [Int]] = [:]
    for row in 0..<min(outcome.count, time.count, first.count) {
      guard outcome[row].isFinite, time[row].isFinite else { continue }
      sample.append(row)
      let cohort = first[row]
      guard cohort.isFinite, cohort > 0 else {
        reference.append(row)
        continue
      }
      var event = Int((time[row] - cohort).rounded())
      if let window { event = min(max(event, window.lowerBound), window.upperBound) }
      if event == -1 {
        reference.append(row)
      } else {
        rowsOfTerm["\(EventStudy.eventTimeName)[\(event)]", default: []].append(row)
      }
    }
    return CoefficientSupport(sampleRows: sample, rowsOfTerm: rowsOfTerm, referenceRows: reference)
  }

  /// The document, regression column and findings of a regression-based method.
  func regressionOutcome(
    _ result: some RegressionFit, model: String, context: AnalysisContext,
    support: CoefficientSupport
  ) -> AnalysisOutcome {
    let level = options.level
    let column = RegressionColumn.make(
      result, label: name, model: model, statistics: [], level: level)
    var findings = Findings.regression(column, focus: nil, nobs: result.nobs)
    findings += result.warnings.map { "\(name): note: \($0)" }
    return AnalysisOutcome(
      document: ResultDocument.make(result, level: level), regression: column, findings: findings,
      coefficientSupport: support)
  }

  /// `method: bacon`: every 2x2 comparison of the static TWFE DiD with its weight, a summary by
  /// comparison type, and the scatter of weight against estimate.
  func runBacon(_ context: AnalysisContext) throws -> AnalysisOutcome {
    try checkCohortSizes(context)
    let result = try BaconDecomposition.decompose(data: context.data, columns: adoptionColumns)
    let sections = result.sections
    var fields: [(String, JSONValue)] = [
      ("schema", .string(ResultDocument.schema)), ("model", .string(result.modelName)),
      ("formula", .string(result.formula)), ("nobs", .integer(result.nobs)),
      ("twfe_estimate", .number(result.twfeEstimate)),
    ]
    fields += sections.map { ($0.key, ResultDocument.value(of: $0)) }
    fields.append(("warnings", .array(result.warnings.map { .string($0) })))
    let rows: [[ReportTable.Cell]] = result.summary.map { item in
      [
        .text(item.type.title), .number(item.weight, digits: 4),
        item.estimate.isFinite ? .number(item.estimate, digits: 4) : .text("NA"),
      ]
    }
    let table = ReportTable(
      id: name, title: title ?? "Goodman-Bacon decomposition of the TWFE estimate",
      header: ["Comparison", "Weight", "Estimate"], rows: rows,
      notes: [
        "Weights sum to one; their weighted estimates add up to the TWFE coefficient "
          + NumberText.fixed(result.twfeEstimate, digits: 4) + "."
      ])
    let points = result.comparisons.map {
      BaconScatter.Point(type: $0.type.title, weight: $0.weight, estimate: $0.estimate)
    }
    let heading = title ?? "Goodman-Bacon decomposition (\(options.outcome))"
    let chart = BaconScatter.chart(points, overall: result.twfeEstimate, title: heading)
    var findings = [
      "\(name): the TWFE estimate \(NumberText.fixed(result.twfeEstimate, digits: 3)) is a "
        + "weighted average of \(result.comparisons.count) two-by-two comparisons"
    ]
    if let forbidden = result.summary.first(where: { $0.type == .laterVsEarlier }),
      forbidden.weight > 0
    {
      findings[0] +=
        "; \(NumberText.fixed(100 * forbidden.weight, digits: 1))% of the weight compares later "
        + "adopters with units already treated, which biases TWFE when effects change over time"
    }
    findings[0] += "."
    findings += result.warnings.map { "\(name): note: \($0)" }
    return AnalysisOutcome(
      document: .object(fields), tables: [table],
      figures: [Figure(id: name, title: heading, svg: chart.svg())], findings: findings)
  }

  /// Every 2x2 estimate of the decomposition describes one cohort against another: each cohort
  /// (and the never-treated group) must hold at least `min_cell` learners, or nothing is
  /// published.
  func checkCohortSizes(_ context: AnalysisContext) throws {
    let first = context.data[options.firstTreated]?.doubles() ?? []
    var rowsOfCohort: [Double: [Int]] = [:]
    for (row, value) in first.enumerated() {
      rowsOfCohort[value.isFinite && value > 0 ? value : 0, default: []].append(row)
    }
    var learners = LearnerIndex(context)
    let minCell = context.disclosure.minCell
    for (cohort, rows) in rowsOfCohort.sorted(by: { $0.key < $1.key })
    where learners.count(rows: rows) < minCell {
      let label =
        cohort == 0 ? "the never-treated group" : "the cohort first treated in \(Int(cohort))"
      throw AnalysisError.invalid(
        name,
        "\(label) holds fewer than min_cell = \(minCell) learners; the Goodman-Bacon "
          + "decomposition publishes a 2x2 estimate for every cohort, so it is not run")
    }
  }
}

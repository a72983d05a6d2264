import Inference
import Models

extension SurvivalAnalysis {
  /// Fits the curves (and the Cox model) and hands the runner the count tables to protect:
  /// spells per group, events per group, and spells at risk per group at each risk-table time
  /// (one per learner when a learner's spells do not overlap), each cell judged by the learners
  /// behind it.
  public func run(_ context: AnalysisContext) throws -> AnalysisOutcome {
    let sample = try self.sample(context.data)
    let outcomeText = "Surv(\(entry.map { "\($0), " } ?? "")\(time), \(event))"
    let km = try KaplanMeier.fit(
      sample.spells, groups: sample.groups, strata: sample.strata,
      confidenceType: confidenceType, level: level, formula: "\(outcomeText) ~ \(by ?? "1")")
    let cox = method == .cox ? try coxFit(sample) : nil
    var hazard: GLMResult?
    if method == .discreteHazard {
      hazard = try DiscreteTimeHazard.fit(
        formula ?? "", data: context.data.gathering(rows: sample.rows), time: time, event: event,
        entry: entry, link: link == .logit ? .logit : .cloglog,
        vcov: cluster.map { .cluster($0) } ?? .iid)
    }
    var incidence: [CumulativeIncidenceCurve]?
    if method == .cumulativeIncidence {
      incidence = try AalenJohansen.fit(
        exit: sample.spells.exit, outcome: sample.codes, entry: sample.spells.entry,
        groups: sample.groups, level: level)
    }
    var learners = LearnerIndex(context)
    var dominance = DominanceIndex(context)
    let levels = km.curves.map(\.group)
    let all = Array(sample.rows.indices)
    /// One cell per group (and the total with `by`) of the given used rows.
    func cells(_ local: [Int]) -> [CountCell] {
      var out: [CountCell] = []
      for level in levels {
        let rows = local.filter { sample.groups[$0] == level }.map { sample.rows[$0] }
        out.append(
          CountCell(
            levels: by == nil ? [] : [level], count: rows.count,
            learners: learners.count(rows: rows),
            dominated: dominance?.dominates(rows: rows) ?? false))
      }
      if by != nil {
        let rows = local.map { sample.rows[$0] }
        out.append(
          CountCell(
            levels: [nil], count: rows.count, learners: learners.count(rows: rows),
            dominated: dominance?.dominates(rows: rows) ?? false))
      }
      return out
    }
    func table(_ part: String, _ local: [Int], _ description: String) -> CountTable {
      CountTable(
        id: "\(name)/\(part)",
        population: Population(rows: local.map { sample.rows[$0] }, description: description),
        variables: by.map { [$0] } ?? [], cells: cells(local))
    }
    let times = riskTable(sample.spells)
    var tables = [
      table("spells", all, "rows with \(time) and \(event) present"),
      table("events", all.filter { sample.spells.event[$0] }, "spells ending in \(event)"),
    ]
    for t in times {
      tables.append(
        table(
          "at_risk:\(Self.format(t))", Self.atRisk(sample.spells, t, among: all),
          "spells at risk at \(time) = \(Self.format(t))"))
    }
    // Learners at risk behind each curve point: points resting on fewer than min_cell are not
    // published.
    let minCell = context.disclosure.minCell
    var publishable: [[Bool]] = []
    for curve in km.curves {
      guard context.panel?.unit != nil else {
        publishable.append(curve.nRisk.map { $0 >= minCell })
        continue
      }
      let groupRows = all.filter { sample.groups[$0] == curve.group }
      let atRisk = Self.learnersAtRisk(
        sample.spells, among: groupRows, learner: { learners.codes[sample.rows[$0]] },
        times: curve.time)
      publishable.append(atRisk.map { $0 >= minCell })
    }
    let fitted = SurvivalFits(
      sample: sample, km: km, cox: cox, hazard: hazard, incidence: incidence, riskTimes: times,
      publishable: publishable,
      populations: tables.map(\.population.id))
    let finishedTables = tables
    return AnalysisOutcome(
      pending: PendingTables(tables: finishedTables) { suppressed in
        self.outcome(fitted, tables: finishedTables, suppressed: suppressed, context: context)
      })
  }

  /// A number as it is written in ids and labels (`12`, `2.5`).
  static func format(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
  }
}

/// What `run` fitted, for rendering once the suppression is known.
struct SurvivalFits: Sendable {
  /// The spells and labels.
  let sample: SurvivalAnalysis.Sample
  /// The curves and log-rank test.
  let km: KaplanMeierResult
  /// The Cox model, for `method: cox`.
  let cox: CoxResult?
  /// The discrete-time hazard GLM, for `method: discrete-hazard`.
  let hazard: GLMResult?
  /// Cumulative incidence curves by group and outcome, for `method: cumulative-incidence`.
  let incidence: [CumulativeIncidenceCurve]?
  /// The risk-table times.
  let riskTimes: [Double]
  /// Per curve and time: whether the point rests on at least min_cell learners.
  let publishable: [[Bool]]
  /// Population ids of the count tables.
  let populations: [String]
}

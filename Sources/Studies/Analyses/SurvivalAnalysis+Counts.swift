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
    let minCell = context.disclosure.minCell
    let published = try publishedCurves(sample, km: km, minCell: minCell)
    // Learners at risk behind each published step: a curve stops before the first step resting
    // on fewer than min_cell learners, or taking the rounded curve to 0 (where rounding, not the
    // data, may have emptied the risk set).
    var points: [[Int]] = []
    for curve in published.curves {
      let steps = curve.time.indices.filter { curve.nEvent[$0] > 0 }
        .prefix { minCell == 1 || curve.nEvent[$0] < curve.nRisk[$0] }
      let groupRows = all.filter { sample.groups[$0] == curve.group }
      let atRisk: [Int]
      if context.panel?.unit != nil {
        atRisk = Self.learnersAtRisk(
          sample.spells, among: groupRows, learner: { learners.codes[sample.rows[$0]] },
          times: steps.map { curve.time[$0] })
      } else {
        atRisk = steps.map { Self.atRisk(sample.spells, curve.time[$0], among: groupRows).count }
      }
      points.append(Array(zip(steps, atRisk).prefix { $0.1 >= minCell }.map(\.0)))
    }
    // The medians are read from the published part of each curve only.
    let shortened = zip(published.curves, points).map { curve, kept in
      curve.prefix(through: kept.last ?? -1)
    }
    let fitted = SurvivalFits(
      sample: sample, km: km, curves: shortened, cox: cox, hazard: hazard,
      incidence: published.incidence, riskTimes: times, points: points,
      populations: tables.map(\.population.id))
    let finishedTables = tables
    return AnalysisOutcome(
      pending: PendingTables(tables: finishedTables) { suppressed in
        self.outcome(fitted, tables: finishedTables, suppressed: suppressed, context: context)
      })
  }

  /// The curves the study publishes: the Kaplan-Meier curves (and, for
  /// `method: cumulative-incidence`, the Aalen-Johansen curves) of the spells rebuilt from
  /// counts rounded up to multiples of `min_cell` (`RoundedSpells`), one per group of `km`, in
  /// its order.
  func publishedCurves(_ sample: Sample, km: KaplanMeierResult, minCell: Int) throws
    -> (curves: [KaplanMeierCurve], incidence: [CumulativeIncidenceCurve]?)
  {
    let competing = method == .cumulativeIncidence
    let rounded = RoundedSpells(
      sample.spells, outcome: competing ? sample.codes : sample.spells.event.map { $0 ? 1 : 0 },
      groups: sample.groups, order: km.curves.map(\.group), multiple: minCell)
    let spells = try SurvivalSpells(
      exit: rounded.exit, event: rounded.outcome.map { $0 > 0 }, entry: rounded.entry)
    let fit = try KaplanMeier.fit(
      spells, groups: rounded.group, confidenceType: confidenceType, level: level)
    let curves = km.curves.compactMap { curve in fit.curves.first { $0.group == curve.group } }
    guard curves.count == km.curves.count else {
      throw AnalysisError.invalid(name, "the rounded curves lost a group")
    }
    let incidence =
      competing
      ? try AalenJohansen.fit(
        exit: rounded.exit, outcome: rounded.outcome, entry: rounded.entry,
        groups: rounded.group, level: level) : nil
    return (curves, incidence)
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
  /// The curves of the exact counts (their log-rank test is published, not their points).
  let km: KaplanMeierResult
  /// The published Kaplan-Meier curves (of counts rounded to multiples of min_cell), in the
  /// order of `km.curves`, each ending at its last published point.
  let curves: [KaplanMeierCurve]
  /// The Cox model, for `method: cox`.
  let cox: CoxResult?
  /// The discrete-time hazard GLM, for `method: discrete-hazard`.
  let hazard: GLMResult?
  /// Published cumulative incidence curves by group and outcome (of the rounded counts), for
  /// `method: cumulative-incidence`.
  let incidence: [CumulativeIncidenceCurve]?
  /// The risk-table times.
  let riskTimes: [Double]
  /// Per curve of `curves`: the indices of the published points, its steps (event times) up to
  /// the first resting on fewer than min_cell learners at risk.
  let points: [[Int]]
  /// Population ids of the count tables.
  let populations: [String]
}

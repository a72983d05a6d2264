import Foundation
import Inference
import Models
import Plotting

extension DiDAnalysis {
  /// The result document, tables, event-study figure and findings of a Callaway and Sant'Anna
  /// fit; cohort counts below the minimum cell size are withheld (`null`).
  func outcome(_ result: CallawaySantAnnaResult, context: AnalysisContext) -> AnalysisOutcome {
    let document = document(result, minCell: context.disclosure.minCell)
    var figures: [Figure] = []
    if let figure = eventStudyFigure(result) { figures.append(figure) }
    return AnalysisOutcome(
      document: document, tables: tables(result), figures: figures, findings: findings(result))
  }

  /// The result document of a fit, counts of units below `minCell` withheld (`null`).
  func document(_ result: CallawaySantAnnaResult, minCell: Int) -> JSONValue {
    let sections = result.sections.map { protectCounts($0, minCell: minCell) }
    func placed(_ key: String) -> (String, JSONValue) {
      (key, sections.first { $0.key == key }.map(ResultDocument.value(of:)) ?? .null)
    }
    return JSONValue.object([
      ("schema", .string(ResultDocument.schema)), ("model", .string(result.modelName)),
      placed("design"), ("formula", .string(result.formula)), ("nobs", .integer(result.nobs)),
      placed("units"), placed("clusters"),
      ("times", .array(result.times.map { .number($0) })),
      ("groups", .array(result.groups.map { .number($0) })),
      ("covariates", .array(result.covariateNames.map { .string($0) })),
      placed("att_gt"), placed("aggregates"), placed("pretest"),
      ("dropped", ResultDocument.dropped(result.dropped)),
      ("warnings", .array(result.warnings.map { .string($0) })),
    ])
  }

  /// Withholds counts of units below the minimum cell size.
  func protectCounts(_ section: ResultSection, minCell: Int) -> ResultSection {
    guard !section.countColumns.isEmpty, section.layout == .rows else { return section }
    let counted = Set(section.columns.indices.filter { section.columns[$0].isCount })
    let rows = section.rows.map { row in
      row.enumerated().map { index, cell -> ResultSection.Cell in
        guard counted.contains(index), case .integer(let n) = cell, n < minCell else { return cell }
        return .number(nil)
      }
    }
    return ResultSection(
      key: section.key, title: section.title, columns: section.columns, rows: rows,
      layout: section.layout, placement: section.placement)
  }

  func tables(_ result: CallawaySantAnnaResult) -> [ReportTable] {
    let percent = Int((options.level * 100).rounded())
    func number(_ x: Double?, _ digits: Int = 4) -> ReportTable.Cell {
      x.map { .number($0, digits: digits) } ?? .text("NA")
    }
    func period(_ x: Double) -> ReportTable.Cell {
      .text(x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x))
    }
    let att = ReportTable(
      id: "\(name)_att_gt", title: "\(name): group-time effects ATT(g,t) on \(options.outcome)",
      header: ["Cohort", "Period", "ATT", "Std. error", "CI low", "CI high"],
      rows: result.sections.first { $0.key == "att_gt" }.map { section in
        section.rows.map { row in
          func value(_ i: Int) -> Double? {
            if case .number(let x) = row[i] { return x }
            return nil
          }
          return [
            period(value(0) ?? .nan), period(value(1) ?? .nan), number(value(3)),
            number(value(4)), number(value(5)), number(value(6)),
          ]
        }
      } ?? [],
      notes: [
        "Callaway and Sant'Anna (2021), \(estimatorWords), \(options.control.rawValue) "
          + "comparison units, \(options.basePeriod.rawValue) base period; \(percent)% pointwise "
          + "intervals from influence-function standard errors"
          + (options.cluster.map { " clustered by \($0)" } ?? "") + "."
      ])
    var rows: [[ReportTable.Cell]] = []
    for aggregate in result.aggregates {
      for e in [aggregate.overall] + aggregate.estimates {
        rows.append(
          [
            .text(aggregate.type.rawValue), e.at.map(period) ?? .text("overall"),
            number(e.estimate), number(e.standardError), number(e.confidenceLow),
            number(e.confidenceHigh), number(e.bandLow), number(e.bandHigh),
          ])
      }
    }
    var notes = [
      "dynamic: by event time (period minus cohort); group: by cohort; calendar: by period. "
        + "Uniform bands: multiplier bootstrap sup-t critical values"
        + (options.bootstrap.map { " (\($0.replications) \($0.weights.rawValue) draws)" }
          ?? " (not computed: bootstrap off)") + "."
    ]
    if let test = result.pretest {
      notes.append(
        "Pre-test of parallel trends: Wald chi2(\(test.degreesOfFreedom)) = "
          + NumberText.fixed(test.statistic, digits: 2) + ", " + NumberText.pValue(test.pValue)
          + ".")
    }
    let aggregates = ReportTable(
      id: name, title: "\(name): aggregated effects on \(options.outcome)",
      header: [
        "Type", "At", "Estimate", "Std. error", "CI low", "CI high", "Band low", "Band high",
      ],
      rows: rows, notes: notes)
    return [att, aggregates]
  }

  var estimatorWords: String {
    switch options.estimator {
    case .regression: return "outcome regression"
    case .ipw: return "inverse probability weighting"
    case .doublyRobust: return "doubly robust"
    }
  }

  /// The event study: dynamic estimates with pointwise intervals, the uniform band, zero and
  /// the reference period -1 (less anticipation).
  func eventStudyFigure(_ result: CallawaySantAnnaResult) -> Figure? {
    guard let dynamic = result.aggregate(.dynamic) else { return nil }
    let usable = dynamic.estimates.filter { $0.at != nil && $0.estimate != nil }
    guard !usable.isEmpty else { return nil }
    let percent = Int((options.level * 100).rounded())
    func series(
      _ name: String, _ bounds: (DiDAggregateEstimate) -> (Double?, Double?), line: Bool,
      interval: Series.Interval
    ) -> Series {
      Series(
        name: name,
        points: usable.map {
          let (low, high) = bounds($0)
          return .init(x: $0.at ?? 0, y: $0.estimate ?? 0, low: low, high: high)
        }, line: line, markers: line, interval: interval)
    }
    var all: [Series] = []
    if dynamic.uniformCriticalValue != nil {
      all.append(
        series(
          "\(percent)% uniform band", { ($0.bandLow, $0.bandHigh) }, line: false, interval: .band))
    }
    all.append(
      series(
        "ATT(e), \(percent)% pointwise CI", { ($0.confidenceLow, $0.confidenceHigh) }, line: true,
        interval: .errorBars))
    let heading = title ?? "Event study: \(options.outcome) (Callaway and Sant'Anna)"
    var chart = XYChart(
      title: heading, xLabel: "Periods since first treatment (e = t - g)",
      yLabel: "Effect on \(options.outcome)", series: all)
    chart.integerX = true
    chart.referenceLines = [
      ReferenceLine(axis: .y, value: 0),
      ReferenceLine(axis: .x, value: -1 - options.anticipation, label: "reference"),
    ]
    return Figure(id: name, title: heading, svg: chart.svg())
  }

  func findings(_ result: CallawaySantAnnaResult) -> [String] {
    var out: [String] = []
    func describe(_ e: DiDAggregateEstimate) -> String? {
      guard let estimate = e.estimate else { return nil }
      var text = NumberText.fixed(estimate, digits: 3)
      if let low = e.confidenceLow, let high = e.confidenceHigh {
        text +=
          " (\(Int((options.level * 100).rounded()))% CI "
          + "\(NumberText.fixed(low, digits: 3)) to \(NumberText.fixed(high, digits: 3)))"
      }
      return text
    }
    if let simple = result.aggregate(.simple), let text = describe(simple.overall) {
      out.append(
        "\(name): the average effect of treatment on \(options.outcome) across cohorts and "
          + "post-treatment periods is \(text) (Callaway and Sant'Anna, \(estimatorWords)).")
    }
    if let dynamic = result.aggregate(.dynamic), let text = describe(dynamic.overall) {
      out.append("\(name): averaged over event times 0 and after, the effect is \(text).")
    }
    if let test = result.pretest {
      out.append(
        "\(name): pre-test of parallel trends over \(test.degreesOfFreedom) pre-treatment "
          + "effects: \(NumberText.pValue(test.pValue)).")
    }
    out += result.warnings.map { "\(name): note: \($0)" }
    return out
  }
}

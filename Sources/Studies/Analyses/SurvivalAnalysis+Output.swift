import Foundation
import Inference
import Models
import Plotting

extension SurvivalAnalysis {
  /// The result document, tables, figure and findings once the suppression is known:
  /// `suppressed[t][c]` withholds cell `c` of count table `t` (learners, events, then at risk
  /// at each risk time).
  func outcome(
    _ fits: SurvivalFits, tables: [CountTable], suppressed: [[Bool]], context: AnalysisContext
  ) -> AnalysisOutcome {
    func count(_ table: Int, _ cell: Int) -> Int? {
      let hidden =
        suppressed.indices.contains(table) && suppressed[table].indices.contains(cell)
        && suppressed[table][cell]
      return hidden ? nil : tables[table].cells[cell].count
    }
    let curves = fits.curves
    let groupCount = curves.count
    let total = by == nil ? count(0, 0) : count(0, groupCount)
    var document: [(String, JSONValue)] = [
      ("schema", .string(ResultDocument.schema)), ("model", .string("survival")),
      ("method", .string(method.rawValue)), ("time", .string(time)), ("event", .string(event)),
      ("entry", entry.map { .string($0) } ?? .null), ("by", by.map { .string($0) } ?? .null),
      ("strata", strata.map { .string($0) } ?? .null),
      ("spells", total.map { .integer($0) } ?? .null),
      ("populations", .array(fits.populations.map { .string($0) })),
      ("min_cell", .integer(context.disclosure.minCell)),
    ]
    var curveRows: [JSONValue] = []
    for (g, curve) in curves.enumerated() {
      let se = curve.standardError
      for index in fits.points[g] {
        curveRows.append(
          .object([
            ("group", .string(curve.group)), ("time", .number(curve.time[index])),
            ("survival", .number(curve.survival[index])),
            ("std_error", se[index].isFinite ? .number(se[index]) : .null),
            ("conf_low", curve.lower[index].map { .number($0) } ?? .null),
            ("conf_high", curve.upper[index].map { .number($0) } ?? .null),
          ]))
      }
    }
    let medians: [JSONValue] = curves.enumerated().map { g, curve in
      .object([
        ("group", .string(curve.group)), ("spells", count(0, g).map { .integer($0) } ?? .null),
        ("events", count(1, g).map { .integer($0) } ?? .null),
        ("median", curve.median.estimate.map { .number($0) } ?? .null),
        ("conf_low", curve.median.low.map { .number($0) } ?? .null),
        ("conf_high", curve.median.high.map { .number($0) } ?? .null),
      ])
    }
    var riskRows: [JSONValue] = []
    for (k, t) in fits.riskTimes.enumerated() {
      for (g, curve) in curves.enumerated() {
        riskRows.append(
          .object([
            ("group", .string(curve.group)), ("time", .number(t)),
            ("n_risk", count(2 + k, g).map { .integer($0) } ?? .null),
          ]))
      }
    }
    var tests: [JSONValue] = []
    if let logRank = fits.km.logRank {
      tests.append(
        .object([
          ("name", .string(logRank.test.name)), ("statistic", .number(logRank.test.statistic)),
          ("df", .integer(logRank.test.degreesOfFreedom)),
          ("p_value", .number(logRank.test.pValue)),
        ]))
    }
    document += [
      ("curves", .array(curveRows)), ("medians", .array(medians)),
      ("risk_table", .array(riskRows)), ("tests", .array(tests)),
    ]
    if let cox = fits.cox {
      document.append(("cox", ResultDocument.make(cox, level: level, exponentiate: true)))
    }
    if let hazard = fits.hazard {
      document.append(
        ("discrete_hazard", ResultDocument.make(hazard, level: level, exponentiate: true)))
    }
    if let incidence = fits.incidence {
      document.append(("cumulative_incidence", .array(incidenceRows(fits, incidence))))
    }
    document.append(("warnings", .array(fits.km.warnings.map { .string($0) })))
    var published = JSONValue.object(document)
    if documentsCox, let cox = fits.cox,
      case .object(let model) = ResultDocument.make(cox, level: level)
    {
      published = .object(model + [("survival", .object(document.filter { $0.0 != "cox" }))])
    }
    return AnalysisOutcome(
      document: published,
      tables: reportTables(fits, count: count, minCell: context.disclosure.minCell),
      regression: regressionColumn(fits),
      figures: [fits.incidence.map { incidenceFigure(fits, $0) } ?? figure(fits)],
      findings: findings(fits),
      // Rows that cannot be traced to learners withhold every coefficient (nothing unchecked).
      coefficientSupport: fits.cox == nil && fits.hazard == nil
        ? nil
        : (try? coefficientSupport(fits, context: context))
          ?? CoefficientSupport(sampleRows: [], rowsOfTerm: [:], referenceRows: []))
  }

  /// The model's column in the study's regression table: the Cox model (log hazard ratios) or
  /// the discrete-time hazard GLM.
  func regressionColumn(_ fits: SurvivalFits) -> RegressionColumn? {
    if let cox = fits.cox {
      return RegressionColumn.make(
        cox, label: name, model: "Cox PH",
        statistics: [.init("Events", RegressionTableBuilder.thousands(cox.events))], level: level)
    }
    return fits.hazard.map {
      RegressionColumn.make(
        $0, label: name, model: "Discrete-time hazard (\(link.rawValue))", statistics: [],
        level: level)
    }
  }

  /// The data rows behind each coefficient of the Cox or discrete-hazard model, for coefficient
  /// disclosure control (a person-period row counts for the spell's learner).
  func coefficientSupport(_ fits: SurvivalFits, context: AnalysisContext) throws
    -> CoefficientSupport?
  {
    let sample = fits.sample
    if fits.cox != nil {
      return CoefficientDisclosure.support(
        columnNames: sample.names, termOfColumn: sample.termOfColumn, rows: sample.rows.count,
        value: { sample.covariates[$0, $1] }, dataRow: { sample.rows[$0] })
    }
    guard let hazard = fits.hazard else { return nil }
    // The expansion is deterministic: redo it to map each person-period row to its spell.
    let spells = try PersonPeriod.expand(
      context.data.gathering(rows: sample.rows), time: time, event: event, entry: entry
    ).spellRows
    let x = hazard.design.x
    let used = hazard.rows
    return CoefficientDisclosure.support(
      columnNames: hazard.design.columnNames, termOfColumn: hazard.design.termIndexOfColumn,
      rows: x.rows, value: { x[$0, $1] }, dataRow: { sample.rows[spells[used[$0]]] })
  }

  /// The published points of the cumulative incidence curves (the Kaplan-Meier curve of the
  /// same group has the same times and decides which points rest on enough learners).
  func incidenceRows(_ fits: SurvivalFits, _ curves: [CumulativeIncidenceCurve]) -> [JSONValue] {
    var rows: [JSONValue] = []
    for curve in curves {
      guard let g = fits.curves.firstIndex(where: { $0.group == curve.group }) else { continue }
      for index in fits.points[g] {
        rows.append(
          .object([
            ("group", .string(curve.group)), ("outcome", .integer(curve.outcome)),
            ("time", .number(curve.time[index])), ("incidence", .number(curve.incidence[index])),
            ("std_error", .number(curve.standardError[index])),
            ("conf_low", curve.lower[index].map { .number($0) } ?? .null),
            ("conf_high", curve.upper[index].map { .number($0) } ?? .null),
          ]))
      }
    }
    return rows
  }

  /// Cumulative incidence curves as steps with their bands, only at publishable points.
  func incidenceFigure(_ fits: SurvivalFits, _ curves: [CumulativeIncidenceCurve]) -> Figure {
    let series = curves.compactMap { curve -> Series? in
      guard let g = fits.curves.firstIndex(where: { $0.group == curve.group }) else {
        return nil
      }
      let points = Self.steps(
        start: 0, times: curve.time, values: curve.incidence,
        lower: curve.lower.map { $0 ?? 0 }, upper: curve.upper.map { $0 ?? 0 },
        points: fits.points[g])
      let label =
        by == nil ? "outcome \(curve.outcome)" : "\(curve.group), outcome \(curve.outcome)"
      return Series(name: label, points: points, markers: false, interval: .band)
    }
    var chart = XYChart(
      title: title ?? "\(name): cumulative incidence", xLabel: time,
      yLabel: "Cumulative incidence", series: series, legendTitle: by)
    chart.height = 420
    return Figure(id: name, title: chart.title, svg: chart.svg())
  }

  /// The table of medians and numbers at risk by group and, for Cox, the hazard-ratio table.
  func reportTables(_ fits: SurvivalFits, count: (Int, Int) -> Int?, minCell: Int)
    -> [ReportTable]
  {
    let percent = Int((level * 100).rounded())
    func number(_ x: Double?, _ digits: Int = 3) -> ReportTable.Cell {
      x.map { .number($0, digits: digits) } ?? .text("NA")
    }
    func counted(_ n: Int?) -> ReportTable.Cell { n.map { .count($0) } ?? .suppressed }
    let curves = fits.curves
    var notes = [
      "Kaplan-Meier estimates; \(percent)% intervals on the \(confidenceType.rawValue) scale "
        + "(Greenwood standard errors). Cells resting on fewer than min_cell learners are withheld."
    ]
    if minCell > 1 {
      notes.append(
        "Medians and curves are estimated from counts rounded up to multiples of \(minCell) "
          + "(cumulative entries, events and censored exits per group), so that no step reveals "
          + "fewer than \(minCell) spells; the log-rank test uses the exact counts.")
    }
    if let test = fits.km.logRank?.test {
      notes.append(
        "Log-rank test\(strata.map { " stratified by \($0)" } ?? ""): chi-squared = "
          + String(format: "%.3f", test.statistic) + " on \(test.degreesOfFreedom) df, p = "
          + String(format: "%.4g", test.pValue) + ".")
    }
    // One table of the curves by group: spells, events, median and the numbers at risk. With
    // Cox the hazard ratios take the analysis's name and this table its `_levels` name.
    var tables = [
      ReportTable(
        id: method == .cox || method == .discreteHazard ? "\(name)_levels" : name,
        title: title ?? "\(name): median \(time) to \(event) and numbers at risk",
        header: ["Group", "Spells", "Events", "Median", "CI low", "CI high"]
          + fits.riskTimes.map { "At risk, \(time) = \(Self.format($0))" },
        rows: curves.enumerated().map { g, curve in
          [
            .text(curve.group), counted(count(0, g)), counted(count(1, g)),
            number(curve.median.estimate), number(curve.median.low), number(curve.median.high),
          ] + fits.riskTimes.indices.map { counted(count(2 + $0, g)) }
        }, notes: notes + ["At risk at t: spells with entry < t <= exit."])
    ]
    if let hazard = fits.hazard {
      let ci = hazard.confidenceIntervals(level: level)
      let p = hazard.pValues
      tables.append(
        ReportTable(
          id: name, title: "\(name): discrete-time hazard (\(link.rawValue))",
          header: [
            "Term", link == .logit ? "Odds ratio" : "Hazard ratio", "CI low", "CI high", "p",
          ],
          rows: hazard.coefficients.names.indices.map { k in
            [
              .text(hazard.coefficients.names[k]), number(exp(hazard.coefficients[k])),
              number(exp(ci[k].low)), number(exp(ci[k].high)), number(p[k], 4),
            ]
          },
          notes: [
            "Binomial GLM of the per-period event on period dummies (the baseline hazard) and "
              + "the covariates, on the person-period expansion; standard errors "
              + "\(hazard.covarianceType)."
          ] + hazard.warnings))
    }
    if let cox = fits.cox {
      let ci = cox.confidenceIntervals(level: level)
      let p = cox.pValues
      tables.append(
        ReportTable(
          id: name, title: "\(name): Cox proportional hazards",
          header: ["Term", "Hazard ratio", "CI low", "CI high", "p", "PH test p"],
          rows: cox.coefficients.names.indices.map { k in
            let term = cox.coefficients.names[k]
            let ph = cox.proportionalHazards.first { $0.name == "ph_\(term)" }
            return [
              .text(term), number(exp(cox.coefficients[k])), number(exp(ci[k].low)),
              number(exp(ci[k].high)), number(p[k], 4), number(ph?.pValue, 4),
            ]
          },
          notes: [
            "\(cox.ties.rawValue.capitalized) ties; standard errors \(cox.covarianceType); "
              + "\(cox.events) events; PH test: cox.zph score test (km transform)."
          ] + cox.warnings))
    }
    return tables
  }

  /// A step curve from `start` at time 0 (each value holds until the next time), with its band,
  /// through the published points (indices into `times`, increasing).
  static func steps(
    start: Double, times: [Double], values: [Double], lower: [Double?], upper: [Double?],
    points published: [Int]
  ) -> [Series.Point] {
    var points = [Series.Point(x: 0, y: start, low: start, high: start)]
    var previous = points[0]
    for index in published {
      points.append(
        Series.Point(x: times[index], y: previous.y, low: previous.low, high: previous.high))
      previous = Series.Point(
        x: times[index], y: values[index], low: lower[index], high: upper[index])
      points.append(previous)
    }
    return points
  }

  /// Kaplan-Meier curves as steps with their bands, only at publishable points.
  func figure(_ fits: SurvivalFits) -> Figure {
    let series = fits.curves.enumerated().map { g, curve -> Series in
      let points = Self.steps(
        start: 1, times: curve.time, values: curve.survival, lower: curve.lower,
        upper: curve.upper, points: fits.points[g])
      return Series(name: curve.group, points: points, markers: false, interval: .band)
    }
    var chart = XYChart(
      title: title ?? "\(name): Kaplan-Meier estimate", xLabel: time,
      yLabel: "Share without \(event)", series: series, legendTitle: by)
    chart.height = 420
    return Figure(id: name, title: chart.title, svg: chart.svg())
  }

  /// Plain-language sentences: the medians and the log-rank result.
  func findings(_ fits: SurvivalFits) -> [String] {
    var out: [String] = []
    let medians = fits.curves.compactMap { curve in
      curve.median.estimate.map { "\(curve.group) \(String(format: "%.3g", $0))" }
    }
    if !medians.isEmpty {
      out.append("\(name): median \(time) to \(event): " + medians.joined(separator: ", ") + ".")
    }
    if let test = fits.km.logRank?.test {
      out.append(
        "\(name): the log-rank test "
          + (test.pValue < 1 - level ? "finds" : "does not find")
          + " a difference between the \(by ?? "groups") curves (p = "
          + String(format: "%.3g", test.pValue) + ").")
    }
    return out
  }
}

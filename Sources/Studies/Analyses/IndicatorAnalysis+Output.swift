import DataTable
import Plotting

extension IndicatorAnalysis {
  func document(
    cells: [Cell], suppressed: [Bool], countSuppressed: [Bool], population: Population,
    design: IndicatorDesign?, binary: JSONValue?, context: AnalysisContext
  ) -> JSONValue {
    let primary = cells.filter(\.sensitive).count
    // Standard errors when something uses them (design-based cells, gaps); the margin flag
    // when margins are published.
    let withSE = measure != .count && (design != nil || compare != nil)
    let items: [JSONValue] = cells.indices.map { i in
      let (cell, hidden) = (cells[i], suppressed[i])
      var pairs: [(String, JSONValue)] = [
        ("by", Grouping.json(levels: cell.levels, columns: by)),
        ("n", countSuppressed[i] ? .null : .integer(cell.n)),
        ("estimate", hidden ? .null : .number(cell.estimate)),
      ]
      if withSE { pairs.append(("std_error", hidden ? .null : .number(cell.standardError))) }
      pairs += [
        ("conf_low", hidden ? .null : .number(cell.low)),
        ("conf_high", hidden ? .null : .number(cell.high)), ("suppressed", .bool(hidden)),
      ]
      if margins { pairs.append(("margin", .bool(cell.isMargin))) }
      return .object(pairs)
    }
    let interval =
      measure == .count
      ? "none"
      : design == nil
        ? (measure == .mean ? "student-t" : "wilson")
        : (measure == .mean ? "linearization-normal" : "linearization-logit")
    var designPairs: [(String, JSONValue)] = []
    if let design {
      designPairs = [
        ("variance", .string("linearization")),
        ("cluster", cluster.map { .string($0) } ?? .null),
        ("clusters", .integer(design.clusterCount)),
        ("weights", weights.map { .string($0) } ?? .null),
      ]
    }
    var head: [(String, JSONValue)] = [
      ("schema", .string(ResultDocument.schema)),
      ("model", .string("indicator")),
      ("measure", .string(measureText)),
      ("by", .array(by.map { .string($0) })),
      ("population", .string(population.id)),
      ("population_description", .string(population.description)),
      ("conf_level", .number(measure == .count ? nil : level)),
      ("interval", .string(interval)),
    ]
    if let binary { head.append(("binary", binary)) }
    head += designPairs
    return .object(
      head + [
        (
          "disclosure",
          .object([
            ("min_cell", .integer(context.disclosure.minCell)),
            ("complementary", .bool(context.disclosure.complementary)),
            ("counted_in", .string(context.panel?.unit == nil ? "rows" : "learners")),
            ("suppressed_cells", .integer(suppressed.filter { $0 }.count)),
            ("primary_suppressions", .integer(primary)),
            ("secondary_suppressions", .integer(suppressed.filter { $0 }.count - primary)),
          ])
        ),
        ("cells", .array(items)),
      ])
  }

  func table(
    cells: [Cell], suppressed: [Bool], countSuppressed: [Bool], heading: String,
    design: IndicatorDesign?, shares: Bool, limitNote: String?, context: AnalysisContext
  ) -> ReportTable {
    let digits = measure == .count ? 0 : 3
    var header = by + ["N"]
    header += measure == .count ? [] : ["Estimate", "CI low", "CI high"]
    let rows: [[ReportTable.Cell]] = cells.indices.map { i in
      let cell = cells[i]
      var row: [ReportTable.Cell] = cell.key.map { .text($0) }
      // A share may be withheld beside its published N (see BinarySplit).
      row.append(countSuppressed[i] ? .suppressed : .count(cell.n))
      if suppressed[i] {
        row += Array(repeating: .suppressed, count: header.count - by.count - 1)
        return row
      }
      if measure != .count {
        row.append(cell.estimate.isFinite ? .number(cell.estimate, digits: digits) : .empty)
        row.append(cell.low.map { .number($0, digits: digits) } ?? .empty)
        row.append(cell.high.map { .number($0, digits: digits) } ?? .empty)
      }
      return row
    }
    var notes: [String] = [DescribeAnalysis.countNote(context)]
    if measure != .count {
      let percent = Int((level * 100).rounded())
      if let design {
        notes.append(
          "\(percent)% confidence intervals (normal\(measure == .share ? ", logit scale" : ""); "
            + "\(designNote(design))).")
      } else {
        notes.append(
          "\(percent)% confidence intervals (\(measure == .mean ? "Student t" : "Wilson score")).")
      }
    }
    if suppressed.contains(true) {
      notes.append(DescribeAnalysis.suppressionNote(context, shares: shares))
    }
    if let limitNote { notes.append(limitNote) }
    return ReportTable(
      id: name, title: heading, header: header.isEmpty ? ["N"] : header, rows: rows, notes: notes)
  }

  /// The indicator's figure, without suppressed cells.
  ///
  /// A line chart over a numeric `by` (the `x` column, else the first numeric one with more than
  /// two values), one line per combination of the other groupings, or small multiples with one
  /// panel per level of `facet`; a dot chart with intervals when every grouping is categorical.
  func figure(
    cells: [Cell], suppressed: [Bool], heading: String, label: String, data: DataTable,
    trend: IndicatorTrend.Fitted? = nil
  ) -> Figure? {
    guard !by.isEmpty else { return nil }
    let shown = zip(cells, suppressed).filter { !$0.1 && $0.0.estimate.isFinite }.map(\.0)
    let facetIndex = facet.flatMap { by.firstIndex(of: $0) }
    // A line needs an ordered axis with more than two points: a 0/1 grouping gets dots.
    let xName =
      x
      ?? by.enumerated().first { index, column in
        data[column]?.isNumeric == true && column != facet
          && Set(cells.map { $0.key[index] }).count > 2
      }?.element ?? by[0]
    guard let xIndex = by.firstIndex(of: xName), xIndex != facetIndex,
      data[xName]?.isNumeric == true
    else {
      return dotChart(shown, heading: heading, label: label)
    }
    guard let facetIndex else {
      guard
        let chart = lineChart(
          shown, xIndex: xIndex, skip: nil, title: heading, label: label, trend: trend)
      else { return nil }
      return Figure(id: name, title: heading, svg: chart.svg())
    }
    var levels: [String] = []
    for cell in shown where !levels.contains(cell.key[facetIndex]) {
      levels.append(cell.key[facetIndex])
    }
    let panels = levels.compactMap { value in
      lineChart(
        shown.filter { $0.key[facetIndex] == value }, xIndex: xIndex, skip: facetIndex,
        title: "\(by[facetIndex]) = \(value)", label: label, trend: trend)
    }
    guard !panels.isEmpty else { return nil }
    return Figure(
      id: name, title: heading, svg: SmallMultiples(title: heading, panels: panels).svg())
  }

  /// A line chart of `cells` over the numeric grouping `xIndex`, one series per combination of
  /// the other groupings (except `skip`, the facet), with each one's fitted trend and projection
  /// when the indicator's trend runs over `xIndex`.
  func lineChart(
    _ cells: [Cell], xIndex: Int, skip: Int?, title: String, label: String,
    trend: IndicatorTrend.Fitted? = nil
  ) -> XYChart? {
    let others = by.indices.filter { $0 != xIndex && $0 != skip }
    var order: [String] = []
    var points: [String: [Series.Point]] = [:]
    var groups: [String: String?] = [:]
    for cell in cells {
      guard let xValue = Double(cell.key[xIndex]) else { continue }
      let series =
        others.isEmpty
        ? label : others.map { "\(by[$0]) = \(cell.key[$0])" }.joined(separator: ", ")
      if points[series] == nil {
        order.append(series)
        groups[series] = IndicatorTrend.group(cell.levels, by: by, time: xIndex)
      }
      points[series, default: []].append(
        .init(x: xValue, y: cell.estimate, low: cell.low, high: cell.high))
    }
    guard !order.isEmpty else { return nil }
    var series = order.map {
      Series(name: $0, points: points[$0] ?? [], interval: measure == .count ? .none : .errorBars)
    }
    let model = trendModel.flatMap { by[xIndex] == $0.time ? $0 : nil }
    if let model, let trend {
      for name in order {
        guard let group = groups[name],
          let fit = trend.fits.entries.first(where: { $0.group == group })?.fit
        else { continue }
        series += model.analysis.fittedSeries(fit, name: name)
      }
    }
    var chart = XYChart(
      title: title, xLabel: by[xIndex],
      yLabel: label + (measure == .count ? "" : " (\(Int((level * 100).rounded()))% CI)"),
      series: series, legendTitle: others.map { by[$0] }.joined(separator: ", "))
    chart.integerX = cells.allSatisfy { Double($0.key[xIndex]).map { $0 == $0.rounded() } ?? false }
    if let model, let trend { chart.referenceLines += model.analysis.referenceLines(trend.fits) }
    if let breakAt {
      chart.referenceLines.append(ReferenceLine(axis: .x, value: breakAt, label: "break"))
    }
    if let target {
      chart.referenceLines.append(
        ReferenceLine(
          axis: .y, value: target.value,
          label: "target \(NumberText.fixed(target.value, digits: 2))"))
    }
    return chart
  }

  /// A dot chart: one row per level of the first grouping, the estimate with its interval, one
  /// colour per combination of the other groupings.
  func dotChart(_ cells: [Cell], heading: String, label: String) -> Figure? {
    guard !cells.isEmpty else { return nil }
    let others = Array(by.indices.dropFirst())
    let estimates = cells.map { cell in
      CoefficientChart.Estimate(
        term: cell.key[0],
        model: others.isEmpty
          ? label : others.map { "\(by[$0]) = \(cell.key[$0])" }.joined(separator: ", "),
        estimate: cell.estimate, low: cell.low ?? cell.estimate,
        high: cell.high ?? cell.estimate)
    }
    var chart = CoefficientChart(
      title: heading,
      xLabel: label + (measure == .count ? "" : " (\(Int((level * 100).rounded()))% CI)"),
      estimates: estimates)
    chart.zeroLine = measure == .share
    chart.yLabel = by[0]
    chart.legendTitle = others.map { by[$0] }.joined(separator: ", ")
    return Figure(id: name, title: heading, svg: chart.svg())
  }

  func findings(cells: [Cell], suppressed: [Bool], label: String) -> [String] {
    let shown = zip(cells, suppressed).filter { !$0.1 && $0.0.estimate.isFinite }.map(\.0)
    let hidden = suppressed.filter { $0 }.count
    guard let low = shown.min(by: { $0.estimate < $1.estimate }),
      let high = shown.max(by: { $0.estimate < $1.estimate })
    else { return ["\(name): every cell is suppressed (fewer than the minimum cell size)."] }
    let digits = measure == .count ? 0 : 3
    func describe(_ c: Cell) -> String {
      c.key.isEmpty ? "overall" : zip(by, c.key).map { "\($0) \($1)" }.joined(separator: ", ")
    }
    var sentence = "\(name): \(label.lowercased()) "
    if shown.count == 1 {
      sentence += "is \(NumberText.fixed(low.estimate, digits: digits)) (\(describe(low)))."
    } else {
      sentence +=
        "ranges from \(NumberText.fixed(low.estimate, digits: digits)) (\(describe(low))) "
        + "to \(NumberText.fixed(high.estimate, digits: digits)) (\(describe(high)))."
    }
    if hidden > 0 { sentence += " \(hidden) of \(cells.count) cells are suppressed." }
    return [sentence]
  }
}

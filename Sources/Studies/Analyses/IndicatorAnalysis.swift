import DataTable
import Distributions
import Foundation
import Plotting

/// `kind: indicator`: an indicator by groups, `mean(x)`, `share(x)` (x is 0/1 or true/false, or a
/// condition such as `share(track == "apprenticeship")`) or `count()`, with confidence intervals
/// (mean: Student t; share: Wilson score) and disclosure control of every cell, counted in learners.
///
/// With `cluster:` or `weights:` the cells are weighted ratio means with design-based
/// (linearisation) standard errors (``IndicatorDesign``); `compare:` adds gaps and parity ratios
/// between two levels of a grouping, `margins: true` the totals by each grouping and overall.
///
/// ```yaml
/// - {name: score_by_gender, kind: indicator, measure: "mean(score)", by: [year, female]}
/// - {name: stem_gap, kind: indicator, measure: "share(stem_enrolled)", by: [year],
///    compare: female, reference: 0, cluster: school_id, margins: true}
/// ```
public struct IndicatorAnalysis: AnalysisKind {
  /// The `kind:` names this analysis answers to.
  public static let kindNames = ["indicator"]
  /// The spec keys this kind accepts besides `name` and `kind`.
  public static let keys = [
    "measure", "by", "level", "x", "facet", "title", "trend", "cluster", "weights", "compare",
    "reference", "margins",
  ]

  enum Measure: String { case mean, share, count }

  let name: String
  let measure: Measure
  let expression: Expression?
  let measureText: String
  let by: [String]
  let level: Double
  let x: String?
  /// A `by` column whose levels get one panel each (small multiples).
  let facet: String?
  let title: String?
  let breakAt: Double?
  let target: (x: Double, value: Double)?
  /// The cluster column (learners nested in schools), for design-based intervals.
  let cluster: String?
  /// The weight column.
  let weights: String?
  /// The two-level grouping whose gap and parity ratio are published (one of `by`).
  let compare: String?
  /// The reference level of `compare` (the sorted first level when absent).
  let reference: String?
  /// Publish the totals by each grouping and overall.
  let margins: Bool
  /// The trend model fitted to the published cells (a `trend:` block with model keys).
  let trendModel: IndicatorTrend?

  /// Validates the analysis entry, reporting every problem with its key path and line.
  public init?(spec: AnalysisSpec, schema: StudySchema, diagnostics: SpecDiagnostics) {
    let r = spec.reader(diagnostics)
    let before = diagnostics.issues.count
    name = spec.name
    measureText = r.string("measure", required: true) ?? "count()"
    level = r.confidenceLevel()
    title = r.string("title")
    let byNames = r.names("by") ?? []
    compare = r.string("compare")
    reference = r.string("reference")
    margins = r.bool("margins") ?? false
    by =
      byNames.map(\.name)
      + (compare.map { c in byNames.contains { $0.name == c } ? [] : [c] } ?? [])
    if let compare,
      schema.checkColumn(
        compare, keyPath: r.child("compare"), line: r.line(of: "compare"), diagnostics: diagnostics)
    {
      _ = schema.checkPublishable(
        compare, as: "a compared variable", keyPath: r.child("compare"),
        line: r.line(of: "compare"), diagnostics: diagnostics)
    }
    if reference != nil, compare == nil {
      diagnostics.report(
        r.child("reference"), line: r.line(of: "reference"), "reference needs compare")
    }
    cluster = r.string("cluster")
    if let cluster {
      _ = schema.checkColumn(
        cluster, keyPath: r.child("cluster"), line: r.line(of: "cluster"), diagnostics: diagnostics)
    }
    weights = r.numericColumn("weights", schema: schema, label: "weight column")
    for b in byNames {
      guard
        schema.checkColumn(b.name, keyPath: r.child("by"), line: b.line, diagnostics: diagnostics)
      else { continue }
      _ = schema.checkPublishable(
        b.name, as: "a by variable", keyPath: r.child("by"), line: b.line,
        diagnostics: diagnostics)
    }
    x = r.string("x")
    facet = r.string("facet")
    if let facet, !by.contains(facet) || facet == x {
      diagnostics.report(
        r.child("facet"), line: r.line(of: "facet"),
        "facet must be one of the by columns (\(by.joined(separator: ", "))) other than x")
    }
    if let x, !by.contains(x) {
      diagnostics.report(
        r.child("x"), line: r.line(of: "x"),
        "x must be one of the by columns (\(by.joined(separator: ", ")))")
    }
    var breakAt: Double?
    var target: (Double, Double)?
    let fitsTrend = IndicatorTrend.isModel(r)
    if !fitsTrend,
      let t = r.mapping("trend", allowed: ["break_at", "target"] + IndicatorTrend.modelKeys)
    {
      breakAt = t.double("break_at")
      if let g = t.mapping("target", allowed: ["year", "x", "value"]) {
        if let value = g.double("value", required: true), let at = g.double("year") ?? g.double("x")
        {
          target = (at, value)
        }
      }
    }
    self.breakAt = breakAt
    self.target = target
    let (kind, inner, problem) = Self.parseMeasure(measureText)
    measure = kind ?? .count
    expression = inner
    trendModel =
      fitsTrend
      ? IndicatorTrend.read(
        r, name: name, measure: measure, measureText: measureText, by: by, x: x, level: level,
        schema: schema, diagnostics: diagnostics) : nil
    if measure == .count, problem == nil {
      for key in ["compare", "cluster", "weights"] where r.entry(key) != nil {
        diagnostics.report(
          r.child(key), line: r.line(of: key), "\(key) needs measure mean(x) or share(x)")
      }
    }
    if let problem {
      diagnostics.report(r.child("measure"), line: r.line(of: "measure"), problem)
    } else if let inner {
      for name in inner.columnNames where schema.identifiers.contains(name) {
        diagnostics.report(
          r.child("measure"), line: r.line(of: "measure"),
          schema.identifierPolicy.refusal(name, use: "read by a measure (its text is published)"))
      }
      var types: [String: ExpressionType] = [:]
      for c in schema.table.columns { types[c.name] = ExpressionType(column: c) }
      do {
        let type = try inner.check(columns: types, hasPanel: false)
        if type == .text {
          diagnostics.report(
            r.child("measure"), line: r.line(of: "measure"),
            "\(measure.rawValue)() needs numbers or true/false, not text")
        }
      } catch let error as ExpressionError {
        diagnostics.report(
          r.child("measure"), line: r.line(of: "measure"), "bad expression \(error): \(measureText)"
        )
      } catch {}
    }
    if diagnostics.issues.count > before { return nil }
  }

  /// Splits `mean(x)` into the measure and its expression.
  static func parseMeasure(_ text: String) -> (Measure?, Expression?, String?) {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed == "count" || trimmed == "count()" { return (.count, nil, nil) }
    guard let open = trimmed.firstIndex(of: "("), trimmed.hasSuffix(")") else {
      return (nil, nil, "measure must be mean(x), share(x) or count(), found '\(text)'")
    }
    let head = String(trimmed[..<open]).trimmingCharacters(in: .whitespaces)
    guard let kind = Measure(rawValue: head) else {
      let near = nearestName(to: head, among: ["mean", "share", "count"])
      return (
        nil, nil,
        "unknown measure '\(head)'" + (near.map { "; did you mean '\($0)'?" } ?? "")
          + " (mean, share, count)"
      )
    }
    let inside = String(
      trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
    if kind == .count { return (.count, nil, inside.isEmpty ? nil : "count() takes no argument") }
    do {
      let e = try Expression(parsing: inside)
      if e.usesPanelShift { return (nil, nil, "lag/lead belong in derive:, not in a measure") }
      return (kind, e, nil)
    } catch let error as ExpressionError {
      return (nil, nil, "bad expression in \(head)(): \(error)")
    } catch {
      return (nil, nil, "\(error)")
    }
  }

  /// A cell of the indicator.
  struct Cell {
    /// One level per `by` column; `nil` is the total over that column (a margin).
    let levels: [String?]
    let n: Int
    /// Distinct learners behind `n` (rows where no panel unit is declared): what suppression counts.
    var learners = 0
    /// One institution holds more than the dominance share of the cell.
    var dominated = false
    /// Sensitive: too few learners, dominated, or (a share) too few learners at 0 or at 1.
    var sensitive = false
    let estimate: Double
    let low: Double?
    let high: Double?
    /// The estimate's standard error (means and shares).
    var standardError: Double? = nil
    /// Design-based: the cluster totals of the cell's influence (for covariances between cells).
    var influence: [Int: Double]? = nil

    /// The levels, a total shown as `All`.
    var key: [String] { levels.map { $0 ?? "All" } }
    /// A total over some grouping.
    var isMargin: Bool { levels.contains(nil) }
  }

  /// Fits the analysis on the prepared study data and returns its document, tables and findings.
  public func run(_ context: AnalysisContext) throws -> AnalysisOutcome {
    let data = context.data
    var values: [Double]? = nil
    if let expression {
      guard case .numbers(let v) = ExpressionEvaluator(table: data, panel: nil).evaluate(expression)
      else {
        throw AnalysisError.invalid(name, "\(measure.rawValue)() needs numbers")
      }
      values = v
      if measure == .share, v.contains(where: { !$0.isNaN && $0 != 0 && $0 != 1 }) {
        throw AnalysisError.invalid(
          name, "share() needs 0/1 or true/false values; use mean() for other numbers")
      }
    }
    let weightValues = weights.flatMap { data[$0]?.doubles() }
    let clusterColumn = cluster.flatMap { data[$0] }
    let counted = (0..<data.rowCount).filter { row in
      (values.map { !$0[row].isNaN } ?? true) && (weightValues.map { !$0[row].isNaN } ?? true)
        && (clusterColumn.map { $0.stringValue(row) != nil } ?? true)
    }
    if let weights, let w = weightValues,
      counted.contains(where: { !(w[$0] > 0) || !w[$0].isFinite })
    {
      throw AnalysisError.invalid(
        name,
        "weights: column '\(weights)' has zero, negative or infinite weights; every weight "
          + "must be positive")
    }
    let design =
      cluster == nil && weights == nil
      ? nil
      : IndicatorDesign(data: data, rows: counted, cluster: cluster, weights: weightValues)
    let classes = try CrossClassification(table: data, by: by, rows: counted, analysis: name)
    let referenceLevel = try compareReference(classes)
    let present = ([expressionText] + [weights, cluster].compactMap { $0 }).filter { !$0.isEmpty }
    let population = Population(
      rows: counted,
      description: values == nil
        ? "all rows" : "rows with \(present.joined(separator: ", ")) present")
    var learnerIndex = LearnerIndex(context)
    var dominance = DominanceIndex(context)
    let fullSplit = values.flatMap {
      BinarySplit(expression: expressionText, values: $0, data: data, by: by)
    }
    var cells: [Cell] = []
    var countCells: [CountCell] = []
    func add(_ levels: [String?], _ rows: [Int]) {
      var item = self.cell(levels: levels, rows: rows, values: values, design: design)
      item.learners = learnerIndex.count(rows: rows)
      item.dominated = dominance?.dominates(rows: rows) ?? false
      let parts =
        fullSplit?.cells(
          levels: levels, rows: rows, learners: &learnerIndex, dominance: &dominance)
        ?? [
          CountCell(
            levels: levels, count: item.n, learners: item.learners, dominated: item.dominated)
        ]
      item.sensitive = BinarySplit.sensitive(parts, minCell: context.disclosure.minCell)
      cells.append(item)
      countCells += parts
    }
    for (i, rows) in classes.rows.enumerated() { add(classes.key(i).map { $0 }, rows) }
    if margins, !by.isEmpty {
      // One-way totals (rows with a missing value of another grouping included, as the
      // disclosure control counts them), then the overall total.
      if by.count > 1 {
        for (v, column) in by.enumerated() {
          let grouping = Grouping(table: data, by: [column], rows: counted)
          for (k, rows) in grouping.rows.enumerated() {
            var levels = [String?](repeating: nil, count: by.count)
            levels[v] = grouping.keys[k][0]
            add(levels, rows)
          }
        }
      }
      add(by.map { _ in nil }, counted)
    }
    let (protectedCells, split, limited) = BinarySplit.limited(
      countCells, split: fullSplit, minCell: context.disclosure.minCell)
    let table = CountTable(
      id: name, population: population, variables: by + (split.map { [$0.variable] } ?? []),
      cells: protectedCells, variablesWithMissing: classes.columnsWithMissing)
    let limitNote = limited ? fullSplit.map { BinarySplit.limitNote($0.variable) } : nil
    let gapList =
      referenceLevel.map { gaps(cells: cells, reference: $0, design: design) } ?? []
    let finished = cells
    return AnalysisOutcome(
      pending: PendingTables(tables: [table]) { suppressed in
        let flags = BinarySplit.flags(suppressed.first ?? [], split: split)
        return self.outcome(
          cells: finished, gaps: gapList, design: design, suppressed: flags.estimate,
          countSuppressed: flags.count, population: population,
          binary: split?.json ?? fullSplit?.json(protected: false), shares: fullSplit != nil,
          limitNote: limitNote, context: context)
      })
  }

  /// The reference level of `compare` (`nil` without `compare`).
  /// - Throws: `AnalysisError.invalid` unless `compare` has two levels and `reference` is one.
  func compareReference(_ classes: CrossClassification) throws -> String? {
    guard let compare, let c = by.firstIndex(of: compare) else { return nil }
    let levels = classes.levels[c]
    guard levels.count == 2 else {
      throw AnalysisError.invalid(
        name,
        "compare: '\(compare)' must have exactly two levels among the counted rows, found "
          + "\(levels.count) (\(levels.prefix(5).joined(separator: ", ")))")
    }
    let chosen = reference ?? levels[0]
    guard levels.contains(chosen) else {
      throw AnalysisError.invalid(
        name,
        "reference: '\(chosen)' is not a level of '\(compare)' (\(levels.joined(separator: ", ")))"
      )
    }
    return chosen
  }

  /// The outcome once the study-wide suppression is known: per cell, whether its estimate and
  /// whether its N are withheld (they differ only for a share; see `BinarySplit`).
  func outcome(
    cells: [Cell], gaps: [Gap], design: IndicatorDesign?, suppressed: [Bool],
    countSuppressed: [Bool], population: Population, binary: JSONValue?, shares: Bool = false,
    limitNote: String? = nil, context: AnalysisContext
  ) -> AnalysisOutcome {
    let label =
      measure == .count ? "Count" : "\(measure == .mean ? "Mean" : "Share") of \(expressionText)"
    let heading = title ?? (by.isEmpty ? label : "\(label) by \(by.joined(separator: " and "))")
    var document = self.document(
      cells: cells, suppressed: suppressed, countSuppressed: countSuppressed,
      population: population, design: design, binary: binary, context: context)
    if compare != nil, case .object(var pairs) = document {
      pairs += [
        ("compare", .string(compare ?? "")),
        ("reference", gaps.first.map { Self.levelJSON($0.reference) } ?? .null),
        ("gaps", gapsJSON(gaps, suppressed: suppressed)),
      ]
      document = .object(pairs)
    }
    var tables = [
      self.table(
        cells: cells, suppressed: suppressed, countSuppressed: countSuppressed, heading: heading,
        design: design, shares: shares, limitNote: limitNote, context: context)
    ]
    if compare != nil {
      tables.append(gapsTable(gaps, suppressed: suppressed, design: design))
    }
    // The trend is fitted to the published cells only (margins included: a total by time is a
    // series of its own).
    let trend = trendModel.map { $0.fit(cells: cells, suppressed: suppressed, by: by) }
    var trendFindings: [String] = []
    if let trendModel, let trend, case .object(let pairs) = document {
      document = .object(pairs + trendModel.document(trend, by: by))
      tables.append(trendModel.analysis.trendTable(fits: trend.fits, heading: heading))
      trendFindings = trendModel.analysis.findings(
        points: trend.points, suppressed: trend.suppressed, fits: trend.fits)
    }
    // The figure and findings show the interior cells; margins are in the tables.
    let interior = cells.indices.filter { !cells[$0].isMargin }
    let inner = interior.map { cells[$0] }
    let innerSuppressed = interior.map { suppressed[$0] }
    var figures: [Figure] = []
    if let figure = figure(
      cells: inner, suppressed: innerSuppressed, heading: heading, label: label,
      data: context.data, trend: trend)
    {
      figures.append(figure)
    }
    return AnalysisOutcome(
      document: document, tables: tables, figures: figures,
      findings: findings(cells: inner, suppressed: innerSuppressed, label: label)
        + gapFindings(gaps, suppressed: suppressed) + trendFindings)
  }

  var expressionText: String {
    let t = measureText.trimmingCharacters(in: .whitespaces)
    guard let open = t.firstIndex(of: "(") else { return t }
    return String(t[t.index(after: open)..<t.index(before: t.endIndex)])
  }

  /// One cell: the count, or the estimate with its standard error and interval.
  func cell(levels: [String?], rows: [Int], values: [Double]?, design: IndicatorDesign?) -> Cell {
    guard let values else {
      return Cell(levels: levels, n: rows.count, estimate: Double(rows.count), low: nil, high: nil)
    }
    let alpha = (1 - level) / 2
    if let design { return designCell(levels: levels, rows: rows, values: values, design: design) }
    let m = Moments(rows.map { values[$0] })
    guard m.n > 0 else { return Cell(levels: levels, n: 0, estimate: .nan, low: nil, high: nil) }
    if measure == .share {
      // Wilson (1927) score interval, as R's prop.test(correct = FALSE).
      let z = Normal.standard.upperQuantile(alpha)
      let n = Double(m.n)
      let p = m.mean
      let center = (p + z * z / (2 * n)) / (1 + z * z / n)
      let half = z / (1 + z * z / n) * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()
      var cell = Cell(
        levels: levels, n: m.n, estimate: p, low: center - half, high: center + half)
      cell.standardError = (p * (1 - p) / n).squareRoot()
      return cell
    }
    guard m.n > 1 else {
      return Cell(levels: levels, n: m.n, estimate: m.mean, low: nil, high: nil)
    }
    let t = StudentT(degreesOfFreedom: Double(m.n - 1)).upperQuantile(alpha)
    let se = m.sd / Double(m.n).squareRoot()
    var cell = Cell(
      levels: levels, n: m.n, estimate: m.mean, low: m.mean - t * se, high: m.mean + t * se)
    cell.standardError = se
    return cell
  }

  /// A design-based cell: the weighted ratio mean, its linearisation standard error and a
  /// normal interval (a share's on the logit scale, as `survey::svyciprop(method = "logit",
  /// df = Inf)`).
  func designCell(levels: [String?], rows: [Int], values: [Double], design: IndicatorDesign)
    -> Cell
  {
    let e = design.estimate(rows: rows, values: values)
    guard e.n > 0, e.estimate.isFinite else {
      return Cell(levels: levels, n: e.n, estimate: .nan, low: nil, high: nil)
    }
    let z = Normal.standard.upperQuantile((1 - level) / 2)
    let p = e.estimate
    let se = e.standardError
    var low: Double?
    var high: Double?
    if se.isFinite {
      if measure == .share {
        if p > 0, p < 1 {
          let s = se / (p * (1 - p))
          let logit = log(p / (1 - p))
          low = 1 / (1 + exp(-(logit - z * s)))
          high = 1 / (1 + exp(-(logit + z * s)))
        }
      } else {
        low = p - z * se
        high = p + z * se
      }
    }
    var cell = Cell(levels: levels, n: e.n, estimate: p, low: low, high: high)
    cell.standardError = se.isFinite ? se : nil
    if compare != nil { cell.influence = e.influence }
    return cell
  }

  /// How a design-based variance was computed, for notes.
  func designNote(_ design: IndicatorDesign) -> String {
    "design-based (linearisation) standard errors"
      + (cluster.map { ", clustered by \($0) (\(design.clusterCount) clusters)" } ?? "")
      + (weights.map { ", weighted by \($0)" } ?? "")
  }
}

/// A failure of an analysis while it runs (bad values found only in the data).
public enum AnalysisError: Error, Sendable, CustomStringConvertible {
  /// The analysis cannot use the data as specified (exit 2).
  case invalid(String, String)

  /// The message naming the analysis.
  public var description: String {
    switch self {
    case .invalid(let name, let message): return "analysis '\(name)': \(message)"
    }
  }
}

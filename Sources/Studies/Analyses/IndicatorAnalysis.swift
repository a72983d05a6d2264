import DataTable
import Distributions
import Foundation
import Plotting

/// `kind: indicator`: an indicator by groups, `mean(x)`, `share(x)` (x is 0/1 or true/false, or a
/// condition such as `share(track == "apprenticeship")`) or `count()`, with confidence intervals
/// (mean: Student t; share: Wilson score) and disclosure control of every cell, counted in learners.
///
/// ```yaml
/// - {name: score_by_gender, kind: indicator, measure: "mean(score)", by: [year, female]}
/// ```
public struct IndicatorAnalysis: AnalysisKind {
  /// The `kind:` names this analysis answers to.
  public static let kindNames = ["indicator"]
  /// The spec keys this kind accepts besides `name` and `kind`.
  public static let keys = ["measure", "by", "level", "x", "facet", "title", "trend"]

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

  /// Validates the analysis entry, reporting every problem with its key path and line.
  public init?(spec: AnalysisSpec, schema: StudySchema, diagnostics: SpecDiagnostics) {
    let r = spec.reader(diagnostics)
    let before = diagnostics.issues.count
    name = spec.name
    measureText = r.string("measure", required: true) ?? "count()"
    level = r.confidenceLevel()
    title = r.string("title")
    let byNames = r.names("by") ?? []
    by = byNames.map(\.name)
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
    if let t = r.mapping("trend", allowed: ["break_at", "target"]) {
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
    let key: [String]
    let n: Int
    /// Distinct learners behind `n` (rows where no panel unit is declared): what suppression counts.
    var learners = 0
    /// One institution holds more than the dominance share of the cell.
    var dominated = false
    let estimate: Double
    let low: Double?
    let high: Double?
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
    let counted =
      values.map { v in (0..<data.rowCount).filter { !v[$0].isNaN } }
      ?? Array(0..<data.rowCount)
    let classes = try CrossClassification(table: data, by: by, rows: counted, analysis: name)
    let population = Population(
      rows: counted,
      description: values == nil ? "all rows" : "rows with \(expressionText) present")
    var learnerIndex = LearnerIndex(context)
    var dominance = DominanceIndex(context)
    var cells: [Cell] = []
    var countCells: [CountCell] = []
    for (i, rows) in classes.rows.enumerated() {
      let key = classes.key(i)
      var item = self.cell(key: key, rows: rows, values: values)
      item.learners = learnerIndex.count(rows: rows)
      item.dominated = dominance?.dominates(rows: rows) ?? false
      cells.append(item)
      countCells.append(
        CountCell(
          levels: key, count: item.n, learners: item.learners, dominated: item.dominated))
    }
    let table = CountTable(
      id: name, population: population, variables: by, cells: countCells,
      variablesWithMissing: classes.columnsWithMissing)
    let finished = cells
    return AnalysisOutcome(
      pending: PendingTables(tables: [table]) { suppressed in
        self.outcome(
          cells: finished, suppressed: suppressed.first ?? [], population: population,
          context: context)
      })
  }

  /// The outcome once the study-wide suppression is known.
  func outcome(
    cells: [Cell], suppressed: [Bool], population: Population, context: AnalysisContext
  ) -> AnalysisOutcome {
    let label =
      measure == .count ? "Count" : "\(measure == .mean ? "Mean" : "Share") of \(expressionText)"
    let heading = title ?? (by.isEmpty ? label : "\(label) by \(by.joined(separator: " and "))")
    let document = self.document(
      cells: cells, suppressed: suppressed, population: population, context: context)
    let table = self.table(cells: cells, suppressed: suppressed, heading: heading, context: context)
    var figures: [Figure] = []
    if let figure = figure(
      cells: cells, suppressed: suppressed, heading: heading, label: label, data: context.data)
    {
      figures.append(figure)
    }
    return AnalysisOutcome(
      document: document, tables: [table], figures: figures,
      findings: findings(cells: cells, suppressed: suppressed, label: label))
  }

  var expressionText: String {
    let t = measureText.trimmingCharacters(in: .whitespaces)
    guard let open = t.firstIndex(of: "(") else { return t }
    return String(t[t.index(after: open)..<t.index(before: t.endIndex)])
  }

  func cell(key: [String], rows: [Int], values: [Double]?) -> Cell {
    guard let values else {
      return Cell(key: key, n: rows.count, estimate: Double(rows.count), low: nil, high: nil)
    }
    let m = Moments(rows.map { values[$0] })
    let alpha = (1 - level) / 2
    guard m.n > 0 else { return Cell(key: key, n: 0, estimate: .nan, low: nil, high: nil) }
    if measure == .share {
      // Wilson (1927) score interval, as R's prop.test(correct = FALSE).
      let z = Normal.standard.upperQuantile(alpha)
      let n = Double(m.n)
      let p = m.mean
      let center = (p + z * z / (2 * n)) / (1 + z * z / n)
      let half = z / (1 + z * z / n) * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()
      return Cell(key: key, n: m.n, estimate: p, low: center - half, high: center + half)
    }
    guard m.n > 1 else { return Cell(key: key, n: m.n, estimate: m.mean, low: nil, high: nil) }
    let t = StudentT(degreesOfFreedom: Double(m.n - 1)).upperQuantile(alpha)
    let half = t * m.sd / Double(m.n).squareRoot()
    return Cell(key: key, n: m.n, estimate: m.mean, low: m.mean - half, high: m.mean + half)
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

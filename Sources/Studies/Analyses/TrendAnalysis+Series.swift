import DataTable
import Distributions
import Models

extension TrendAnalysis {
  /// One point of the indicator series: a time (and group) cell.
  struct Point: Sendable {
    /// The levels as the count table lists them (time, then group).
    var levels: [String] = []
    /// The time.
    let time: Double
    /// The compared group's level (`nil` without `compare`).
    let group: String?
    /// Observations behind the point (`nil` for a ready-made series).
    let n: Int?
    /// Distinct learners behind it.
    var learners = 0
    /// One institution dominates it.
    var dominated = false
    /// Too few learners, dominated, or (a share) too few learners at 0 or at 1.
    var sensitive = false
    /// The share or mean.
    let estimate: Double
    /// Its standard error (`nil` when unknown).
    let standardError: Double?
    /// Confidence bounds.
    let low: Double?
    let high: Double?
    /// Data flags of a ready-made series (Eurostat's `b`, `p`, `e`...).
    var flags = ""
  }

  /// The time and group keys of the points (the count table's levels).
  var variables: [String] { [time] + (compare.map { [$0] } ?? []) }

  /// The series computed from the learner data: one cell per time (and group), with its count,
  /// learners and interval (Wilson for shares, t for means, as `kind: indicator`).
  func computedPoints(_ context: AnalysisContext) throws -> (
    points: [Point], population: Population, missing: [String], counts: [CountCell],
    split: BinarySplit?
  ) {
    let data = context.data
    guard let expression, let measure else {
      return ([], Population(rows: [], description: ""), [], [], nil)
    }
    guard
      case .numbers(let values) = ExpressionEvaluator(table: data, panel: nil).evaluate(expression)
    else { throw AnalysisError.invalid(name, "\(measure.rawValue)() needs numbers") }
    if measure == .share, values.contains(where: { !$0.isNaN && $0 != 0 && $0 != 1 }) {
      throw AnalysisError.invalid(
        name, "share() needs 0/1 or true/false values; use mean() for other numbers")
    }
    let counted = (0..<data.rowCount).filter { !values[$0].isNaN }
    let classes = try CrossClassification(
      table: data, by: variables, rows: counted, analysis: name)
    let population = Population(
      rows: counted, description: "rows with \(measureText ?? "the measure") present")
    var learnerIndex = LearnerIndex(context)
    var dominance = DominanceIndex(context)
    let indicator = IndicatorCellMaker(measure: measure, level: options.level)
    // A share (or the mean of a 0/1 value) reveals the counts at 0 and 1: protected too.
    let split = BinarySplit(
      expression: measureText.map(Self.innerText) ?? "", values: values, data: data,
      by: variables)
    var points: [Point] = []
    var counts: [CountCell] = []
    for (i, rows) in classes.rows.enumerated() {
      let key = classes.key(i)
      guard let t = Double(key[0]) else {
        throw AnalysisError.invalid(name, "time '\(key[0])' of column '\(time)' is not a number")
      }
      var point = indicator.point(
        time: t, group: compare == nil ? nil : key[1], values: rows.map { values[$0] })
      point.levels = key
      point.learners = learnerIndex.count(rows: rows)
      point.dominated = dominance?.dominates(rows: rows) ?? false
      let parts =
        split?.cells(levels: key, rows: rows, learners: &learnerIndex, dominance: &dominance)
        ?? [
          CountCell(
            levels: key, count: point.n ?? 0, learners: point.learners,
            dominated: point.dominated)
        ]
      point.sensitive = BinarySplit.sensitive(parts, minCell: context.disclosure.minCell)
      points.append(point)
      counts += parts
    }
    return (points, population, classes.columnsWithMissing, counts, split)
  }

  /// The expression inside `share(...)` or `mean(...)`.
  static func innerText(_ measure: String) -> String {
    let t = measure.trimmingCharacters(in: .whitespaces)
    guard let open = t.firstIndex(of: "("), t.hasSuffix(")") else { return t }
    return String(t[t.index(after: open)..<t.index(before: t.endIndex)])
  }

  /// A ready-made series: one row per time (and group); the values as they are.
  func readyPoints(_ data: DataTable) throws -> [Point] {
    guard let valueColumn, let values = data[valueColumn] else { return [] }
    let timeColumn = try data.column(named: time)
    let seValues = try seColumn.map { try data.column(named: $0) }
    let groups = try compare.map { try data.column(named: $0) }
    let flagValues = try flagsColumn.map { try data.column(named: $0) }
    var seen: Set<String> = []
    var points: [Point] = []
    for row in 0..<data.rowCount {
      guard let t = timeColumn.doubleValue(row), let v = values.doubleValue(row), v.isFinite
      else { continue }
      let group = groups?.stringValue(row)
      if groups != nil && group == nil { continue }
      let key = "\(t)|\(group ?? "")"
      guard seen.insert(key).inserted else {
        throw AnalysisError.invalid(
          name,
          "value: expects a ready-made series with one row per \(variables.joined(separator: " and ")); "
            + "time \(t)\(group.map { ", \(compare ?? "") \($0)" } ?? "") repeats (use measure: "
            + "for learner data)")
      }
      let se = seValues?.doubleValue(row).flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
      let z = Normal.standard.upperQuantile((1 - options.level) / 2)
      var point = Point(
        time: t, group: group, n: nil, estimate: v, standardError: se,
        low: se.map { v - z * $0 }, high: se.map { v + z * $0 })
      point.flags = flagValues?.stringValue(row) ?? ""
      point.levels = [timeColumn.stringValue(row) ?? "\(t)"] + (group.map { [$0] } ?? [])
      points.append(point)
    }
    return points.sorted { ($0.group ?? "", $0.time) < ($1.group ?? "", $1.time) }
  }
}

/// The estimate and interval of one indicator cell (the rules of `kind: indicator`).
struct IndicatorCellMaker {
  let measure: IndicatorAnalysis.Measure
  let level: Double

  func point(time: Double, group: String?, values: [Double]) -> TrendAnalysis.Point {
    let m = Moments(values)
    guard m.n > 0 else {
      return .init(
        time: time, group: group, n: 0, estimate: .nan, standardError: nil, low: nil, high: nil)
    }
    let alpha = (1 - level) / 2
    let n = Double(m.n)
    if measure == .share {
      let z = Normal.standard.upperQuantile(alpha)
      let p = m.mean
      let center = (p + z * z / (2 * n)) / (1 + z * z / n)
      let half = z / (1 + z * z / n) * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()
      return .init(
        time: time, group: group, n: m.n, estimate: p,
        standardError: (p * (1 - p) / n).squareRoot(), low: center - half, high: center + half)
    }
    guard m.n > 1 else {
      return .init(
        time: time, group: group, n: m.n, estimate: m.mean, standardError: nil, low: nil, high: nil)
    }
    let se = m.sd / n.squareRoot()
    let t = StudentT(degreesOfFreedom: n - 1).upperQuantile(alpha)
    return .init(
      time: time, group: group, n: m.n, estimate: m.mean, standardError: se,
      low: m.mean - t * se, high: m.mean + t * se)
  }
}

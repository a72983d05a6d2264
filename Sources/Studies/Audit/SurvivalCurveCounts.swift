import Foundation

/// The counts that published survival curves imply, for the audit's check of counts below
/// `min_cell`.
///
/// A Kaplan-Meier step from S' to S with Greenwood variances of -log S of V' and V (the
/// published standard error of S is S times the square root of V) satisfies
/// S / S' = 1 - d / n and V - V' = d / (n (n - d)) when it holds one event time, so
/// n = q / (g (1 - q)) and d = q n with q = 1 - S / S' and g = V - V'. These are the number at
/// risk and the events of the step. Between two such steps, and without delayed entry,
/// n' - d' - n spells left the risk set censored. A cumulative incidence step of an outcome
/// from F' to F adds S' d_k / n, so d_k = (F - F') n / S'.
///
/// A step that aggregates several event times gives no exact count this way; the numbers are
/// then rounded values that stand for no count, and a curve published from rounded counts
/// (`RoundedSpells`) implies multiples of `min_cell` only. Each implied count is returned,
/// rounded to the nearest whole number.
enum SurvivalCurveCounts {
  /// A published curve point as the audit reads it.
  struct Point {
    let group: String
    let time: Double
    let value: Double
    let standardError: Double?
  }

  /// The number at risk and the events each step of one group's Kaplan-Meier curve implies.
  struct Step {
    let time: Double
    let atRisk: Double
    let events: Double
    /// The estimate before the step.
    let before: Double
  }

  /// The counts implied by a study's `curves` and `cumulative_incidence` rows.
  /// - Parameters:
  ///   - name: the analysis name, for the labels.
  ///   - document: the survival result document.
  ///   - groupLabel: the ` [by=level]` suffix of a group.
  /// - Returns: the implied counts (events per step, censored between steps, events of each
  ///   outcome per step).
  static func revealed(
    name: String, document: [String: Any], groupLabel: (String) -> String
  ) -> [RevealedCount] {
    let nested = document["entry"] == nil || document["entry"] is NSNull
    let curves = points(document["curves"], value: "survival")
    var revealed: [RevealedCount] = []
    var stepsOf: [String: [Double: Step]] = [:]
    for (group, rows) in grouped(curves) {
      let steps = kaplanMeierSteps(rows)
      for (k, step) in steps.enumerated() {
        let time = SurvivalAnalysis.format(step.time)
        let at = "\(name)/curve:\(time)\(groupLabel(group))"
        revealed.append(RevealedCount(label: "\(at) events", count: whole(step.events)))
        if nested && k > 0 {
          let previous = steps[k - 1]
          revealed.append(
            RevealedCount(
              label: "\(name)/curve:\(SurvivalAnalysis.format(previous.time))-\(time)"
                + "\(groupLabel(group)) censored",
              count: whole(previous.atRisk - previous.events - step.atRisk)))
        }
        stepsOf[group, default: [:]][step.time] = step
      }
    }
    let incidence = document["cumulative_incidence"] as? [[String: Any]] ?? []
    var outcomes: [String: [Point]] = [:]
    for row in incidence {
      guard let outcome = (row["outcome"] as? NSNumber)?.intValue,
        let point = point(row, value: "incidence")
      else { continue }
      outcomes["\(outcome)\u{1F}\(point.group)", default: []].append(point)
    }
    for (key, rows) in outcomes.sorted(by: { $0.key < $1.key }) {
      let outcome = key.split(separator: "\u{1F}").first.map(String.init) ?? ""
      var previous = 0.0
      for point in rows.sorted(by: { $0.time < $1.time }) {
        defer { previous = point.value }
        guard let step = stepsOf[point.group]?[point.time], step.before > 0 else { continue }
        let events = (point.value - previous) * step.atRisk / step.before
        let at = "\(SurvivalAnalysis.format(point.time))\(groupLabel(point.group))"
        revealed.append(
          RevealedCount(
            label: "\(name)/incidence:\(at) outcome \(outcome) events", count: whole(events)))
      }
    }
    return revealed
  }

  /// The steps of one group's curve, in time order, up to the first that cannot be solved
  /// (the estimate reaching 0 or a missing standard error).
  static func kaplanMeierSteps(_ rows: [Point]) -> [Step] {
    var steps: [Step] = []
    var before = 1.0
    var variance = 0.0
    for point in rows.sorted(by: { $0.time < $1.time }) {
      guard point.value > 0, let se = point.standardError, se.isFinite else { break }
      let current = (se / point.value) * (se / point.value)
      let q = 1 - point.value / before
      let g = current - variance
      if q > 1e-12 && g > 0 {
        let atRisk = q / (g * (1 - q))
        steps.append(Step(time: point.time, atRisk: atRisk, events: q * atRisk, before: before))
      }
      before = point.value
      variance = current
    }
    return steps
  }

  private static func points(_ value: Any?, value key: String) -> [Point] {
    (value as? [[String: Any]] ?? []).compactMap { point($0, value: key) }
  }

  private static func point(_ row: [String: Any], value key: String) -> Point? {
    guard let time = (row["time"] as? NSNumber)?.doubleValue,
      let value = (row[key] as? NSNumber)?.doubleValue
    else { return nil }
    let group = row["group"].map { "\($0)" } ?? ""
    return Point(
      group: group, time: time, value: value,
      standardError: (row["std_error"] as? NSNumber)?.doubleValue)
  }

  private static func grouped(_ points: [Point]) -> [(String, [Point])] {
    var order: [String] = []
    var rows: [String: [Point]] = [:]
    for point in points {
      if rows[point.group] == nil { order.append(point.group) }
      rows[point.group, default: []].append(point)
    }
    return order.map { ($0, rows[$0] ?? []) }
  }

  /// The nearest whole number (0 for a value that is not finite).
  private static func whole(_ x: Double) -> Int {
    x.isFinite && abs(x) < 1e15 ? Int(x.rounded()) : 0
  }
}

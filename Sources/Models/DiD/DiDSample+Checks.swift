import DataTable
import Foundation
import Inference

extension DiDSample {
  /// Prepares the sample as R `did`'s `pre_process_did` does, reporting each recoding.
  /// - Parameters:
  ///   - options: the columns and design.
  ///   - data: the table.
  /// - Throws: `DiDError` for timing that varies within a unit, repeated unit-periods, no
  ///   cohort left, or a never-treated group too small to compare with.
  /// - Returns: the sample.
  static func prepare(_ options: CallawaySantAnnaOptions, data: DataTable) throws -> DiDSample {
    var c = try columns(options, data: data)
    let a = options.anticipation
    let gName = options.firstTreated
    var warnings: [String] = []
    var dropped: [DroppedSummary.Count] = []
    func units(_ rows: [Int]) -> Int { Set(rows.map { c.unit[$0] }).count }
    func label(_ v: Double) -> String { DiDSample.periodLabel(v) }
    func keepRows(_ keep: (Int) -> Bool, reason: String, label: String) {
      let kept = (0..<c.rows.count).filter(keep)
      let removed = c.rows.count - kept.count
      guard removed > 0 else { return }
      dropped.append(.init(reason: reason, rows: removed, label: label))
      c = Columns(
        rows: kept.map { c.rows[$0] }, y: kept.map { c.y[$0] }, t: kept.map { c.t[$0] },
        g: kept.map { c.g[$0] }, unit: kept.map { c.unit[$0] },
        cluster: c.cluster.map { cl in kept.map { cl[$0] } },
        x: (0..<c.k).flatMap { j in kept.map { c.x[j * c.rows.count + $0] } }, k: c.k,
        names: c.names, missing: c.missing)
    }

    var times = distinctSorted(c.t)
    guard let lastTime = times.last else { throw DiDError.badPanel("no usable rows") }
    let late = (0..<c.g.count).filter { c.g[$0] > lastTime + a }
    if !late.isEmpty {
      warnings.append(
        "\(units(late)) unit(s) with \(gName) after the last period \(label(lastTime)) "
          + "(plus anticipation) are treated as never treated")
      for i in late { c.g[i] = 0 }
    }
    var excludeLatest: Double? = nil
    if !c.g.contains(0) {
      let latest = c.g.max() ?? 0
      let cutoff = latest - a
      if options.control == .neverTreated {
        warnings.append(
          "no unit is never treated: cohort \(label(latest)) serves as the comparison group "
            + "and periods from \(label(cutoff)) on are dropped (no comparison group there)")
      } else {
        warnings.append(
          "no unit is never treated: cohort \(label(latest)) has no valid comparison group and "
            + "serves only as a comparison; periods from \(label(cutoff)) on are dropped")
        excludeLatest = latest
      }
      keepRows(
        { c.t[$0] < cutoff }, reason: "after_last_comparison",
        label: "in periods without a comparison group")
      if options.control == .neverTreated {
        for i in 0..<c.g.count where c.g[i] == latest { c.g[i] = 0 }
      }
      times = distinctSorted(c.t)
    }
    guard let first = times.first else {
      throw DiDError.noComparison(
        "no period is left before the last cohort is treated: no cohort has a valid comparison "
          + "group")
    }
    let early = (0..<c.g.count).filter { c.g[$0] > 0 && c.g[$0] <= first + a }
    if !early.isEmpty {
      warnings.append(
        "\(units(early)) unit(s) already treated in the first period \(label(first)) (\(gName) "
          + "<= \(label(first + a))) are dropped: they have no pre-treatment period")
      keepRows(
        { !(c.g[$0] > 0 && c.g[$0] <= first + a) }, reason: "treated_in_first_period",
        label: "of units treated in the first period")
      times = distinctSorted(c.t)
    }
    guard let firstLeft = times.first else {
      throw DiDError.noComparison("every unit was treated in the first period")
    }
    var groups = distinctSorted(c.g).filter { $0 > 0 && $0 > firstLeft + a }
    if let excludeLatest { groups.removeAll { $0 >= excludeLatest } }
    if options.sampling != .repeatedCrossSections { try checkUnits(c, options: options) }
    if options.sampling == .balancedPanel {
      var periods = [Int](repeating: 0, count: Int(c.unit.max() ?? 0) + 1)
      for u in c.unit { periods[Int(u)] += 1 }
      let incomplete = Set(c.unit.filter { periods[Int($0)] < times.count })
      if !incomplete.isEmpty {
        warnings.append(
          "\(incomplete.count) unit(s) missing in some periods are dropped to balance the panel "
            + "(set sample: unbalanced-panel to keep them)")
        keepRows(
          { periods[Int(c.unit[$0])] == times.count }, reason: "unbalanced",
          label: "of units missing in some periods")
      }
      guard !c.rows.isEmpty else {
        throw DiDError.badPanel(
          "no unit is observed in every period; use sample: unbalanced-panel")
      }
    }
    guard !groups.isEmpty else {
      throw DiDError.noComparison(
        "no treated cohort can be estimated: \(gName) must hold the first treated period (0 or "
          + "empty for never-treated units), after the first period of the data")
    }
    warnings += try sizeWarnings(c, groups: groups, options: options)
    return layout(
      c, times: times, groups: groups, options: options, warnings: warnings,
      dropped: dropped)
  }

  /// Errors for timing that varies within a unit, a unit observed twice in a period, and a
  /// cluster that varies within a unit.
  static func checkUnits(_ c: Columns, options: CallawaySantAnnaOptions) throws {
    let order = (0..<c.rows.count).sorted { (c.unit[$0], c.t[$0]) < (c.unit[$1], c.t[$1]) }
    for p in 1..<max(order.count, 1) {
      let i = order[p - 1]
      let j = order[p]
      guard c.unit[i] == c.unit[j] else { continue }
      if c.g[i] != c.g[j] {
        throw DiDError.badTiming(
          column: options.firstTreated,
          message: "varies within a unit (data rows \(c.rows[i] + 1) and \(c.rows[j] + 1)); "
            + "it must be the unit's first treated period, the same in every row")
      }
      if c.t[i] == c.t[j] {
        throw DiDError.badPanel(
          "unit observed twice in period \(DiDSample.periodLabel(c.t[i])) (data rows "
            + "\(c.rows[i] + 1) and \(c.rows[j] + 1)); use sample: repeated-cross-sections if "
            + "rows are not the same unit")
      }
      if let cluster = c.cluster, cluster[i] != cluster[j] {
        throw DiDError.badColumn(
          column: options.cluster ?? "cluster",
          message: "varies within a unit (data rows \(c.rows[i] + 1) and \(c.rows[j] + 1)); "
            + "clusters must contain whole units")
      }
    }
  }

  /// Warnings for cohorts with very few units (R `did`: fewer than covariates + 5), and an
  /// error when the never-treated comparison group is that small.
  static func sizeWarnings(_ c: Columns, groups: [Double], options: CallawaySantAnnaOptions)
    throws -> [String]
  {
    // Distinct units per cohort, counted with one marker per unit.
    var counted = [Bool](repeating: false, count: Int(c.unit.max() ?? 0) + 1)
    var unitsOf: [Double: Int] = [:]
    for i in 0..<c.g.count where !counted[Int(c.unit[i])] {
      counted[Int(c.unit[i])] = true
      unitsOf[c.g[i], default: 0] += 1
    }
    let required = options.covariates.count + 5
    var warnings: [String] = []
    for g in groups {
      let count = unitsOf[g] ?? 0
      if count < required {
        warnings.append(
          "cohort \(DiDSample.periodLabel(g)) has only \(count) unit(s); its effects rest on "
            + "very few observations")
      }
    }
    let never = unitsOf[0] ?? 0
    if never > 0, never < required, options.control == .neverTreated {
      throw DiDError.noComparison(
        "only \(never) never-treated unit(s): too few to serve as the comparison group; use "
          + "control: not-yet-treated")
    }
    return warnings
  }
}

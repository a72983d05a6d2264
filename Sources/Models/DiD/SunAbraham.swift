import DataTable
import Inference

/// Sun and Abraham (2021) interaction-weighted event study: the TWFE regression saturated in
/// cohort x event-time cells, aggregated to event time with cohort-share weights, as
/// `fixest::sunab()` and pyfixest's saturated event study.
///
/// Each treated cohort g gets an indicator for every event time l = t - g except the reference
/// (-1); unit and period effects are absorbed. The control group is the never-treated units
/// (first-treated 0, missing, or after the last period), or, when there are none, the
/// last-treated cohort, whose periods from its own start are then dropped. Units treated from the
/// first period on have no pre-period and are left out with a warning. The estimate at event
/// time l is sum_g w_gl delta_gl with w_gl = n_gl / sum_g' n_g'l (observations of cohort g at l);
/// its standard error comes from the cell covariance by the delta method (w' V w). The overall
/// ATT weights the post-treatment cells (l >= 0) by their observation counts.
public enum SunAbraham {
  /// Which units serve as controls.
  public enum Control: String, Sendable, CaseIterable {
    /// Never-treated units if there are any, else the last-treated cohort.
    case automatic = "auto"
    /// Never-treated units only (an error when there are none).
    case neverTreated = "never-treated"
    /// The last-treated cohort (periods from its start dropped), even with never-treated units.
    case lastTreated = "last-treated"
  }

  /// Fits the interaction-weighted event study.
  /// - Parameters:
  ///   - data: the panel.
  ///   - columns: outcome, unit, period and first-treated columns.
  ///   - cluster: the cluster column; `nil` clusters by unit.
  ///   - reference: the omitted event time (default -1).
  ///   - control: the control group.
  ///   - options: fixed-effects options.
  /// - Returns: event-time estimates `event_time[l]` with their covariance, the cohort x period
  ///   cells, and the overall ATT.
  /// - Throws: `StaggeredAdoptionError` when there is no control group or no treated cohort,
  ///   and the errors of `FixedEffects.fit`.
  public static func fit(
    data: DataTable, columns: StaggeredAdoptionColumns, cluster: String? = nil,
    reference: Int = -1, control: Control = .automatic, options: FixedEffectsOptions = .default
  ) throws -> SunAbrahamResult {
    let panel = try StaggeredAdoption(data: data, columns: columns)
    let codes = try PanelIndex(data: data, unit: columns.unit, time: columns.time)
    let first = panel.periods[0]
    let last = panel.periods[panel.periods.count - 1]
    var warnings = panel.timingWarnings(column: columns.firstTreated)
    // Cohort per unit after recoding: nil = never treated; always-treated units are removed.
    let cohort = panel.cohortOfUnit.map { g in g.flatMap { $0 > last ? nil : $0 } }
    let always = Set(cohort.compactMap { $0 }.filter { $0 <= first })
    if !always.isEmpty {
      let count = cohort.filter { $0.map { always.contains($0) } ?? false }.count
      warnings.append(
        "\(count) units treated from the first period on (no pre-treatment period) were left out")
    }
    let treatedCohorts = Array(Set(cohort.compactMap { $0 }).subtracting(always)).sorted()
    let hasNever = cohort.contains { $0 == nil }
    var controlCohort: Int?
    switch control {
    case .neverTreated where !hasNever:
      throw StaggeredAdoptionError.unusable(
        "no unit of '\(columns.firstTreated)' is never treated; use the last-treated cohort as"
          + " control")
    case .lastTreated,
      .automatic where !hasNever:
      guard treatedCohorts.count >= 2 else {
        throw StaggeredAdoptionError.unusable(
          "no control group: no never-treated unit and only one treated cohort in"
            + " '\(columns.firstTreated)'")
      }
      controlCohort = treatedCohorts.last
    default: break
    }
    let cutoff = controlCohort ?? Int.max
    let cohorts = treatedCohorts.filter { $0 != controlCohort }
    guard !cohorts.isEmpty else {
      throw StaggeredAdoptionError.unusable(
        "no cohort of '\(columns.firstTreated)' is treated within the observed periods")
    }
    if let controlCohort {
      warnings.append(
        "cohort \(controlCohort) (last treated) is the control group; periods from \(controlCohort)"
          + " on are left out")
    }
    // Rows kept, and the cell of each (nil: a control row or the reference period).
    var kept: [Int] = []
    var cellOfKept: [SunAbrahamCell?] = []
    for row in 0..<data.rowCount {
      let t = codes.timeOfRow[row]
      let g = cohort[Int(codes.unitOfRow[row])]
      if t >= cutoff { continue }
      if let g, always.contains(g) { continue }
      kept.append(row)
      if let g, g != controlCohort, t - g != reference {
        cellOfKept.append(SunAbrahamCell(cohort: g, eventTime: t - g))
      } else {
        cellOfKept.append(nil)
      }
    }
    let outcomePresent = Set(panel.rows)
    var counts: [SunAbrahamCell: Int] = [:]
    for (k, row) in kept.enumerated() {
      if let cell = cellOfKept[k], outcomePresent.contains(row) { counts[cell, default: 0] += 1 }
    }
    let cells = counts.keys.sorted { ($0.eventTime, $0.cohort) < ($1.eventTime, $1.cohort) }
    var table = data.gathering(rows: kept)
    for cell in cells {
      let name = cell.name
      guard data[name] == nil else {
        throw StaggeredAdoptionError.badOption(
          name: name, message: "the design adds a column '\(name)'; rename the input column")
      }
      table = try table.replacingOrAdding(
        Column.int(name, cellOfKept.map { $0 == cell ? 1 : 0 }))
    }
    let formula =
      "`\(columns.outcome)` ~ " + cells.map { "`\($0.name)`" }.joined(separator: " + ")
      + " | `\(columns.unit)` + `\(columns.time)`"
    let fit = try FixedEffects.fit(
      formula, data: table, vcov: .cluster([cluster ?? columns.unit], .fixest), options: options)
    return SunAbrahamResult(
      cellFit: fit, cells: cells, counts: cells.map { counts[$0] ?? 0 }, reference: reference,
      extraWarnings: warnings)
  }
}

/// One cohort x event-time cell of the saturated regression.
struct SunAbrahamCell: Hashable, Sendable {
  let cohort: Int
  let eventTime: Int
  /// The coefficient name, `event_time[l]:cohort[g]`.
  var name: String { "event_time[\(eventTime)]:cohort[\(cohort)]" }
}

import DataTable
import Formula
import Inference

/// The two-way fixed-effects event study `y ~ i(event_time, ref = -1) | unit + time`, with
/// optional binned endpoints, as `fixest::feols` with `i()`.
///
/// Event time is `time - first_treated` for treated units; never-treated units (first-treated 0
/// or missing) sit in the reference period, so all their indicators are zero (the same design as
/// fixest's `i(rel, treat, ref = -1)` idiom). With `window: -5...5` every event time before -5 is
/// put into -5 and every one after 5 into 5 (endpoint bins), so coefficients are named
/// `event_time[-5]`, ..., `event_time[5]` (the reference omitted). Under staggered adoption with
/// heterogeneous effects these coefficients mix cohorts with weights that can be negative (Sun
/// and Abraham 2021); `SunAbraham` gives the interaction-weighted alternative.
public enum EventStudy {
  /// The name of the event-time column the design adds (and of its coefficients).
  public static let eventTimeName = "event_time"

  /// Fits the TWFE event study.
  /// - Parameters:
  ///   - data: the panel (one row per unit and period).
  ///   - columns: outcome, unit, period and first-treated columns.
  ///   - cluster: the cluster column of the covariance; `nil` clusters by unit (fixest default).
  ///   - reference: the omitted event time (default -1).
  ///   - window: endpoint bins, e.g. `-5...5`; `nil` keeps every event time.
  ///   - options: fixed-effects options (demeaning tolerance, singletons).
  /// - Returns: the fixed-effects result; coefficients `event_time[k]`.
  /// - Throws: `StaggeredAdoptionError` for bad timing or options (a reference outside the window,
  ///   no treated unit), and the errors of `FixedEffects.fit`.
  public static func fit(
    data: DataTable, columns: StaggeredAdoptionColumns, cluster: String? = nil,
    reference: Int = -1, window: ClosedRange<Int>? = nil,
    options: FixedEffectsOptions = .default
  ) throws -> FixedEffectsResult {
    if let window, !window.contains(reference) {
      throw StaggeredAdoptionError.badOption(
        name: "window",
        message: "the reference period \(reference) must lie inside the window \(window)")
    }
    let panel = try StaggeredAdoption(data: data, columns: columns)
    guard panel.hasTreatedUnits else {
      throw StaggeredAdoptionError.unusable(
        "no unit of '\(columns.firstTreated)' is treated within the observed periods")
    }
    var eventTime = [Int?](repeating: nil, count: data.rowCount)
    let codes = try PanelIndex(data: data, unit: columns.unit, time: columns.time)
    for row in 0..<data.rowCount {
      let unit = Int(codes.unitOfRow[row])
      guard let cohort = panel.cohortOfUnit[unit] else {
        eventTime[row] = reference
        continue
      }
      var k = codes.timeOfRow[row] - cohort
      if let window { k = min(max(k, window.lowerBound), window.upperBound) }
      eventTime[row] = k
    }
    let table = try designTable(data, adding: Column.int(eventTimeName, eventTime), columns)
    let formula =
      "`\(columns.outcome)` ~ i(\(eventTimeName), ref = \(reference)) | `\(columns.unit)` + "
      + "`\(columns.time)`"
    return try FixedEffects.fit(
      formula, data: table, vcov: cluster.map { .cluster([$0], .fixest) }, options: options)
  }

  /// `data` with `column` added; refuses to shadow a design column of the same name.
  static func designTable(
    _ data: DataTable, adding column: Column, _ columns: StaggeredAdoptionColumns
  ) throws -> DataTable {
    let roles = [columns.outcome, columns.unit, columns.time, columns.firstTreated]
    if roles.contains(column.name) {
      throw StaggeredAdoptionError.badOption(
        name: column.name,
        message: "the design adds a column '\(column.name)'; rename the input column of that name")
    }
    return try data.replacingOrAdding(column)
  }
}

/// The static two-way fixed-effects difference-in-differences `y ~ treated | unit + time`.
///
/// `treated` is 1 from a unit's first treated period on: the coefficient that the Goodman-Bacon
/// decomposition takes apart. With two groups and two periods it is the classic 2x2 DiD.
public enum TwoWayDiD {
  /// The name of the treatment indicator the design adds (and of its coefficient).
  public static let treatmentName = "treated"

  /// Fits the static TWFE DiD.
  /// - Parameters:
  ///   - data: the panel.
  ///   - columns: outcome, unit, period and first-treated columns.
  ///   - cluster: the cluster column; `nil` clusters by unit (fixest default).
  ///   - options: fixed-effects options.
  /// - Returns: the fixed-effects result with the coefficient `treated`.
  /// - Throws: `StaggeredAdoptionError` for bad timing, and the errors of `FixedEffects.fit`.
  public static func fit(
    data: DataTable, columns: StaggeredAdoptionColumns, cluster: String? = nil,
    options: FixedEffectsOptions = .default
  ) throws -> FixedEffectsResult {
    let panel = try StaggeredAdoption(data: data, columns: columns)
    guard panel.hasTreatedUnits else {
      throw StaggeredAdoptionError.unusable(
        "no unit of '\(columns.firstTreated)' is treated within the observed periods")
    }
    let codes = try PanelIndex(data: data, unit: columns.unit, time: columns.time)
    let treated = (0..<data.rowCount).map { row -> Int? in
      guard let cohort = panel.cohortOfUnit[Int(codes.unitOfRow[row])] else { return 0 }
      return codes.timeOfRow[row] >= cohort ? 1 : 0
    }
    let table = try EventStudy.designTable(
      data, adding: Column.int(treatmentName, treated), columns)
    let formula =
      "`\(columns.outcome)` ~ \(treatmentName) | `\(columns.unit)` + `\(columns.time)`"
    return try FixedEffects.fit(
      formula, data: table, vcov: cluster.map { .cluster([$0], .fixest) }, options: options)
  }
}

import DataTable

/// The columns of a staggered-adoption design: outcome, unit, period, and each unit's first
/// treated period (0 or missing for never treated, as R `did`'s `first.treat`).
public struct StaggeredAdoptionColumns: Sendable, Equatable {
  /// The outcome column.
  public var outcome: String
  /// The unit column (learner, school, county).
  public var unit: String
  /// The period column (whole numbers).
  public var time: String
  /// The first-treated period column; 0 or missing marks a never-treated unit.
  public var firstTreated: String

  /// Names the columns of a design.
  /// - Parameters:
  ///   - outcome: the outcome column.
  ///   - unit: the unit column.
  ///   - time: the period column.
  ///   - firstTreated: the first-treated period column.
  public init(outcome: String, unit: String, time: String, firstTreated: String) {
    self.outcome = outcome
    self.unit = unit
    self.time = time
    self.firstTreated = firstTreated
  }
}

/// A staggered-adoption panel read and checked once: per used row its unit, period and outcome;
/// per unit its cohort (first treated period, `nil` for never treated).
struct StaggeredAdoption {
  /// Table rows used (outcome present), ascending.
  let rows: [Int]
  /// Dense unit code per used row.
  let unitOfRow: [Int]
  /// Period per used row.
  let timeOfRow: [Int]
  /// Outcome per used row.
  let outcome: [Double]
  /// Cohort per unit code; `nil` for never treated.
  let cohortOfUnit: [Int?]
  /// Unit labels per code.
  let unitLabels: [String]
  /// Sorted distinct periods of the used rows.
  let periods: [Int]

  /// Reads and checks the columns.
  /// - Throws: `DataError`/`PanelError` for unknown columns, missing keys and duplicate
  ///   unit-periods; `StaggeredAdoptionError` for first-treated values that are not periods or
  ///   vary within a unit, or when no row has an outcome.
  init(data: DataTable, columns: StaggeredAdoptionColumns) throws {
    let panel = try PanelIndex(data: data, unit: columns.unit, time: columns.time)
    let outcomeColumn = try data.column(named: columns.outcome)
    guard outcomeColumn.isNumeric, let y = outcomeColumn.doubles() else {
      throw PanelError.notNumeric(column: columns.outcome, operation: "difference-in-differences")
    }
    let cohortColumn = try data.column(named: columns.firstTreated)
    guard cohortColumn.isNumeric, let g = cohortColumn.doubles() else {
      throw PanelError.notNumeric(
        column: columns.firstTreated, operation: "difference-in-differences")
    }
    var cohort = [Int?](repeating: nil, count: panel.unitCount)
    var seen = [Bool](repeating: false, count: panel.unitCount)
    for row in 0..<data.rowCount {
      var value: Int?
      if !cohortColumn.isMissing(row) {
        let v = g[row]
        guard v.isFinite, v == v.rounded(), abs(v) < 1e9 else {
          throw StaggeredAdoptionError.notAPeriod(
            column: columns.firstTreated, row: row + 1,
            value: cohortColumn.stringValue(row) ?? "\(v)")
        }
        value = v == 0 ? nil : Int(v)
      }
      let u = Int(panel.unitOfRow[row])
      if seen[u], cohort[u] != value {
        throw StaggeredAdoptionError.timingVaries(
          column: columns.firstTreated, unit: panel.unitLabels[u], first: cohort[u] ?? 0,
          other: value ?? 0)
      }
      seen[u] = true
      cohort[u] = value
    }
    let used = (0..<data.rowCount).filter { !outcomeColumn.isMissing($0) && y[$0].isFinite }
    guard !used.isEmpty else {
      throw StaggeredAdoptionError.unusable("outcome '\(columns.outcome)' has no usable value")
    }
    rows = used
    unitOfRow = used.map { Int(panel.unitOfRow[$0]) }
    timeOfRow = used.map { panel.timeOfRow[$0] }
    outcome = used.map { y[$0] }
    cohortOfUnit = cohort
    unitLabels = panel.unitLabels
    periods = Array(Set(timeOfRow)).sorted()
  }

  /// Notes on the timing: cohorts first treated after the last period (they count as never
  /// treated), at or before the first (always treated: no pre-period), and cohorts of one unit.
  /// - Parameter column: the first-treated column's name, for the messages.
  /// - Returns: one message per kind of problem found, empty when none.
  func timingWarnings(column: String) -> [String] {
    guard let first = periods.first, let last = periods.last else { return [] }
    var units: [Int: Int] = [:]
    for cohort in cohortOfUnit { if let cohort { units[cohort, default: 0] += 1 } }
    var out: [String] = []
    let late = units.keys.filter { $0 > last }.sorted()
    if !late.isEmpty {
      out.append(
        "'\(column)' values after the last period (\(late.map(String.init).joined(separator: ", ")))"
          + " are treated as never treated")
    }
    let early = units.keys.filter { $0 <= first }.sorted()
    if !early.isEmpty {
      out.append(
        "'\(column)' values at or before the first period "
          + "(\(early.map(String.init).joined(separator: ", "))) have no pre-treatment period")
    }
    let single = units.filter { $0.value == 1 && $0.key > first && $0.key <= last }.keys.sorted()
    if !single.isEmpty {
      out.append(
        "cohorts of a single unit in '\(column)': "
          + single.map(String.init).joined(separator: ", "))
    }
    return out
  }

  /// True when some unit is treated within the observed periods.
  var hasTreatedUnits: Bool {
    guard let last = periods.last else { return false }
    return cohortOfUnit.contains { $0.map { $0 <= last } ?? false }
  }
}

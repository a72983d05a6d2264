import DataTable

/// Person-period expansion of spell data for discrete-time hazard models: a spell covering
/// whole periods `entry + 1 ... time` becomes one row per period, with the period number and an
/// event indicator that is 1 only in the spell's last period when the spell ends in the event.
public enum PersonPeriod {
  /// Expands the spells of `data`.
  /// - Parameters:
  ///   - data: one row per spell.
  ///   - time: the last period of each spell (a whole number >= 1).
  ///   - event: 1 (or true) when the spell ends in the event, 0 when censored.
  ///   - entry: the period before the first one observed (delayed entry), or `nil` for 0.
  ///   - period: the name of the period column added.
  /// - Returns: the expanded table (every column repeated, `event` replaced by the per-period
  ///   indicator, `period` added) and the spell row behind each expanded row. Spells with a
  ///   missing time, event or entry are left out.
  /// - Throws: `SurvivalError` for times that are not whole periods, spells ending at or before
  ///   their entry and event values other than 0/1; `DataError` for unknown columns or a period
  ///   column name already taken.
  public static func expand(
    _ data: DataTable, time: String, event: String, entry: String? = nil,
    period: String = "period"
  ) throws -> (table: DataTable, spellRows: [Int]) {
    guard data[period] == nil else {
      throw SurvivalError.badInput(
        "the data already has a column '\(period)'; choose another name for the period column")
    }
    let times = try numbers(data, time)
    let events = try numbers(data, event)
    let entries = try entry.map { try numbers(data, $0) }
    var spellRows: [Int] = []
    var periods: [Int?] = []
    var indicators: [Int?] = []
    for row in 0..<data.rowCount {
      let stop = times[row]
      let start = entries?[row] ?? 0
      guard !stop.isNaN, !events[row].isNaN, !start.isNaN else { continue }
      guard stop == stop.rounded(), start == start.rounded(), stop >= 1, abs(stop) < 1e9 else {
        throw SurvivalError.badInput(
          "'\(time)' and '\(entry ?? "entry")' must be whole numbers of periods (time >= 1) for a "
            + "person-period expansion; row \(row + 1) has \(stop)")
      }
      guard stop > start else {
        throw SurvivalError.exitNotAfterEntry(row: row + 1, entry: start, exit: stop)
      }
      guard events[row] == 0 || events[row] == 1 else {
        throw SurvivalError.badInput("'\(event)' must be 0/1; row \(row + 1) has \(events[row])")
      }
      for k in (Int(start) + 1)...Int(stop) {
        spellRows.append(row)
        periods.append(k)
        indicators.append(k == Int(stop) && events[row] == 1 ? 1 : 0)
      }
    }
    guard !spellRows.isEmpty else { throw SurvivalError.noEvents("no complete spell to expand") }
    var table = data.gathering(rows: spellRows)
    table = try table.replacingOrAdding(.int(event, indicators))
    table = try table.adding(.int(period, periods))
    return (table, spellRows)
  }

  static func numbers(_ data: DataTable, _ name: String) throws -> [Double] {
    guard let values = try data.column(named: name).doubles() else {
      throw SurvivalError.badInput("column '\(name)' must hold numbers")
    }
    return values
  }
}

/// Right-censored or counting-process survival data: one spell `(entry, exit]` per row with an
/// event indicator at `exit`, as R's `Surv(time, event)` or `Surv(start, stop, event)`.
///
/// A row is at risk at time `t` when `entry < t <= exit`; without entry times every row enters
/// at minus infinity (R's right-censored data), so delayed entry and time-varying covariates
/// (several spells of one learner) are both spells with entry times.
public struct SurvivalSpells: Sendable, Equatable {
  /// Entry times (exclusive), or `nil` when every row is at risk from the start.
  public let entry: [Double]?
  /// Exit times: the event or censoring time.
  public let exit: [Double]
  /// True where the spell ends in the event.
  public let event: [Bool]

  /// Number of spells.
  public var count: Int { exit.count }

  /// Checks and stores the spells.
  /// - Parameters:
  ///   - exit: event or censoring times.
  ///   - event: event indicators at `exit`.
  ///   - entry: entry times, or `nil` for right-censored data.
  ///   - names: column names used in error messages (`time`, `event`, `entry`).
  /// - Throws: `SurvivalError` for columns of unequal length, non-finite times and spells that
  ///   end at or before they start.
  public init(
    exit: [Double], event: [Bool], entry: [Double]? = nil,
    names: (time: String, event: String, entry: String) = ("time", "event", "entry")
  ) throws {
    guard event.count == exit.count else {
      throw SurvivalError.lengthMismatch(
        column: names.event, expected: exit.count, found: event.count)
    }
    for (row, value) in exit.enumerated() where !value.isFinite {
      throw SurvivalError.badTime(column: names.time, row: row + 1)
    }
    if let entry {
      guard entry.count == exit.count else {
        throw SurvivalError.lengthMismatch(
          column: names.entry, expected: exit.count, found: entry.count)
      }
      for row in entry.indices {
        guard entry[row].isFinite else {
          throw SurvivalError.badTime(column: names.entry, row: row + 1)
        }
        guard exit[row] > entry[row] else {
          throw SurvivalError.exitNotAfterEntry(row: row + 1, entry: entry[row], exit: exit[row])
        }
      }
    }
    self.exit = exit
    self.event = event
    self.entry = entry
  }

  /// The entry time of `row` (minus infinity without entry times).
  @inlinable public func entryTime(_ row: Int) -> Double { entry?[row] ?? -.infinity }

  /// The spells of the given rows, in that order.
  /// - Parameter rows: row indices.
  /// - Returns: the subset.
  public func subset(_ rows: [Int]) -> SurvivalSpells {
    SurvivalSpells(
      unchecked: rows.map { exit[$0] }, event: rows.map { event[$0] },
      entry: entry.map { values in rows.map { values[$0] } })
  }

  /// Spells already checked.
  init(unchecked exit: [Double], event: [Bool], entry: [Double]?) {
    self.exit = exit
    self.event = event
    self.entry = entry
  }
}

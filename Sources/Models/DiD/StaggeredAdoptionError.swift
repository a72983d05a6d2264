/// Bad input to the staggered-adoption designs (TWFE event study, Goodman-Bacon, Sun-Abraham),
/// each naming the column or option to fix.
public enum StaggeredAdoptionError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The first-treated column holds a value that is not a whole-number period.
  case notAPeriod(column: String, row: Int, value: String)
  /// A unit's first-treated period differs between its rows.
  case timingVaries(column: String, unit: String, first: Int, other: Int)
  /// The design needs something the data does not have (no treated unit, unbalanced panel...).
  case unusable(String)
  /// An option is out of range.
  case badOption(name: String, message: String)

  /// A one-line message naming the column or option.
  public var description: String {
    switch self {
    case .notAPeriod(let column, let row, let value):
      return "first-treated column '\(column)' must hold whole-number periods (0 or missing for"
        + " never treated); data row \(row) has \(value)"
    case .timingVaries(let column, let unit, let first, let other):
      return "first-treated column '\(column)' must be constant within a unit; unit \(unit) has"
        + " both \(first) and \(other)"
    case .unusable(let message): return message
    case .badOption(let name, let message): return "option '\(name)': \(message)"
    }
  }
}

import Foundation

/// Survival data or options the estimators cannot use: each case names the column or option at
/// fault and, for a bad row, its 1-based position among the rows passed in.
public enum SurvivalError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The columns passed in differ in length.
  case lengthMismatch(column: String, expected: Int, found: Int)
  /// A time that is missing or not finite.
  case badTime(column: String, row: Int)
  /// A spell that ends at or before it starts.
  case exitNotAfterEntry(row: Int, entry: Double, exit: Double)
  /// No row is left, or no event occurred where the estimator needs one.
  case noEvents(String)
  /// An option or column the estimator cannot use.
  case badInput(String)

  /// A one-line message naming the column or option concerned.
  public var description: String {
    switch self {
    case .lengthMismatch(let column, let expected, let found):
      return "column '\(column)' has \(found) values where \(expected) were expected"
    case .badTime(let column, let row):
      return "column '\(column)' has a missing or non-finite time on row \(row)"
    case .exitNotAfterEntry(let row, let entry, let exit):
      return "row \(row): the spell ends (time \(exit)) at or before it starts (entry \(entry)); "
        + "exit times must be later than entry times"
    case .noEvents(let message): return message
    case .badInput(let message): return message
    }
  }
}

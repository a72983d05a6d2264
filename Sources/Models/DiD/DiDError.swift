/// A difference-in-differences specification the data cannot support (exit 2): it names the
/// column or option at fault.
public enum DiDError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A column is absent, or not numeric where a number is needed.
  case badColumn(column: String, message: String)
  /// Treatment timing that is not a staggered adoption design (varies within a unit, negative).
  case badTiming(column: String, message: String)
  /// The panel structure is broken (a unit observed twice in a period, no rows left).
  case badPanel(String)
  /// No cohort has a valid comparison group, or no cohort is left to estimate.
  case noComparison(String)
  /// An option is out of range.
  case badOption(option: String, message: String)

  /// A one-line message naming the column or option concerned.
  public var description: String {
    switch self {
    case .badColumn(let column, let message): return "column '\(column)': \(message)"
    case .badTiming(let column, let message): return "first-treated column '\(column)': \(message)"
    case .badPanel(let message): return message
    case .noComparison(let message): return message
    case .badOption(let option, let message): return "\(option): \(message)"
    }
  }
}

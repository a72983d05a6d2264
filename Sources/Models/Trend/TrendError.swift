import Foundation

/// Errors of the trend models that are the user's to fix.
public enum TrendError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The series is malformed (lengths, missing values, repeated times, weights).
  case badSeries(String)
  /// Too few points for the requested model.
  case tooFewPoints(needed: Int, have: Int, model: String)
  /// A breakpoint outside the series or leaving a segment without points.
  case badBreak(Double, String)
  /// An option the chosen model does not offer.
  case unsupported(String)

  /// A one-line message.
  public var description: String {
    switch self {
    case .badSeries(let message): return "trend series: \(message)"
    case .tooFewPoints(let needed, let have, let model):
      return "the \(model) trend needs at least \(needed) time points, the series has \(have)"
    case .badBreak(let year, let message):
      return "break \(TrendFormat.time(year)): \(message)"
    case .unsupported(let message): return message
    }
  }
}

/// How times appear in term names and messages (whole years without decimals).
enum TrendFormat {
  /// `2021` for 2021.0, `2021.5` otherwise.
  static func time(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }
}

import Foundation
import Models

/// The survival fixtures (Tests/Fixtures/survival, generate.R with R survival 3.5.3): the
/// datasets lung, veteran and heart, and R's reference tables.
enum SurvivalReference {
  /// Rows of a fixture CSV as dictionaries of text by header (quotes removed).
  static func rows(_ file: String) throws -> [[String: String]] {
    try DiDReference.csv("survival/\(file)")
  }

  /// A numeric column of a fixture (`NA` and `Inf` read as NaN and infinity).
  static func numbers(_ rows: [[String: String]], _ key: String) -> [Double] {
    rows.map { number($0[key]) }
  }

  /// A cell as a number (`NA` is NaN).
  static func number(_ text: String?) -> Double {
    switch text {
    case "Inf": return .infinity
    case "-Inf": return -.infinity
    default: return Double(text ?? "") ?? .nan
    }
  }

  /// The spells of a dataset: `time`/`event`, or `start`/`stop`/`event` for heart.
  static func spells(_ rows: [[String: String]], event: String = "event") throws
    -> SurvivalSpells
  {
    let hasEntry = rows.first?["start"] != nil
    return try SurvivalSpells(
      exit: numbers(rows, hasEntry ? "stop" : "time"),
      event: numbers(rows, event).map { $0 == 1 },
      entry: hasEntry ? numbers(rows, "start") : nil)
  }

  /// |a - b| scaled by max(1, |b|): relative for large values, absolute near zero.
  static func difference(_ a: Double, _ b: Double) -> Double {
    if a.isNaN && b.isNaN { return 0 }
    if a.isInfinite && b.isInfinite && a.sign == b.sign { return 0 }
    return abs(a - b) / max(1, abs(b))
  }
}

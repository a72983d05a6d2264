import Foundation

/// Checks a GLM response against its family before iterating (R's `family$initialize` checks,
/// plus a constant binary or count outcome, which has no finite MLE).
enum ResponseCheck {
  /// Throws when the response is outside the family's range or cannot vary.
  /// - Throws: `ModelError.badResponse` naming the response and the first offending row.
  static func validate(_ y: [Double], weights: [Double]?, family: GLMFamily, name: String) throws {
    switch family {
    case .binomial:
      if let bad = y.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
        throw ModelError.badResponse(
          column: name,
          message: "the binomial family needs 0 <= y <= 1 (0/1 outcomes or proportions); "
            + "observation \(bad + 1) has \(y[bad])")
      }
      if y.allSatisfy({ $0 == 0 }) || y.allSatisfy({ $0 == 1 }) {
        let value = y.first.map { $0 == 0 ? "0" : "1" } ?? "?"
        throw ModelError.badResponse(
          column: name,
          message: "every used observation has outcome \(value); a binary model needs both "
            + "outcomes (check the filter and the coding)")
      }
    case .poisson:
      if let bad = y.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) {
        throw ModelError.badResponse(
          column: name,
          message: "the Poisson family needs counts >= 0; observation \(bad + 1) has \(y[bad])")
      }
      if y.allSatisfy({ $0 == 0 }) {
        throw ModelError.badResponse(
          column: name,
          message: "every used observation is 0; a count model needs some positive counts")
      }
    case .gaussian:
      if let bad = y.firstIndex(where: { !$0.isFinite }) {
        throw ModelError.badResponse(column: name, message: "observation \(bad + 1) is not finite")
      }
    }
  }

  /// Notes worth showing that do not prevent the fit.
  static func notes(_ y: [Double], family: GLMFamily, name: String) -> [String] {
    if case .poisson = family, y.contains(where: { $0 != $0.rounded() }) {
      return [
        "'\(name)' has non-integer values; the Poisson log-likelihood uses lgamma(y + 1) "
          + "(R's dpois would give -Inf)"
      ]
    }
    return []
  }
}

import Foundation

/// One row of `Tests/Fixtures/distributions/reference.csv`.
struct ReferenceCase: Sendable {
  let function: String
  let parameter1: Double
  let parameter2: Double
  let argument: Double
  let lowerTail: Bool
  /// R's value.
  let value: Double
  /// "R", or how a quantile R gets wrong was replaced (see generate.R).
  let source: String
  /// The 40-digit mpmath value from `highprecision.csv`, when mpmath could compute it.
  var highPrecision: Double?

  /// The first five CSV fields as written, identifying the row across both files.
  let key: String

  var label: String {
    "\(function)(\(argument), \(parameter1), \(parameter2), lower=\(lowerTail))"
  }
}

enum ReferenceTable {
  /// Parses R's `%.17g` output, including `Inf`, `-Inf` and `NaN`.
  static func number(_ text: Substring) -> Double? {
    switch text {
    case "Inf", "inf": return .infinity
    case "-Inf", "-inf": return -.infinity
    case "NaN", "NA", "nan": return .nan
    default: return Double(text)
    }
  }

  /// Data lines of a fixture CSV (comments and header dropped), split into fields.
  static func rows(_ url: URL) throws -> [[Substring]] {
    let text = try String(contentsOf: url, encoding: .utf8)
    return text.split(separator: "\n")
      .filter { !$0.hasPrefix("#") && !$0.hasPrefix("function,") }
      .map { $0.split(separator: ",", omittingEmptySubsequences: false) }
  }

  /// All reference rows, each with its mpmath value attached when there is one.
  static func load() throws -> [ReferenceCase] {
    var highPrecision: [String: Double] = [:]
    for fields in try rows(FixturePaths.distributionsHighPrecision) where fields.count == 6 {
      if let value = number(fields[5]) {
        highPrecision[fields[0..<5].joined(separator: ",")] = value
      }
    }
    var cases: [ReferenceCase] = []
    for fields in try rows(FixturePaths.distributionsReference) {
      guard fields.count == 7, let p1 = number(fields[1]), let p2 = number(fields[2]),
        let arg = number(fields[3]), let value = number(fields[5])
      else { continue }
      let key = fields[0..<5].joined(separator: ",")
      cases.append(
        ReferenceCase(
          function: String(fields[0]), parameter1: p1, parameter2: p2, argument: arg,
          lowerTail: fields[4] == "1", value: value, source: String(fields[6]),
          highPrecision: highPrecision[key], key: key))
    }
    return cases
  }
}

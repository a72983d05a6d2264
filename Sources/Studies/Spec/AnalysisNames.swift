/// The rules that make every report file name unique by construction.
///
/// An analysis's tables and figures are named `<name>` or `<name><suffix>` for a suffix in
/// `derivedSuffixes`; the report's own tables and figures use `reservedStems`. Names are checked at
/// `validate`, so `run` never meets a name it cannot write:
/// - at most `maximumLength` characters, ASCII letters, digits, `_` and `-`, starting with a
///   letter or digit;
/// - no name, nor any name with a derived suffix, equals a reserved stem;
/// - no two analyses share a name or a derived name, ignoring letter case (case-insensitive
///   file systems would make them one file).
///
/// A kind that writes a table or figure under a new suffix adds the suffix here (a test checks
/// that every kind's outputs follow these rules).
public enum AnalysisNames {
  /// Longest analysis name (characters).
  public static let maximumLength = 64
  /// File stems of the report's own tables and figures (`tables/regressions.csv`,
  /// `figures/coefficients.svg`).
  public static let reservedStems = ["regressions", "coefficients"]
  /// Suffixes analysis kinds append to the analysis name for further tables or figures
  /// (`describe`: `_numeric`, `_levels`; GLM marginal effects: `_marginal_effects`; `did`:
  /// `_att_gt`; `trend`: `_trend`).
  public static let derivedSuffixes = [
    "_numeric", "_levels", "_marginal_effects", "_att_gt", "_trend",
  ]

  /// Why `name` cannot name an analysis (length or characters), or `nil`.
  public static func problem(_ name: String) -> String? {
    let rule =
      "analysis names are file names: 1 to \(maximumLength) characters, ASCII letters, digits, "
      + "'_' and '-', starting with a letter or digit"
    if name.isEmpty { return "the analysis name is empty; \(rule)" }
    if name.count > maximumLength {
      return "the analysis name has \(name.count) characters; \(rule)"
    }
    if let bad = name.unicodeScalars.first(where: { !isAllowed($0) }) {
      return "'\(name)' contains \(describe(bad)); \(rule)"
    }
    if let first = name.unicodeScalars.first, first == "_" || first == "-" {
      return "'\(name)' starts with '\(first)'; \(rule)"
    }
    return nil
  }

  /// Every file stem an analysis named `name` may write, lower-cased.
  public static func stems(of name: String) -> [String] {
    let lower = name.lowercased()
    return [lower] + derivedSuffixes.map { lower + $0 }
  }

  /// Reports names that collide with the report's own files or with each other.
  /// - Parameters:
  ///   - analyses: the analyses with valid names, in spec order.
  ///   - diagnostics: problems go to `analyses[i].name` with its line.
  public static func checkCollisions(_ analyses: [AnalysisSpec], diagnostics: SpecDiagnostics) {
    var owners: [String: AnalysisSpec] = [:]
    for analysis in analyses {
      let keyPath = "\(analysis.keyPath).name"
      let line = AnalysisRegistry.entryLine(analysis, "name")
      let stems = stems(of: analysis.name)
      if let reserved = stems.first(where: { reservedStems.contains($0) }) {
        diagnostics.report(
          keyPath, line: line,
          "the analysis name '\(analysis.name)' would write \(files(reserved)), which the report "
            + "itself writes (reserved: \(reservedStems.joined(separator: ", ")), also with the "
            + "suffixes \(derivedSuffixes.joined(separator: ", "))); choose another name")
        continue
      }
      if let stem = stems.first(where: { owners[$0] != nil }), let other = owners[stem] {
        let otherLine = AnalysisRegistry.entryLine(other, "name")
        diagnostics.report(
          keyPath, line: line,
          "the analysis names '\(analysis.name)' and '\(other.name)' (line \(otherLine)) could "
            + "both write \(files(stem)) (tables and figures are named after the analysis, "
            + "plus \(derivedSuffixes.joined(separator: ", ")); letter case does not count); "
            + "choose another name")
        continue
      }
      for stem in stems { owners[stem] = analysis }
    }
  }

  static func files(_ stem: String) -> String { "tables/\(stem).csv or figures/\(stem).svg" }

  static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "a"..."z", "A"..."Z", "0"..."9", "_", "-": return true
    default: return false
    }
  }

  static func describe(_ scalar: Unicode.Scalar) -> String {
    if scalar.value < 0x20 || scalar.value == 0x7F || scalar == " " {
      return "the character U+\(String(scalar.value, radix: 16, uppercase: true))"
    }
    return "'\(scalar)'"
  }
}

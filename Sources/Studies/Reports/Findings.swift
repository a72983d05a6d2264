/// Plain-language sentences for the report's opening summary.
public enum Findings {
  /// The main finding of a regression: the focus term (or the first non-intercept term) with its
  /// interval and p-value, worded as an association.
  /// - Parameters:
  ///   - column: the model's column.
  ///   - focus: the term to report (`focus:` in the spec), else the first non-intercept term.
  ///   - nobs: observations used.
  ///   - binaryTerms: terms that are 0/1 variables, worded as a comparison of the two groups.
  /// - Returns: one sentence.
  public static func regression(
    _ column: RegressionColumn, focus: String?, nobs: Int, binaryTerms: Set<String> = []
  ) -> [String] {
    let candidates = column.rows.filter { $0.term != "(Intercept)" && $0.estimate != nil }
    guard let row = (focus.flatMap { f in candidates.first { $0.term == f } }) ?? candidates.first,
      let estimate = row.estimate, let low = row.low, let high = row.high
    else { return ["\(column.label): no coefficient could be estimated."] }
    let direction = estimate >= 0 ? "higher" : "lower"
    let percent = Int((column.level * 100).rounded())
    var sentence =
      "\(column.label) (\(column.model) of \(column.response), "
      + "\(RegressionTableBuilder.thousands(nobs)) observations): "
      + "\(column.response) is \(NumberText.fixed(abs(estimate), digits: 3)) \(direction) "
      + (binaryTerms.contains(row.term)
        ? "where \(row.term) = 1 than where \(row.term) = 0" : "per unit of \(row.term)")
      + ", holding the other terms fixed "
      + "(\(percent)% CI \(NumberText.fixed(low, digits: 3)) to \(NumberText.fixed(high, digits: 3)), "
      + "\(NumberText.pValue(row.pValue ?? .nan)); standard errors: \(column.standardErrors.lowercased()))."
    if (low < 0 && high > 0) { sentence += " The interval includes zero." }
    let partners = interactionPartners(of: row.term, among: column.rows.map(\.term))
    if !partners.isEmpty {
      sentence +=
        " \(row.term) interacts with \(partners.joined(separator: ", ")) in this model: the "
        + "number above is its effect where \(partners.count == 1 ? "that term is" : "those terms are") "
        + "0 (or at the reference level), not an average effect; see the regression table."
    }
    return [sentence]
  }

  /// The caveat of a two-way fixed-effects coefficient of a 0/1 treatment (units and time
  /// absorbed): under staggered adoption with effects that vary between cohorts or over time it
  /// is a weighted average of comparisons, some with negative weights (Goodman-Bacon 2021).
  /// - Parameters:
  ///   - label: the analysis name.
  ///   - term: the treatment term.
  /// - Returns: one sentence.
  public static func twoWayFixedEffectsCaveat(label: String, term: String) -> String {
    "\(label): caution: with units and periods absorbed, the coefficient of \(term) is a "
      + "two-way fixed-effects estimate; when units adopt at different times and the effect "
      + "differs between cohorts or over time it can be biased, even in sign (Goodman-Bacon "
      + "2021). Use kind: did (Callaway-Sant'Anna, Sun-Abraham, Bacon decomposition) to check."
  }

  /// The other components of every interaction term (`a:b`) that contains `term`.
  static func interactionPartners(of term: String, among terms: [String]) -> [String] {
    var partners: [String] = []
    for candidate in terms where candidate.contains(":") {
      let parts = candidate.split(separator: ":").map(String.init)
      guard parts.contains(term) else { continue }
      for part in parts where part != term && !partners.contains(part) { partners.append(part) }
    }
    return partners
  }
}

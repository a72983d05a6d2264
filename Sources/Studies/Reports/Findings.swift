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
    return [sentence]
  }
}

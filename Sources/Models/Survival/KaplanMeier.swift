/// The Kaplan-Meier estimator by group, as R's `survfit(Surv(...) ~ group)`, with the log-rank
/// test between the groups (stratified when strata are given), as `survdiff`.
public enum KaplanMeier {
  /// Fits one curve per group.
  /// - Parameters:
  ///   - spells: the survival data.
  ///   - groups: a group label per row, or `nil` for one curve labelled `all`.
  ///   - strata: a stratum label per row for the log-rank test, or `nil`.
  ///   - confidenceType: the interval scale (R's default `log`).
  ///   - level: the interval coverage.
  ///   - formula: a description of the fit for the result document.
  /// - Returns: the curves and, with two or more groups, the log-rank test.
  /// - Throws: `SurvivalError` for labels of the wrong length, a level outside (0, 1) or no rows.
  public static func fit(
    _ spells: SurvivalSpells, groups: [String]? = nil, strata: [String]? = nil,
    confidenceType: SurvivalConfidenceType = .log, level: Double = 0.95,
    formula: String = "Surv(time, event) ~ 1"
  ) throws -> KaplanMeierResult {
    guard level > 0 && level < 1 else {
      throw SurvivalError.badInput("level must lie strictly between 0 and 1 (got \(level))")
    }
    guard spells.count > 0 else { throw SurvivalError.noEvents("there are no rows to analyse") }
    let labels = groups ?? Array(repeating: "all", count: spells.count)
    guard labels.count == spells.count else {
      throw SurvivalError.lengthMismatch(
        column: "group", expected: spells.count, found: labels.count)
    }
    let curves = SurvivalGroups.split(labels).map { group in
      let table = RiskTable(spells, rows: group.rows)
      return KaplanMeierCurve(
        group: group.label, time: table.time, nRisk: table.nRisk, nEvent: table.nEvent,
        nCensor: table.nCensor, count: group.rows.count, confidenceType: confidenceType,
        level: level)
    }
    var warnings: [String] = []
    if !spells.event.contains(true) {
      warnings.append("no events: every spell is censored, so every curve stays at 1")
    }
    let test = curves.count > 1 ? try LogRankTest(spells, groups: labels, strata: strata) : nil
    return KaplanMeierResult(
      formula: formula, nobs: spells.count, curves: curves, logRank: test, warnings: warnings)
  }
}

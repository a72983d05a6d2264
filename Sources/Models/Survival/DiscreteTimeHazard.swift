import DataTable
import Inference

/// Discrete-time hazard models on person-period data: a binomial GLM of the per-period event
/// indicator on flexible time dummies (`C(period)`) and covariates, with the logit link
/// (proportional odds of the hazard) or the complementary log-log link (the grouped-time
/// proportional-hazards model).
public enum DiscreteTimeHazard {
  /// Expands the spells and fits the model.
  /// - Parameters:
  ///   - covariates: the right-hand side, e.g. `"female + ses"` (empty for time dummies only).
  ///   - data: one row per spell.
  ///   - time: the last period of each spell.
  ///   - event: 1 when the spell ends in the event.
  ///   - entry: the period before the first one observed, or `nil`.
  ///   - link: `.logit` or `.cloglog`.
  ///   - vcov: the covariance (`.cluster("learner_id")` for learners with several spells).
  ///   - control: IRLS settings.
  /// - Returns: the GLM of the expanded data (its terms `C(period)[k]` are the baseline hazard).
  /// - Throws: `SurvivalError` from the expansion, `ModelError` for another link, and the
  ///   errors of `GLM.fit`.
  public static func fit(
    _ covariates: String, data: DataTable, time: String, event: String, entry: String? = nil,
    link: LinkFunction = .logit, vcov: CovarianceType = .iid, control: GLMControl = .default
  ) throws -> GLMResult {
    guard link == .logit || link == .cloglog else {
      throw ModelError.unsupported("a discrete-time hazard model takes the logit or cloglog link")
    }
    let expanded = try PersonPeriod.expand(data, time: time, event: event, entry: entry)
    let rhs = covariates.trimmingCharacters(in: .whitespaces)
    let formula = "`\(event)` ~ C(period)" + (rhs.isEmpty ? "" : " + \(rhs)")
    return try GLM.fit(
      formula, data: expanded.table, family: .binomial(link), vcov: vcov, control: control)
  }
}

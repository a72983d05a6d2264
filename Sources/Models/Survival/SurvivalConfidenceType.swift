import Foundation

/// The scale on which a survival curve's pointwise confidence interval is symmetric, as R's
/// `survfit(conf.type =)`: `plain` (S itself), `log` (R's default) and `log-log`.
public enum SurvivalConfidenceType: String, Sendable, CaseIterable {
  /// S +/- z se(S), clipped to [0, 1].
  case plain
  /// exp(log S +/- z se(log S)), the upper bound clipped to 1.
  case log
  /// exp(-exp(log(-log S) -/+ z se(log S) / log S)); undefined where S is 0 or 1.
  case logLog = "log-log"

  /// The interval at survival `s` whose log has standard error `se` (Greenwood), R's
  /// `survfit_confint`; `nil` bounds where R reports `NA`.
  /// - Parameters:
  ///   - s: the survival estimate.
  ///   - se: standard error of log S.
  ///   - z: the normal critical value.
  /// - Returns: the lower and upper bounds.
  public func interval(survival s: Double, logStandardError se: Double, z: Double)
    -> (low: Double?, high: Double?)
  {
    switch self {
    case .plain:
      guard s > 0, se.isFinite else { return (nil, nil) }
      let half = se * s * z
      return (Swift.max(s - half, 0), Swift.min(s + half, 1))
    case .log:
      guard s > 0, se.isFinite else { return (nil, nil) }
      return (
        Foundation.exp(Foundation.log(s) - z * se),
        Swift.min(Foundation.exp(Foundation.log(s) + z * se), 1)
      )
    case .logLog:
      guard s > 0, s < 1, se.isFinite else { return (nil, nil) }
      let shift = z * se / Foundation.log(s)
      let center = Foundation.log(-Foundation.log(s))
      return (
        Foundation.exp(-Foundation.exp(center - shift)),
        Foundation.exp(-Foundation.exp(center + shift))
      )
    }
  }
}

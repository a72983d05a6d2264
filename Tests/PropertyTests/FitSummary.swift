import DataTable
import Inference
import Models
import Testing

/// What a property compares between two fits: estimates and standard errors by term name, and
/// which terms were aliased.
struct FitSummary {
  let estimates: [String: Double]
  let errors: [String: Double]
  let aliased: Set<String>

  init(_ fit: some RegressionFit, aliased: [String]) {
    var estimates: [String: Double] = [:]
    var errors: [String: Double] = [:]
    for (i, name) in fit.coefficients.names.enumerated() {
      estimates[name] = fit.coefficients.values[i]
      errors[name] = fit.standardErrors[i]
    }
    self.estimates = estimates
    self.errors = errors
    self.aliased = Set(aliased)
  }
}

/// The model families every property runs under.
enum PropertyModel: String, CaseIterable, Sendable {
  case ols, logit, fixedEffects

  /// Fits `right` (the right-hand side) on `table` and summarises the fit.
  func fit(_ right: String, on table: DataTable) throws -> FitSummary {
    switch self {
    case .ols:
      let fit = try OLS.fit("y ~ \(right)", data: table, vcov: .cluster(["learner_id"], .stata))
      return FitSummary(fit, aliased: fit.aliasedTerms)
    case .logit:
      let fit = try GLM.fit("passed ~ \(right)", data: table, family: .logit)
      return FitSummary(fit, aliased: fit.aliasedTerms)
    case .fixedEffects:
      let fit = try FixedEffects.fit("y ~ \(right) | learner_id + year", data: table)
      return FitSummary(fit, aliased: fit.aliasedTerms)
    }
  }
}

/// `a` and `b` agree to `relative` of `scale` (a magnitude both are compared against, so that
/// an estimate near zero is judged against its standard error, not against itself).
func agree(_ a: Double?, _ b: Double?, scale: Double, relative: Double) -> Bool {
  guard let a, let b else { return a == nil && b == nil }
  return abs(a - b) <= relative * max(scale, abs(a), abs(b))
}

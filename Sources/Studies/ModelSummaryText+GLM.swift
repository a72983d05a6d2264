import Foundation
import Inference
import Models

extension ModelSummaryText {
  /// The text of a GLM fit, like R's `summary.glm`: header, coefficient table (with exponentiated
  /// estimates on request), marginal effects, deviances, likelihood and notes.
  /// - Parameters:
  ///   - result: the fit.
  ///   - source: the data file name to show, if any.
  ///   - level: confidence level of the intervals.
  ///   - marginalEffects: effects to show, or `nil`.
  ///   - marginsAt: where the effects were evaluated.
  ///   - exponentiate: add exp(estimate) and its interval (odds / incidence-rate ratios).
  /// - Returns: the text.
  public static func render(
    _ result: GLMResult, source: String? = nil, level: Double = 0.95,
    marginalEffects: [MarginalEffect]? = nil, marginsAt: MarginalEffectsAt = .average,
    exponentiate: Bool = false
  ) -> String {
    let model = ResultDocument.modelName(result.family)
    var lines: [String] = []
    lines.append(
      "GLM \(model) (\(result.family)): \(result.formula)"
        + (source.map { "    data: \($0)" } ?? ""))
    var observations = "Observations: \(result.nobs)"
    if result.droppedMissingRows > 0 {
      observations += " (\(result.droppedMissingRows) rows dropped for missing values)"
    }
    if let weights = result.weightsColumn { observations += "; prior weights: \(weights)" }
    if let offset = result.offsetColumn { observations += "; offset: \(offset)" }
    lines.append(observations)
    var covariance = "Covariance: \(result.covarianceType)"
    if case .cluster(let columns, let correction) = result.covarianceType {
      let counts = zip(columns, result.clusterCounts).map { "\($0): \($1) clusters" }
      covariance += " [\(counts.joined(separator: ", ")); \(correction.factorDescription); z tests]"
    }
    lines.append(covariance)
    lines.append("")
    lines.append(
      coefficientText(result, terms: result.terms, level: level, exponentiate: exponentiate))
    if let marginalEffects, !marginalEffects.isEmpty {
      lines.append("")
      lines.append(
        marginsAt == .average
          ? "Average marginal effects (response scale; delta-method SEs):"
          : "Marginal effects at the means (response scale; delta-method SEs):")
      let low = NumberFormat.significant((1 - level) / 2 * 100, digits: 3)
      let high = NumberFormat.significant((1 + level) / 2 * 100, digits: 3)
      var effects = TextTable(header: [
        "term", "effect", "std.error", "z value", "Pr(>|z|)", "[\(low)%", "\(high)%]",
      ])
      for e in marginalEffects {
        effects.rows.append([
          e.term, NumberFormat.significant(e.estimate), NumberFormat.significant(e.standardError),
          NumberFormat.significant(e.statistic, digits: 4), NumberFormat.pValue(e.pValue),
          NumberFormat.significant(e.confidenceLow), NumberFormat.significant(e.confidenceHigh),
        ])
      }
      lines.append(effects.rendered())
    }
    lines.append("")
    let stats = result.statistics
    let digits = { (x: Double) in NumberFormat.significant(x, digits: 7) }
    lines.append(
      "Deviance: \(digits(stats.deviance)) on \(NumberFormat.significant(stats.dfResidual)) df; "
        + "null deviance: \(digits(stats.nullDeviance)) on \(NumberFormat.significant(stats.dfNull)) df"
        + (result.family.hasFixedDispersion
          ? "" : "; dispersion: \(NumberFormat.significant(stats.dispersion, digits: 5))"))
    lines.append(
      "Log-likelihood: \(digits(result.logLikelihood)); AIC: \(digits(result.aic)); "
        + "BIC: \(digits(result.bic)); McFadden R-squared: "
        + NumberFormat.significant(stats.mcFaddenRSquared, digits: 4))
    let convergence = result.convergence
    lines.append(
      "IRLS: converged in \(convergence.iterations) iterations"
        + (convergence.stepHalvings > 0 ? " (\(convergence.stepHalvings) step halvings)" : ""))
    for warning in result.warnings { lines.append("Note: \(warning)") }
    return lines.joined(separator: "\n") + "\n"
  }
}

import Inference
import Models

extension ModelSummaryText {
  /// The text of a fixed-effects GLM: header with family, observations and what was dropped
  /// (singletons, levels whose outcome does not vary), effects with their levels, covariance,
  /// coefficient table (z tests), deviance and IRLS convergence, then notes.
  /// - Parameters:
  ///   - result: the fit.
  ///   - source: the data file name to show, if any.
  ///   - level: confidence level of the intervals.
  /// - Returns: the text, ending in a newline.
  public static func render(
    _ result: FixedEffectsGLMResult, source: String? = nil, level: Double = 0.95
  ) -> String {
    let dof = result.fixedEffectDegreesOfFreedom
    let name = ResultDocument.modelName(result.family)
    var lines: [String] = []
    lines.append(
      "Fixed-effects \(name) (\(result.family)): \(result.formula)"
        + (source.map { "    data: \($0)" } ?? ""))
    var observations = "Observations: \(result.nobs)"
    var dropped: [String] = []
    let d = result.observationDrops
    if d.missingRows > 0 { dropped.append("\(d.missingRows) for missing values") }
    if d.singletons > 0 { dropped.append("\(d.singletons) singletons") }
    if d.noVariation > 0 {
      dropped.append("\(d.noVariation) in levels whose outcome does not vary")
    }
    if !dropped.isEmpty { observations += " (dropped: \(dropped.joined(separator: ", ")))" }
    lines.append(observations)
    let effects = result.fixedEffectNames.indices.map { q in
      var text = "\(result.fixedEffectNames[q]) (\(dof.levels[q]) levels"
      if dof.redundant[q] > 0 { text += ", \(dof.redundant[q]) redundant" }
      if d.noVariationLevels[q] > 0 { text += "; \(d.noVariationLevels[q]) dropped" }
      return text + ")"
    }
    lines.append("Fixed effects: \(effects.joined(separator: ", "))")
    var covariance = "Covariance: \(result.covarianceType)"
    if case .cluster(let columns, let correction) = result.covarianceType {
      let counts = zip(columns, result.clusterCounts).map { "\($0): \($1) clusters" }
      covariance += " [\(counts.joined(separator: ", ")); \(correction.factorDescription); z tests]"
    }
    lines.append(covariance)
    lines.append("")
    lines.append(coefficientText(result, terms: result.terms, level: level))
    lines.append("")
    lines.append(
      "Deviance: \(NumberFormat.significant(result.deviance, digits: 8)); log-likelihood: "
        + "\(NumberFormat.significant(result.logLikelihood, digits: 8))")
    lines.append(
      "IRLS: " + (result.converged ? "converged" : "NOT converged") + " in \(result.iterations) "
        + "iterations (tolerance \(NumberFormat.significant(result.tolerance, digits: 3)))")
    for warning in result.warnings { lines.append("Note: \(warning)") }
    return lines.joined(separator: "\n") + "\n"
  }
}

import Inference
import Models

extension ModelSummaryText {
  /// The text of a fixed-effects fit: header, effects with their levels, coefficient table,
  /// dropped terms and singletons, demeaning convergence and fit statistics.
  /// - Parameters:
  ///   - result: the fit.
  ///   - source: the data file name to show, if any.
  ///   - level: confidence level of the intervals.
  /// - Returns: the text, ending in a newline.
  public static func render(
    _ result: FixedEffectsResult, source: String? = nil, level: Double = 0.95
  ) -> String {
    let dof = result.fixedEffectDegreesOfFreedom
    var lines: [String] = []
    lines.append("Fixed-effects OLS: \(result.formula)" + (source.map { "    data: \($0)" } ?? ""))
    var observations = "Observations: \(result.nobs)"
    var dropped: [String] = []
    if result.droppedMissingRows > 0 {
      dropped.append("\(result.droppedMissingRows) for missing values")
    }
    if result.singletons > 0 { dropped.append("\(result.singletons) singletons") }
    if !dropped.isEmpty { observations += " (dropped: \(dropped.joined(separator: ", ")))" }
    lines.append(observations)
    let effects = result.fixedEffectNames.indices.map { q in
      "\(result.fixedEffectNames[q]) (\(dof.levels[q]) levels"
        + (dof.redundant[q] > 0 ? ", \(dof.redundant[q]) redundant)" : ")")
    }
    lines.append("Fixed effects: \(effects.joined(separator: ", "))")
    var covariance = "Covariance: \(result.covarianceType)"
    if case .cluster(let columns, let correction) = result.covarianceType {
      let counts = zip(columns, result.clusterCounts).map { "\($0): \($1) clusters" }
      covariance += " [\(counts.joined(separator: ", ")); \(correction)]"
    }
    lines.append(covariance)
    lines.append("")
    lines.append(coefficientText(result, terms: result.terms, level: level))
    lines.append("")
    lines.append(
      "R-squared: \(NumberFormat.significant(result.rSquared, digits: 4)), within: "
        + "\(NumberFormat.significant(result.withinRSquared, digits: 4)); residual std. error: "
        + "\(NumberFormat.significant(result.sigma, digits: 4)) on "
        + "\(NumberFormat.significant(result.residualDegreesOfFreedom)) df")
    let d = result.demeaning
    lines.append(
      "Demeaning: " + (d.converged ? "converged" : "NOT converged") + " in \(d.iterations) "
        + "iterations (criterion \(NumberFormat.significant(d.criterion ?? 0, digits: 3)), tolerance "
        + "\(NumberFormat.significant(d.tolerance ?? 0, digits: 3)))")
    for warning in result.warnings { lines.append("Note: \(warning)") }
    return lines.joined(separator: "\n") + "\n"
  }
}

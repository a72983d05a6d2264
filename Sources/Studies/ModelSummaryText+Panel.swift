import Inference
import Models

extension ModelSummaryText {
  /// The text of a random-effects, first-difference or between fit.
  /// - Parameters:
  ///   - result: the fit.
  ///   - source: the data file name to show, if any.
  ///   - level: confidence level of the intervals.
  /// - Returns: the text, ending in a newline.
  public static func render(_ result: PanelResult, source: String? = nil, level: Double = 0.95)
    -> String
  {
    let title: String
    switch result.model {
    case .randomEffects: title = "Random effects (Swamy-Arora)"
    case .firstDifferences: title = "First differences"
    case .between: title = "Between (unit means)"
    }
    var lines = ["\(title): \(result.formula)" + (source.map { "    data: \($0)" } ?? "")]
    var observations = "Observations: \(result.nobs), units: \(result.units)"
    if result.droppedMissingRows > 0 {
      observations += " (\(result.droppedMissingRows) rows dropped for missing values)"
    }
    lines.append(observations)
    lines.append("Covariance: \(result.covarianceType)")
    lines.append("")
    lines.append(coefficientText(result, terms: result.terms, level: level))
    lines.append("")
    lines.append(
      "R-squared: \(NumberFormat.significant(result.rSquared, digits: 4)) on "
        + "\(NumberFormat.significant(result.residualDegreesOfFreedom)) residual df")
    if let c = result.varianceComponents {
      lines.append(
        "Variance components: idiosyncratic \(NumberFormat.significant(c.idiosyncratic, digits: 5)), "
          + "individual \(NumberFormat.significant(c.individual, digits: 5))")
    }
    for warning in result.warnings { lines.append("Note: \(warning)") }
    return lines.joined(separator: "\n") + "\n"
  }
}

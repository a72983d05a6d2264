import Inference
import Models

/// Renders a fitted model as readable text, like R's `summary()`: header, coefficient table,
/// dropped terms and fit statistics.
public enum ModelSummaryText {
  /// The text of a linear model fit.
  /// - Parameters:
  ///   - result: the fit.
  ///   - source: the data file name to show, if any.
  ///   - level: confidence level of the intervals.
  public static func render(_ result: OLSResult, source: String? = nil, level: Double = 0.95)
    -> String
  {
    let table = result.coefficientTable(level: level)
    let statistic = table.statisticName
    let percent = NumberFormat.significant((1 - level) / 2 * 100, digits: 3)
    let upper = NumberFormat.significant((1 + level) / 2 * 100, digits: 3)
    var text = TextTable(header: [
      "term", "estimate", "std.error", "\(statistic) value", "Pr(>|\(statistic)|)", "[\(percent)%",
      "\(upper)%]",
    ])
    var rowsByTerm: [String: CoefficientTable.Row] = [:]
    for row in table.rows { rowsByTerm[row.term] = row }
    for term in result.terms {
      guard let row = rowsByTerm[term] else {
        text.rows.append([term, "aliased", "", "", "", "", ""])
        continue
      }
      text.rows.append([
        term, NumberFormat.significant(row.estimate), NumberFormat.significant(row.standardError),
        NumberFormat.significant(row.statistic, digits: 4), NumberFormat.pValue(row.pValue),
        NumberFormat.significant(row.confidenceLow), NumberFormat.significant(row.confidenceHigh),
      ])
    }
    let model =
      result.weightsColumn == nil
      ? "OLS" : "WLS (\(result.weightKind.rawValue) weights: \(result.weightsColumn ?? ""))"
    var lines: [String] = []
    lines.append("\(model): \(result.formula)" + (source.map { "    data: \($0)" } ?? ""))
    var observations = "Observations: \(result.nobs)"
    if result.droppedMissingRows > 0 {
      observations += " (\(result.droppedMissingRows) rows dropped for missing values)"
    }
    lines.append(observations)
    var covariance = "Covariance: \(result.covarianceType)"
    if case .cluster(let columns, let correction) = result.covarianceType {
      let counts = zip(columns, result.clusterCounts).map { "\($0): \($1) clusters" }
      covariance += " [\(counts.joined(separator: ", ")); \(correction)]"
    }
    lines.append(covariance)
    lines.append("")
    lines.append(text.rendered())
    lines.append("")
    let stats = result.fitStatistics
    var fit = "R-squared: \(NumberFormat.significant(stats.rSquared, digits: 4))"
    fit += ", adjusted: \(NumberFormat.significant(stats.adjustedRSquared, digits: 4))"
    if let f = stats.fStatistic {
      fit +=
        "; F(\(NumberFormat.significant(stats.fNumeratorDF)), \(NumberFormat.significant(stats.fDenominatorDF))) = \(NumberFormat.significant(f, digits: 4)) (iid)"
    }
    lines.append(fit)
    lines.append(
      "Residual std. error: \(NumberFormat.significant(stats.sigma, digits: 4)) on "
        + "\(NumberFormat.significant(result.residualDegreesOfFreedom)) df; "
        + "log-likelihood: \(NumberFormat.significant(result.logLikelihood, digits: 7)); "
        + "AIC: \(NumberFormat.significant(result.aic, digits: 7)); BIC: \(NumberFormat.significant(result.bic, digits: 7))"
    )
    for warning in result.warnings { lines.append("Note: \(warning)") }
    return lines.joined(separator: "\n") + "\n"
  }
}

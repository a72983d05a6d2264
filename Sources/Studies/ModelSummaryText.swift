import Foundation
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
    lines.append(coefficientText(result, terms: result.terms, level: level))
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

extension ModelSummaryText {
  /// The coefficient table as aligned text: estimate, standard error, statistic, p-value and
  /// interval per term, `aliased` for dropped terms, exponentiated columns on request.
  /// - Parameters:
  ///   - result: the fit.
  ///   - terms: all model-matrix terms, dropped ones included.
  ///   - level: confidence level of the intervals.
  ///   - exponentiate: add exp(estimate) and its interval (odds or rate ratios).
  static func coefficientText(
    _ result: some RegressionFit, terms: [String], level: Double, exponentiate: Bool = false
  ) -> String {
    let table = result.coefficientTable(level: level)
    let statistic = table.statisticName
    let low = NumberFormat.significant((1 - level) / 2 * 100, digits: 3)
    let high = NumberFormat.significant((1 + level) / 2 * 100, digits: 3)
    var header = [
      "term", "estimate", "std.error", "\(statistic) value", "Pr(>|\(statistic)|)", "[\(low)%",
      "\(high)%]",
    ]
    if exponentiate { header += ["exp(est)", "[exp \(low)%", "\(high)%]"] }
    var text = TextTable(header: header)
    var rowsByTerm: [String: CoefficientTable.Row] = [:]
    for row in table.rows { rowsByTerm[row.term] = row }
    for term in terms {
      guard let row = rowsByTerm[term] else {
        text.rows.append([term, "aliased"] + [String](repeating: "", count: header.count - 2))
        continue
      }
      var cells = [
        term, NumberFormat.significant(row.estimate), NumberFormat.significant(row.standardError),
        NumberFormat.significant(row.statistic, digits: 4), NumberFormat.pValue(row.pValue),
        NumberFormat.significant(row.confidenceLow), NumberFormat.significant(row.confidenceHigh),
      ]
      if exponentiate {
        cells += [row.estimate, row.confidenceLow, row.confidenceHigh].map {
          NumberFormat.significant(Foundation.exp($0))
        }
      }
      text.rows.append(cells)
    }
    return text.rendered()
  }
}

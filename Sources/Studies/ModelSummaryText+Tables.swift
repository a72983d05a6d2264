import Foundation
import Inference

extension ModelSummaryText {
  /// The coefficient table as aligned text: estimate, standard error, statistic, p-value and
  /// interval per term, `aliased` for dropped terms, exponentiated columns on request.
  /// - Parameters:
  ///   - result: the fit.
  ///   - level: confidence level of the intervals.
  ///   - exponentiate: add exp(estimate) and its interval (odds or rate ratios).
  /// - Returns: the table's lines, with a header line, ready to print.
  static func coefficientText(
    _ result: some RegressionFit, level: Double, exponentiate: Bool = false
  ) -> String {
    let statistic =
      result.testDegreesOfFreedom == nil && result.coefficientDegreesOfFreedom == nil ? "z" : "t"
    let (low, high) = intervalLabels(level)
    var header = [
      "term", "estimate", "std.error", "\(statistic) value", "Pr(>|\(statistic)|)", "[\(low)%",
      "\(high)%]",
    ]
    if exponentiate { header += ["exp(est)", "[exp \(low)%", "\(high)%]"] }
    var text = TextTable(header: header)
    for (term, row) in result.termRows(level: level) {
      guard let row else {
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

  /// Marginal effects (response scale, delta-method standard errors) as aligned text.
  /// - Parameters:
  ///   - effects: the effects.
  ///   - at: where they were evaluated.
  ///   - level: confidence level of the intervals.
  /// - Returns: a heading naming where the effects were evaluated, then the aligned table.
  static func effectsText(_ effects: [MarginalEffect], at: MarginalEffectsAt, level: Double)
    -> String
  {
    let heading =
      at == .average
      ? "Average marginal effects (response scale; delta-method SEs):"
      : "Marginal effects at the means (response scale; delta-method SEs):"
    let (low, high) = intervalLabels(level)
    var table = TextTable(header: [
      "term", "effect", "std.error", "z value", "Pr(>|z|)", "[\(low)%", "\(high)%]",
    ])
    for e in effects {
      table.rows.append([
        e.term, NumberFormat.significant(e.estimate), NumberFormat.significant(e.standardError),
        NumberFormat.significant(e.statistic, digits: 4), NumberFormat.pValue(e.pValue),
        NumberFormat.significant(e.confidenceLow), NumberFormat.significant(e.confidenceHigh),
      ])
    }
    return heading + "\n" + table.rendered()
  }

  /// The lower and upper percent labels of a confidence level (`2.5`, `97.5`).
  static func intervalLabels(_ level: Double) -> (String, String) {
    (
      NumberFormat.significant((1 - level) / 2 * 100, digits: 3),
      NumberFormat.significant((1 + level) / 2 * 100, digits: 3)
    )
  }
}

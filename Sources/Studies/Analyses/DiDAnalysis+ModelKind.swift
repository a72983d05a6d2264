import DataTable
import Formula
import Foundation
import Inference
import Models

/// `did` as a registry model: `vetstat fit --model did` and `kind: did` reach Callaway and
/// Sant'Anna (2021) through `ModelRegistry`, and both publish the same result document.
///
/// The formula gives the outcome and the covariates (`outcome ~ x1 + x2`, `outcome ~ 1` without
/// covariates, as csdid's `xformla`); `FitRequest.callawaySantAnna` gives the design (first-treated,
/// period and unit columns, comparison units, estimator, base period, anticipation, rows, the
/// multiplier bootstrap). The result is not a regression: the kind renders its own document and
/// text summary (the group-time effects and the aggregations).
extension DiDAnalysis: ModelKind {
  /// The `vetstat fit` options only `--model did` takes: the design of the comparison.
  public static let designOptions = [
    "first-treated", "control", "estimator", "base-period", "sample", "anticipation",
  ]
  /// The `vetstat fit` options this kind uses: its design, the panel columns and the multiplier
  /// bootstrap of uniform bands.
  public static let cliOptions =
    designOptions + ["panel-unit", "panel-time", "bootstrap", "reps", "seed", "bootstrap-weights"]

  /// Fits Callaway and Sant'Anna as a `kind: did`, `method: callaway-santanna` analysis does.
  /// - Parameters:
  ///   - request: the formula `outcome ~ covariates`, the level, a covariance clustered by one
  ///     column (or none), and the design in `callawaySantAnna`.
  ///   - data: the table.
  /// - Returns: the fit, rendered as the study would publish it (counts of fewer than the
  ///   default minimum cell size withheld).
  /// - Throws: `ModelError.unsupported` without a design, for a formula that is not
  ///   `outcome ~ covariates` or another covariance; `DiDError`, `FormulaError` and `DataError`
  ///   from the fit.
  public static func fit(_ request: FitRequest, data: DataTable) throws -> ModelFit {
    guard var options = request.callawaySantAnna else {
      throw ModelError.unsupported(
        "model did needs its design: the first-treated, period and unit columns")
    }
    let formula = try Formula(request.formula)
    guard let response = formula.response?.text, formula.fixedEffects.isEmpty,
      formula.randomEffects.isEmpty
    else {
      throw ModelError.unsupported(
        "model did takes the formula \"outcome ~ covariates\" (\"outcome ~ 1\" without "
          + "covariates), got \"\(request.formula)\"")
    }
    options.outcome = response
    options.covariates = formula.terms.map(\.label)
    options.level = request.level
    switch request.covariance {
    case nil, .iid?: break
    case .cluster(let names, _)? where names.count == 1:
      options.cluster = names[0] == options.unit ? nil : names[0]
    case let other?:
      throw ModelError.unsupported(
        "model did computes influence-function standard errors, clustered by at most one "
          + "column; not \(other)")
    }
    let output = try fitCallawaySantAnna(data: data, options: options)
    return ModelFit(
      output.result, document: output.document,
      summary: { source in summaryText(output, source: source) })
  }

  /// None: the result is not a regression, and its text comes from `summaryText`.
  public static func summaryStyle(of result: any RegressionFit) -> SummaryStyle? { nil }

  /// The text summary of `vetstat fit --model did`: what was fitted, the two tables with their
  /// notes, and the warnings.
  /// - Parameters:
  ///   - output: the fit with its tables.
  ///   - source: the data file name to show.
  /// - Returns: the text, ending with a newline.
  static func summaryText(_ output: FitOutput, source: String?) -> String {
    let result = output.result
    func periods(_ values: [Double]) -> String {
      values.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : String($0) }
        .joined(separator: ", ")
    }
    var text = "Outcome: \(result.options.outcome); covariates: "
    text += result.covariateNames.isEmpty ? "none" : result.covariateNames.joined(separator: ", ")
    text += "\nUnits: \(result.units); observations: \(result.observations)"
    if let clusters = result.clusterCount { text += "; clusters: \(clusters)" }
    text += "\nPeriods: \(periods(result.times)); cohorts: \(periods(result.groups))\n"
    for table in output.tables {
      let title = table.title.replacingOccurrences(of: "did: ", with: "")
      text += "\n" + title.prefix(1).uppercased() + title.dropFirst() + "\n\n"
      text +=
        TextTable(header: table.header, rows: table.rows.map { $0.map(\.text) }).rendered() + "\n"
      for note in table.notes { text += "\n" + note + "\n" }
    }
    if !result.warnings.isEmpty {
      text += "\nWarnings:\n" + result.warnings.map { "- \($0)\n" }.joined()
    }
    return "Callaway and Sant'Anna difference-in-differences" + (source.map { ": \($0)" } ?? "")
      + "\n" + text
  }
}

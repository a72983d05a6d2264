import Foundation
import Plotting

/// The study's coefficient figure: every model's estimates with their intervals, one panel per
/// scale (a logit's log-odds never share an axis with a linear model's response units), drawn
/// with the regression table's `keep`/`omit` and `labels` (the intercept never drawn).
enum CoefficientFigure {
  /// The scale a model column's coefficients are on, as the panel's axis label says it.
  /// - Parameter column: the model's column.
  /// - Returns: a short scale name, such as `log-odds` or `units of stem_score`.
  static func scale(of column: RegressionColumn) -> String {
    let model = column.model.lowercased()
    if model.contains("cloglog") { return "complementary log-log" }
    if model.contains("logit") || model.contains("logistic") { return "log-odds" }
    if model.contains("probit") { return "probit index" }
    if model.contains("poisson") { return "log of the expected count" }
    if model.contains("cox") { return "log hazard ratio" }
    return "units of \(column.response)"
  }

  /// The figure, or `nil` when no model has a drawable term.
  /// - Parameters:
  ///   - columns: the models' columns, in report order.
  ///   - options: the regression table's layout: its `keep`/`omit` decide which terms are
  ///     drawn and its `labels` name them.
  /// - Returns: the `coefficients` figure.
  static func make(_ columns: [RegressionColumn], options: TableOptions = TableOptions())
    -> Figure?
  {
    guard let first = columns.first else { return nil }
    let level = Int((first.level * 100).rounded())
    var panelKeys: [String] = []
    var estimates: [String: [CoefficientChart.Estimate]] = [:]
    for column in columns {
      let key = "\(column.response): \(scale(of: column))"
      if !panelKeys.contains(key) { panelKeys.append(key) }
      for row in column.rows where row.term != "(Intercept)" && options.shows(row.term) {
        guard let e = row.estimate, let low = row.low, let high = row.high else { continue }
        estimates[key, default: []].append(
          .init(
            term: options.labels[row.term] ?? row.term, model: column.label, estimate: e,
            low: low, high: high))
      }
    }
    var colors: [String: Int] = [:]
    for column in columns where colors[column.label] == nil { colors[column.label] = colors.count }
    let panels = panelKeys.compactMap { key -> CoefficientChart? in
      guard let panel = estimates[key], !panel.isEmpty else { return nil }
      let scale = String(key.split(separator: ":", maxSplits: 1).last ?? "")
        .trimmingCharacters(in: .whitespaces)
      let models = panel.reduce(into: [String]()) {
        if !$0.contains($1.model) { $0.append($1.model) }
      }
      var chart = CoefficientChart(
        title: models.count == 1 ? "\(key) (\(models[0]))" : key,
        xLabel: "Estimate (\(level)% CI), \(scale)", estimates: panel)
      chart.colorIndex = colors
      return chart
    }
    guard !panels.isEmpty else { return nil }
    let title = "Coefficients with \(level)% confidence intervals"
    let chart = FacetedCoefficientChart(title: title, panels: panels)
    return Figure(id: "coefficients", title: title, svg: chart.svg())
  }
}

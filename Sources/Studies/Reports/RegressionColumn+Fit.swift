import Inference
import Models

extension RegressionColumn {
  /// The table names of the fit measures a column shows, in row order, with their decimals; a
  /// measure a model does not report is left out of its column.
  static let shownMeasures: [(key: String, name: String, digits: Int)] = [
    ("r_squared", "R²", 3), ("adj_r_squared", "Adj. R²", 3), ("within_r_squared", "Within R²", 3),
    ("pseudo_r_squared", "Pseudo R² (McFadden)", 3), ("sigma", "RMSE", 3),
    ("reml_criterion", "REML criterion", 1),
  ]

  /// The column of any registry fit (`vetstat fit` with several `--formula`).
  ///
  /// Its statistics are read from the fit's own measures under the names the study's tables use (a mixed model's groups,
  /// a Cox model's events, R², Adj. R², Within R², Pseudo R², RMSE, the REML criterion), then
  /// the log-likelihood and AIC.
  /// - Parameters:
  ///   - result: the fitted regression (`ModelFit.result`).
  ///   - label: the column heading.
  ///   - model: the model family shown under the heading (`OLS`, `Logit`...).
  ///   - level: confidence level of the intervals.
  /// - Returns: the column.
  public static func make(
    _ result: any RegressionFit, label: String, model: String, level: Double
  ) -> RegressionColumn {
    let measures = result.fitMeasures
    var statistics = (result as? MixedModelResult)?.groupStatistics ?? []
    if let events = measures["events"] {
      statistics.append(Statistic("Events", RegressionTableBuilder.thousands(Int(events))))
    }
    for shown in shownMeasures {
      guard let value = measures[shown.key], value.isFinite else { continue }
      statistics.append(Statistic(shown.name, NumberText.fixed(value, digits: shown.digits)))
    }
    return make(result, label: label, model: model, statistics: statistics, level: level)
  }

  /// The model a column of a registry request is headed with, as the study's analyses head
  /// theirs (`OLS`, `Logit, fixed effects`, `Random effects`, `LMM (REML)`, `Cox PH`).
  /// - Parameter request: the fitted request.
  /// - Returns: the label.
  public static func modelLabel(of request: FitRequest) -> String {
    if let panel = PanelModel(rawValue: request.model) { return PanelAnalysis.label(panel) }
    switch request.model {
    case "ols", "wls": return request.model.uppercased()
    case "fe": return "OLS, fixed effects"
    case "logit", "probit", "poisson":
      let name = request.model.prefix(1).uppercased() + request.model.dropFirst()
      return request.formula.contains("|") ? name + ", fixed effects" : name
    case "lmm": return request.reml ? "LMM (REML)" : "LMM (ML)"
    case "glmm": return "GLMM (logit)"
    case "cox": return "Cox PH"
    default: return request.model
    }
  }
}

import Inference
import Models

/// The few lines of a text summary that differ by model: the title, what the fit used besides
/// the formula, and the fit-statistics lines under the coefficient table. Everything else in
/// `ModelSummaryText` is shared.
extension ModelSummaryText {
  /// The model in words: `OLS`, `WLS (analytic weights: w)`, `GLM logit (binomial(logit))`,
  /// `Fixed-effects OLS`, `Random effects (Swamy-Arora)`...
  static func title(_ result: some RegressionFit) -> String {
    switch result {
    case let ols as OLSResult:
      guard let weights = ols.weightsColumn else { return "OLS" }
      return "WLS (\(ols.weightKind.rawValue) weights: \(weights))"
    case let glm as GLMResult: return "GLM \(glm.modelName) (\(glm.family))"
    case let fe as FixedEffectsGLMResult: return "Fixed-effects \(fe.modelName) (\(fe.family))"
    case is FixedEffectsResult: return "Fixed-effects OLS"
    case let panel as PanelResult:
      switch panel.model {
      case .randomEffects: return "Random effects (Swamy-Arora)"
      case .firstDifferences: return "First differences"
      case .between: return "Between (unit means)"
      }
    default: return result.modelName
    }
  }

  /// Prior weights and offset of a GLM (`; prior weights: w; offset: o`).
  static func inputsText(_ result: some RegressionFit) -> String {
    guard let glm = result as? GLMResult else { return "" }
    return (glm.weightsColumn.map { "; prior weights: \($0)" } ?? "")
      + (glm.offsetColumn.map { "; offset: \($0)" } ?? "")
  }

  /// Whether the covariance line lists the clusters (plm-style panel summaries do not).
  static func showsClusters(_ result: some RegressionFit) -> Bool { !(result is PanelResult) }

  /// The fit-statistics lines under the coefficient table.
  static func fitLines(_ result: some RegressionFit) -> [String] {
    let f = { (x: Double?, digits: Int) in
      x.map { NumberFormat.significant($0, digits: digits) } ?? "NA"
    }
    let df = NumberFormat.significant(result.residualDegreesOfFreedom)
    let c = result.convergence
    switch result {
    case let ols as OLSResult:
      let stats = ols.fitStatistics
      var fit = "R-squared: \(f(stats.rSquared, 4)), adjusted: \(f(stats.adjustedRSquared, 4))"
      if let fStatistic = stats.fStatistic {
        fit +=
          "; F(\(NumberFormat.significant(stats.fNumeratorDF)), "
          + "\(NumberFormat.significant(stats.fDenominatorDF))) = \(f(fStatistic, 4)) (iid)"
      }
      return [
        fit,
        "Residual std. error: \(f(stats.sigma, 4)) on \(df) df; log-likelihood: "
          + "\(f(ols.logLikelihood, 7)); AIC: \(f(ols.aic, 7)); BIC: \(f(ols.bic, 7))",
      ]
    case let glm as GLMResult:
      let stats = glm.statistics
      return [
        "Deviance: \(f(stats.deviance, 7)) on \(df) df; null deviance: "
          + "\(f(stats.nullDeviance, 7)) on \(NumberFormat.significant(stats.dfNull)) df"
          + (glm.family.hasFixedDispersion ? "" : "; dispersion: \(f(stats.dispersion, 5))"),
        "Log-likelihood: \(f(glm.logLikelihood, 7)); AIC: \(f(glm.aic, 7)); "
          + "BIC: \(f(glm.bic, 7)); McFadden R-squared: \(f(stats.mcFaddenRSquared, 4))",
        "IRLS: converged in \(c.iterations) iterations"
          + (c.stepHalvings > 0 ? " (\(c.stepHalvings) step halvings)" : ""),
      ]
    case let fe as FixedEffectsResult:
      return [
        "R-squared: \(f(fe.rSquared, 4)), within: \(f(fe.withinRSquared, 4)); residual "
          + "std. error: \(f(fe.sigma, 4)) on \(df) df",
        "Demeaning: " + (c.converged ? "converged" : "NOT converged") + " in \(c.iterations) "
          + "iterations (criterion \(f(c.criterion ?? 0, 3)), tolerance "
          + "\(f(c.tolerance ?? 0, 3)))",
      ]
    case let fe as FixedEffectsGLMResult:
      return [
        "Deviance: \(f(fe.deviance, 8)); log-likelihood: \(f(fe.logLikelihood, 8))",
        "IRLS: " + (c.converged ? "converged" : "NOT converged") + " in \(c.iterations) "
          + "iterations (tolerance \(f(c.tolerance ?? 0, 3)))",
      ]
    case let panel as PanelResult:
      var lines = ["R-squared: \(f(panel.rSquared, 4)) on \(df) residual df"]
      if let v = panel.varianceComponents {
        lines.append(
          "Variance components: idiosyncratic \(f(v.idiosyncratic, 5)), individual "
            + "\(f(v.individual, 5))")
      }
      return lines
    default: return []
    }
  }
}

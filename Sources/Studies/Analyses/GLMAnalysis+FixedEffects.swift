import DataTable
import Foundation
import Inference
import Models

extension GLMAnalysis {
  /// Spec keys a GLM with fixed effects does not take.
  static let keysWithoutFixedEffects = ["weights", "offset", "marginal_effects", "exponentiate"]

  /// Reports keys and families that cannot be combined with fixed effects after `|`.
  /// - Parameters:
  ///   - r: the analysis' reader.
  ///   - family: the kind's family.
  ///   - diagnostics: where problems go.
  static func checkFixedEffects(_ r: SpecReader, family: GLMFamily, diagnostics: SpecDiagnostics) {
    // Effects by subgroup (`marginal_effects: {variables, by}`) hold the fixed effects at their
    // estimates; the plain list of whole-sample effects is not offered with fixed effects.
    for key in keysWithoutFixedEffects where r.entry(key) != nil {
      if key == "marginal_effects", SubgroupMarginsSpec.isMapping(r) { continue }
      diagnostics.report(
        r.child(key), line: r.line(of: key),
        "\(key) is not available with fixed effects after '|' "
          + "(kind \(ResultDocument.modelName(family)))")
    }
    if !FixedEffectsGLM.supports(family) {
      diagnostics.report(
        r.child("formula"), line: r.line(of: "formula"),
        "fixed effects after '|' are available for logit, probit and poisson, not \(family)")
    }
  }

  /// `kind: logit|probit|poisson` with `y ~ x | fe1 + fe2`: `FixedEffectsGLM.fit` (fixest
  /// `feglm`), clustered by the first fixed effect unless `vcov` is given; the regression column
  /// lists the effects and the observations dropped for no outcome variation.
  func runFixedEffects(_ context: AnalysisContext) throws -> AnalysisOutcome {
    var request = keys.request(model: family.modelName)
    request.family = family
    guard let result = try Self.fit(request, data: context.data).result as? FixedEffectsGLMResult
    else { throw AnalysisError.invalid(keys.name, "fixed effects after '|' were not fitted") }
    var document = ResultDocument.make(result, level: keys.level)
    var statistics: [RegressionColumn.Statistic] = [
      .init("Log-likelihood", NumberText.fixed(result.logLikelihood, digits: 1)),
      .init("Deviance", NumberText.fixed(result.deviance, digits: 1)),
    ]
    if result.separatedObservations > 0 {
      statistics.append(
        .init(
          "Dropped (outcome constant in a level)",
          RegressionTableBuilder.thousands(result.separatedObservations)))
    }
    let modelName = ResultDocument.modelName(family)
    let column = RegressionColumn.make(
      result, label: keys.name,
      model: modelName.prefix(1).uppercased() + modelName.dropFirst() + ", fixed effects",
      statistics: statistics, level: keys.level)
    let response = column.response
    var tables: [ReportTable] = []
    var figures: [Figure] = []
    try subgroupMargins?.attach(
      rows: result.rows, context: context, name: keys.name, level: keys.level,
      document: &document, tables: &tables, figures: &figures, effects: result.marginalEffects)
    var findings = finding(effects: nil, response: response, nobs: result.nobs)
    findings += result.warnings.map { "\(keys.name): note: \($0)" }
    return AnalysisOutcome(
      document: document, tables: tables, regression: column, figures: figures,
      findings: findings)
  }
}

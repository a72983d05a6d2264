import DataTable
import Foundation
import Inference
import Models

/// `kind: lmm`: a linear mixed model by `LinearMixedModel.fit` (lme4's `lmer`, REML by default;
/// Satterthwaite tests as lmerTest), documented with `random_effects`, `correlations` and
/// `residual_variance`.
///
/// ```yaml
/// - {name: growth, kind: lmm, formula: "stem_score ~ year_c * female + (1 + year_c | learner_id)",
///    time: year_c, by: female}
/// ```
///
/// With `time` the analysis draws the predicted growth curves (fixed effects) by the values of
/// `by`, with confidence bands.
public struct MixedModelAnalysis: ModelKind {
  /// The `kind:` names this analysis answers to.
  public static let kindNames = ["lmm"]
  /// The spec keys this kind accepts besides `name` and `kind`.
  public static let keys = ["formula", "reml", "level", "focus", "time", "by"]
  /// The `vetstat fit` options this kind uses.
  public static let cliOptions = ["ml"]

  let keys: MixedModelKeys
  let reml: Bool
  /// The time column of the growth-curve figure (`nil`: no figure).
  let time: String?
  /// The column whose values get one growth curve each.
  let by: String?

  /// Validates the analysis entry, reporting every problem with its key path and line.
  public init?(spec: AnalysisSpec, schema: StudySchema, diagnostics: SpecDiagnostics) {
    let r = spec.reader(diagnostics)
    let before = diagnostics.issues.count
    keys = MixedModelKeys(
      spec, kind: "lmm", example: "score ~ year_c + (1 + year_c | learner_id)", reader: r,
      schema: schema, diagnostics: diagnostics)
    reml = r.bool("reml") ?? true
    time = r.numericColumn("time", schema: schema, label: "time column")
    by = r.numericColumn("by", schema: schema, label: "by column")
    if by != nil, time == nil {
      diagnostics.report(
        r.child("by"), line: r.line(of: "by"), "'by' draws growth curves and needs 'time'")
    }
    if diagnostics.issues.count > before { return nil }
  }

  /// Fits the analysis on the prepared study data and returns its document and findings.
  public func run(_ context: AnalysisContext) throws -> AnalysisOutcome {
    var request = FitRequest(model: "lmm", formula: keys.formula)
    request.reml = reml
    let result = try Self.mixedModel(request, data: context.data)
    let outcome = keys.outcome(
      result, model: reml ? "LMM (REML)" : "LMM (ML)",
      extra: [
        .init("Residual SD", NumberText.fixed(result.residualVariance.squareRoot(), digits: 3))
      ])
    guard let time else { return outcome }
    let (figure, notes) = try growthFigure(result, context: context, time: time)
    return AnalysisOutcome(
      document: outcome.document, regression: outcome.regression,
      figures: figure.map { [$0] } ?? [], findings: outcome.findings + notes)
  }

  /// Fits a linear mixed model.
  /// - Throws: formula and model errors; `ConvergenceError` when the optimiser did not converge.
  public static func fit(_ request: FitRequest, data: DataTable) throws -> ModelFit {
    ModelFit(try mixedModel(request, data: data))
  }

  /// lme4's `summary()` header: the criterion, the variance components and the groups.
  public static func summaryStyle(of result: any RegressionFit) -> SummaryStyle? {
    guard let fit = result as? MixedModelResult, fit.family == nil else { return nil }
    let d = SummaryStyle.digits
    var lines = [
      (fit.reml ? "REML criterion at convergence: " : "Deviance: ") + d(fit.criterion, 7)
        + "; log-likelihood: \(d(fit.logLikelihood, 7)); AIC: \(d(fit.aic, 7)); BIC: "
        + d(fit.bic, 7)
    ]
    lines += fit.randomEffectLines(d)
    lines.append(
      "  Residual: \(d(fit.residualVariance, 5)), \(d(fit.residualVariance.squareRoot(), 5))")
    lines.append(
      "Groups: "
        + fit.groupLevels.map { "\($0.group) \($0.levels)" }.joined(separator: ", ")
        + "; t tests with Satterthwaite df")
    return SummaryStyle(
      title: "Linear mixed model (\(fit.reml ? "REML" : "ML"))", listsClusters: false,
      fitLines: lines)
  }

  static func mixedModel(_ request: FitRequest, data: DataTable) throws -> MixedModelResult {
    if let covariance = request.covariance, covariance != .iid {
      throw ModelError.unsupported(
        "model lmm reports its model-based covariance only (vcov iid), not \(covariance)")
    }
    if request.weights != nil {
      throw ModelError.unsupported("weights are not available with model lmm")
    }
    return try LinearMixedModel.fit(request.formula, data: data, reml: request.reml)
      .requiringConvergence()
  }
}

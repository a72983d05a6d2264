import DataTable
import Foundation
import Inference
import Models

/// `kind: glmm`: a logistic mixed model by `LogisticMixedModel.fit` (lme4's `glmer`, binomial,
/// Laplace), documented with `random_effects` and `correlations`; `trials:` names the column of
/// binomial trials when the response is a proportion (`vetstat fit --model glmm --weights n`);
/// `nagq: 10` integrates one scalar random effect by adaptive Gauss-Hermite quadrature.
///
/// ```yaml
/// - {name: enrolment, kind: glmm, formula: "stem_enrolled ~ female + ses + (1 | school_id)"}
/// ```
public struct LogisticMixedModelAnalysis: ModelKind {
  /// The `kind:` names this analysis answers to.
  public static let kindNames = ["glmm"]
  /// The spec keys this kind accepts besides `name` and `kind`.
  public static let keys = ["formula", "trials", "nagq", "level", "focus"]
  /// The `vetstat fit` options this kind uses (`--weights` names the trials).
  public static let cliOptions = ["weights", "nagq"]

  let keys: MixedModelKeys
  let trials: String?
  /// Quadrature points (`nagq`, as lme4's `nAGQ`): 1 is the Laplace approximation.
  let quadraturePoints: Int

  /// Validates the analysis entry, reporting every problem with its key path and line.
  public init?(spec: AnalysisSpec, schema: StudySchema, diagnostics: SpecDiagnostics) {
    let r = spec.reader(diagnostics)
    let before = diagnostics.issues.count
    trials = r.numericColumn("trials", schema: schema, label: "trials column")
    quadraturePoints = r.int("nagq") ?? 1
    if !(1...25).contains(quadraturePoints) {
      diagnostics.report(
        r.child("nagq"), line: r.line(of: "nagq"),
        "nagq must be 1 (Laplace) to 25 (adaptive Gauss-Hermite points), not \(quadraturePoints)")
    }
    keys = MixedModelKeys(
      spec, kind: "glmm", example: "stem_enrolled ~ female + (1 | school_id)", reader: r,
      schema: schema, diagnostics: diagnostics)
    if diagnostics.issues.count > before { return nil }
  }

  /// Fits the analysis on the prepared study data and returns its document and findings.
  public func run(_ context: AnalysisContext) throws -> AnalysisOutcome {
    var request = FitRequest(model: "glmm", formula: keys.formula)
    request.weights = trials
    request.quadraturePoints = quadraturePoints
    let result = try Self.logisticMixedModel(request, data: context.data)
    return keys.outcome(result, model: "GLMM (logit)")
  }

  /// Fits a logistic mixed model.
  /// - Throws: formula and model errors; `ConvergenceError` when the optimiser did not converge.
  public static func fit(_ request: FitRequest, data: DataTable) throws -> ModelFit {
    ModelFit(try logisticMixedModel(request, data: data))
  }

  /// glmer's `summary()` header: the Laplace log-likelihood and the variance components.
  public static func summaryStyle(of result: any RegressionFit) -> SummaryStyle? {
    guard let fit = result as? MixedModelResult, fit.family != nil else { return nil }
    let d = SummaryStyle.digits
    let method =
      fit.quadraturePoints > 1
      ? "Adaptive Gauss-Hermite quadrature (\(fit.quadraturePoints) points)"
      : "Laplace approximation"
    var lines = [
      "\(method): log-likelihood \(d(fit.logLikelihood, 7)); AIC: \(d(fit.aic, 7)); "
        + "BIC: \(d(fit.bic, 7))"
    ]
    lines += fit.randomEffectLines(d)
    lines.append(
      "Groups: " + fit.groupLevels.map { "\($0.group) \($0.levels)" }.joined(separator: ", "))
    return SummaryStyle(
      title: "Logistic mixed model (binomial(logit), "
        + (fit.quadraturePoints > 1 ? "AGQ \(fit.quadraturePoints))" : "Laplace)"),
      listsClusters: false,
      fitLines: lines)
  }

  static func logisticMixedModel(_ request: FitRequest, data: DataTable) throws
    -> MixedModelResult
  {
    if let covariance = request.covariance, covariance != .iid {
      throw ModelError.unsupported(
        "model glmm reports its model-based covariance only (vcov iid), not \(covariance)")
    }
    return try LogisticMixedModel.fit(
      request.formula, data: data, trials: request.weights,
      quadraturePoints: request.quadraturePoints
    )
    .requiringConvergence()
  }
}

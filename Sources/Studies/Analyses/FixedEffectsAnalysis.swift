import DataTable
import Foundation
import Inference
import Models

/// `kind: fe`: a linear model with absorbed fixed effects by `FixedEffects.fit` (matches fixest /
/// pyfixest and plm's within estimator).
///
/// Without `vcov`, standard errors are clustered by the first fixed effect with fixest's
/// small-sample correction, as fixest does.
///
/// ```yaml
/// - {name: action, kind: fe, formula: "stem_score ~ treated | learner_id + year",
///    vcov: {cluster: school_id}}
/// ```
public struct FixedEffectsAnalysis: ModelKind {
  /// The `kind:` names this analysis answers to.
  public static let kindNames = ["fe"]
  /// The spec keys this kind accepts besides `name` and `kind`.
  public static let keys = ["formula", "weights", "vcov", "level", "focus", "marginal_effects"]

  /// The `vetstat fit` options this kind uses.
  public static let cliOptions = ["weights"]

  let keys: RegressionKeys
  /// `marginal_effects: {variables: [...], by: [...]}`: effects by subgroup.
  let subgroupMargins: SubgroupMarginsSpec?
  let weights: String?

  /// Validates the analysis entry, reporting every problem with its key path and line.
  public init?(spec: AnalysisSpec, schema: StudySchema, diagnostics: SpecDiagnostics) {
    let example = "stem_score ~ treated | learner_id + year"
    keys = RegressionKeys(
      spec, schema: schema, diagnostics: diagnostics, example: example,
      allowFixedEffects: true, allowsBootstrap: true)
    let r = keys.reader
    weights = r.numericColumn("weights", schema: schema, label: "weight column")
    subgroupMargins =
      r.entry("marginal_effects") == nil
      ? nil : SubgroupMarginsSpec.read(r, schema: schema, diagnostics: diagnostics)
    if let parsed = keys.parsed, parsed.fixedEffects.isEmpty {
      diagnostics.report(
        r.child("formula"), line: r.line(of: "formula"),
        "kind fe needs fixed effects after '|', e.g. \"\(example)\"")
    }
    if !keys.entryIsValid { return nil }
  }

  /// Fits the analysis on the prepared study data and returns its document, tables and findings.
  public func run(_ context: AnalysisContext) throws -> AnalysisOutcome {
    var request = keys.request(model: "fe")
    request.weights = weights
    let result = try Self.fixedEffects(request, data: context.data)
    var document = try keys.document(result)
    var tables: [ReportTable] = []
    var figures: [Figure] = []
    try subgroupMargins?.attach(
      rows: result.rows, context: context, name: keys.name, level: keys.level,
      document: &document, tables: &tables, figures: &figures, effects: result.marginalEffects)
    let column = RegressionColumn.make(
      result, label: keys.name, model: "OLS, fixed effects",
      statistics: [
        .init("R²", NumberText.fixed(result.rSquared, digits: 3)),
        .init("Within R²", NumberText.fixed(result.withinRSquared, digits: 3)),
        .init("RMSE", NumberText.fixed(result.sigma, digits: 3)),
      ], level: keys.level)
    let binaryTerms = LinearModelAnalysis.binaryTerms(context.data, column.rows)
    var findings = Findings.regression(
      column, focus: keys.focus, nobs: result.nobs, binaryTerms: binaryTerms)
    let reported =
      column.rows.first { $0.term == keys.focus }?.term
      ?? column.rows.first { $0.term != "(Intercept)" && $0.estimate != nil }?.term
    if let reported, binaryTerms.contains(reported), result.fixedEffectNames.count >= 2 {
      findings.append(Findings.twoWayFixedEffectsCaveat(label: keys.name, term: reported))
    }
    findings += result.warnings.map { "\(keys.name): note: \($0)" }
    return AnalysisOutcome(
      document: document, tables: tables, regression: column, figures: figures,
      findings: findings)
  }

  /// Fits a linear model with absorbed fixed effects (`FixedEffects.fit`); clustered by the
  /// first fixed effect unless a covariance is requested.
  public static func fit(_ request: FitRequest, data: DataTable) throws -> ModelFit {
    ModelFit(try fixedEffects(request, data: data))
  }

  /// `Fixed-effects OLS`; R^2, within R^2 and sigma, then how the demeaning ended.
  public static func summaryStyle(of result: any RegressionFit) -> SummaryStyle? {
    guard let fe = result as? FixedEffectsResult else { return nil }
    let d = SummaryStyle.digits
    let c = fe.convergence
    return SummaryStyle(
      title: "Fixed-effects OLS",
      fitLines: [
        "R-squared: \(d(fe.rSquared, 4)), within: \(d(fe.withinRSquared, 4)); residual "
          + "std. error: \(d(fe.sigma, 4)) on "
          + "\(NumberFormat.significant(fe.residualDegreesOfFreedom)) df",
        "Demeaning: \(SummaryStyle.converged(c)) in \(c.iterations) iterations (criterion "
          + "\(d(c.criterion ?? 0, 3)), tolerance \(d(c.tolerance ?? 0, 3)))",
      ])
  }

  static func fixedEffects(_ request: FitRequest, data: DataTable) throws -> FixedEffectsResult {
    try FixedEffects.fit(
      request.formula, data: data, weights: request.weights, vcov: request.covariance)
  }
}

import DataTable
import Formula
import Foundation
import Inference
import Models

/// `kind: ols` / `kind: wls`: a linear model by `OLS.fit` (matches R's `lm`, with covariances as
/// `sandwich`), documented by `ResultDocument.make`.
///
/// ```yaml
/// - {name: gap, kind: ols, formula: "score ~ female + ses + C(track)", vcov: {cluster: school_id}}
/// ```
public struct LinearModelAnalysis: ModelKind {
  /// The `kind:` names this analysis answers to.
  public static let kindNames = ["ols", "wls"]
  /// The spec keys this kind accepts besides `name` and `kind`.
  public static let keys = [
    "formula", "weights", "weight_kind", "vcov", "level", "solver", "focus", "marginal_effects",
  ]

  /// The `vetstat fit` options this kind uses.
  public static let cliOptions = ["weights", "weight-kind", "solver"]

  let keys: RegressionKeys
  let weights: String?
  let weightKind: WeightKind
  let solver: LeastSquaresSolver
  /// `marginal_effects: {variables: [...], by: [...]}`: effects by subgroup.
  let subgroupMargins: SubgroupMarginsSpec?

  /// Validates the analysis entry, reporting every problem with its key path and line.
  public init?(spec: AnalysisSpec, schema: StudySchema, diagnostics: SpecDiagnostics) {
    keys = RegressionKeys(
      spec, schema: schema, diagnostics: diagnostics, example: "score ~ female + ses",
      allowFixedEffects: false, allowsBootstrap: true)
    let r = keys.reader
    weights = r.numericColumn("weights", schema: schema, label: "weight column")
    weightKind = r.choice("weight_kind", label: "weight kind") ?? .analytic
    solver = r.choice("solver") ?? .qr
    subgroupMargins =
      r.entry("marginal_effects") == nil
      ? nil : SubgroupMarginsSpec.read(r, schema: schema, diagnostics: diagnostics)
    if spec.kind == "wls", weights == nil {
      diagnostics.report(r.child("weights"), line: r.line, "kind wls needs weights: COLUMN")
    }
    if !keys.entryIsValid { return nil }
  }

  /// Fits the analysis on the prepared study data and returns its document, tables and findings.
  public func run(_ context: AnalysisContext) throws -> AnalysisOutcome {
    var request = keys.request(model: weights == nil ? "ols" : "wls")
    request.weights = weights
    request.weightKind = weightKind
    request.solver = solver
    let result = try Self.linearModel(request, data: context.data)
    var document = try keys.document(result)
    var tables: [ReportTable] = []
    var figures: [Figure] = []
    try subgroupMargins?.attach(
      rows: result.rows, context: context, name: keys.name, level: keys.level,
      document: &document, tables: &tables, figures: &figures, effects: result.marginalEffects)
    let stats = result.fitStatistics
    let column = RegressionColumn.make(
      result, label: keys.name, model: weights == nil ? "OLS" : "WLS",
      statistics: [
        .init("R²", NumberText.fixed(stats.rSquared, digits: 3)),
        .init("Adj. R²", NumberText.fixed(stats.adjustedRSquared, digits: 3)),
        .init("RMSE", NumberText.fixed(stats.sigma, digits: 3)),
      ], level: keys.level)
    return AnalysisOutcome(
      document: document, tables: tables, regression: column, figures: figures,
      findings: Findings.regression(
        column, focus: keys.focus, nobs: result.nobs,
        binaryTerms: Self.binaryTerms(context.data, column.rows)))
  }

  /// Fits a linear model (`OLS.fit`): iid covariance and the QR solver unless requested.
  public static func fit(_ request: FitRequest, data: DataTable) throws -> ModelFit {
    ModelFit(try linearModel(request, data: data))
  }

  /// `OLS` or `WLS (kind weights: column)`; R^2, adjusted R^2 and the overall F test, then
  /// sigma, log-likelihood, AIC and BIC.
  public static func summaryStyle(of result: any RegressionFit) -> SummaryStyle? {
    guard let ols = result as? OLSResult else { return nil }
    let d = SummaryStyle.digits
    let stats = ols.fitStatistics
    var fit = "R-squared: \(d(stats.rSquared, 4)), adjusted: \(d(stats.adjustedRSquared, 4))"
    if let fStatistic = stats.fStatistic {
      fit +=
        "; F(\(NumberFormat.significant(stats.fNumeratorDF)), "
        + "\(NumberFormat.significant(stats.fDenominatorDF))) = \(d(fStatistic, 4)) (iid)"
    }
    return SummaryStyle(
      title: ols.weightsColumn.map { "WLS (\(ols.weightKind.rawValue) weights: \($0))" } ?? "OLS",
      fitLines: [
        fit,
        "Residual std. error: \(d(stats.sigma, 4)) on "
          + "\(NumberFormat.significant(ols.residualDegreesOfFreedom)) df; log-likelihood: "
          + "\(d(ols.logLikelihood, 7)); AIC: \(d(ols.aic, 7)); BIC: \(d(ols.bic, 7))",
      ])
  }

  static func linearModel(_ request: FitRequest, data: DataTable) throws -> OLSResult {
    try OLS.fit(
      request.formula, data: data, weights: request.weights, weightKind: request.weightKind,
      vcov: request.covariance ?? .iid, solver: request.solver ?? .qr)
  }

  /// Terms that are columns holding only 0 and 1 (or true/false).
  static func binaryTerms(_ data: DataTable, _ rows: [RegressionColumn.Row]) -> Set<String> {
    Set(
      rows.map(\.term).filter { term in
        guard let column = data[term], let values = column.doubles() else { return false }
        return values.allSatisfy { $0.isNaN || $0 == 0 || $0 == 1 }
      })
  }
}

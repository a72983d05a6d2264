import DataTable
import Foundation
import Inference
import Models

/// `kind: re` / `fd` / `between`: the classical panel estimators by `PanelEstimators.fit`
/// (random effects with Swamy-Arora components, first differences, between; as R's `plm`), on
/// the unit and time columns of the study's `data.panel` declaration.
///
/// ```yaml
/// - {name: growth, kind: re, formula: "stem_score ~ ses + year_c", vcov: hc1}
/// ```
public struct PanelAnalysis: ModelKind {
  /// The `kind:` names this analysis answers to.
  public static let kindNames = PanelModel.allCases.map(\.rawValue)
  /// The spec keys this kind accepts besides `name` and `kind`.
  public static let keys = ["formula", "vcov", "level", "focus"]
  /// The `vetstat fit` options this kind uses.
  public static let cliOptions = ["panel-unit", "panel-time"]

  let keys: RegressionKeys
  let model: PanelModel
  let unit: String
  let time: String

  /// Validates the analysis entry, reporting every problem with its key path and line.
  public init?(spec: AnalysisSpec, schema: StudySchema, diagnostics: SpecDiagnostics) {
    keys = RegressionKeys(
      spec, schema: schema, diagnostics: diagnostics, example: "score ~ ses + year_c",
      allowFixedEffects: false)
    let r = keys.reader
    model = PanelModel(rawValue: spec.kind) ?? .randomEffects
    unit = schema.panel?.unit ?? ""
    time = schema.panel?.time ?? ""
    if unit.isEmpty || time.isEmpty {
      diagnostics.report(
        r.child("kind"), line: r.line(of: "kind"),
        "kind \(spec.kind) needs the panel's unit and time: data: {panel: {unit: ..., time: ...}}")
    }
    if !keys.entryIsValid { return nil }
  }

  /// Fits the analysis on the prepared study data and returns its document and findings.
  public func run(_ context: AnalysisContext) throws -> AnalysisOutcome {
    var request = keys.request(model: model.rawValue)
    request.panelUnit = unit
    request.panelTime = time
    let result = try Self.panel(request, data: context.data)
    let column = RegressionColumn.make(
      result, label: keys.name, model: Self.label(model),
      statistics: [
        .init("Units", RegressionTableBuilder.thousands(result.units)),
        .init("R²", NumberText.fixed(result.rSquared, digits: 3)),
      ], level: keys.level)
    var findings = Findings.regression(column, focus: keys.focus, nobs: result.nobs)
    findings += result.warnings.map { "\(keys.name): note: \($0)" }
    return AnalysisOutcome(
      document: ResultDocument.make(result, level: keys.level), regression: column,
      findings: findings)
  }

  /// Fits a random-effects, first-difference or between model on the request's panel columns.
  public static func fit(_ request: FitRequest, data: DataTable) throws -> ModelFit {
    ModelFit(try panel(request, data: data))
  }

  /// The estimator's name, R^2 of the estimating regression and the variance components of
  /// random effects; clusters are not listed (plm's summary).
  public static func summaryStyle(of result: any RegressionFit) -> SummaryStyle? {
    guard let panel = result as? PanelResult else { return nil }
    let d = SummaryStyle.digits
    let title: String
    switch panel.model {
    case .randomEffects: title = "Random effects (Swamy-Arora)"
    case .firstDifferences: title = "First differences"
    case .between: title = "Between (unit means)"
    }
    var lines = [
      "R-squared: \(d(panel.rSquared, 4)) on "
        + "\(NumberFormat.significant(panel.residualDegreesOfFreedom)) residual df"
    ]
    if let v = panel.varianceComponents {
      lines.append(
        "Variance components: idiosyncratic \(d(v.idiosyncratic, 5)), individual "
          + "\(d(v.individual, 5))")
    }
    return SummaryStyle(title: title, listsClusters: false, fitLines: lines)
  }

  static func panel(_ request: FitRequest, data: DataTable) throws -> PanelResult {
    guard let model = PanelModel(rawValue: request.model), let unit = request.panelUnit,
      let time = request.panelTime
    else {
      throw ModelError.unsupported(
        "model \(request.model) needs the panel's unit and time columns")
    }
    return try PanelEstimators.fit(
      request.formula, data: data, model: model, unit: unit, time: time,
      vcov: request.covariance ?? .iid)
  }

  /// The estimator's name in a regression table.
  static func label(_ model: PanelModel) -> String {
    switch model {
    case .randomEffects: return "Random effects"
    case .firstDifferences: return "First differences"
    case .between: return "Between"
    }
  }
}

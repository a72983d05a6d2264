import DataTable
import Formula
import Foundation
import Inference
import Models

/// `kind: logit` / `probit` / `poisson`: a generalized linear model by `GLM.fit` (matches R's
/// `glm` with `sandwich` covariances), with average marginal effects on request.
///
/// ```yaml
/// - {name: gap, kind: logit, formula: "stem_enrolled ~ female * year_c + ses + C(track)",
///    vcov: {cluster: school_id}, marginal_effects: [female]}
/// ```
///
/// With fixed effects after `|` the fit is `FixedEffectsGLM` (fixest `feglm`; see
/// GLMAnalysis+FixedEffects.swift).
public struct GLMAnalysis: ModelKind {
  /// The `kind:` names this analysis answers to.
  public static let kindNames = ["logit", "probit", "poisson"]
  /// The spec keys this kind accepts besides `name` and `kind`.
  public static let keys = [
    "formula", "weights", "offset", "vcov", "level", "solver", "focus", "marginal_effects",
    "margins_at", "exponentiate",
  ]

  /// The `vetstat fit` options this kind uses.
  public static let cliOptions = [
    "link", "weights", "offset", "solver", "margins", "margins-at", "exponentiate",
    "max-iterations",
  ]

  let keys: RegressionKeys
  let family: GLMFamily
  let weights: String?
  let offset: String?
  let solver: LeastSquaresSolver?
  let marginalVariables: [String]?
  /// `marginal_effects: {variables: [...], by: [...]}`: effects by subgroup.
  let subgroupMargins: SubgroupMarginsSpec?
  let marginsAt: MarginalEffectsAt
  let exponentiate: Bool
  /// True when the formula has fixed effects after `|` (fitted by `FixedEffectsGLM`).
  let fixedEffects: Bool

  /// Validates the analysis entry, reporting every problem with its key path and line.
  public init?(spec: AnalysisSpec, schema: StudySchema, diagnostics: SpecDiagnostics) {
    keys = RegressionKeys(
      spec, schema: schema, diagnostics: diagnostics,
      example: "stem_enrolled ~ female + ses", allowFixedEffects: true)
    let r = keys.reader
    family = Self.family(of: spec.kind)
    weights = r.numericColumn("weights", schema: schema)
    offset = r.numericColumn("offset", schema: schema)
    exponentiate = r.bool("exponentiate") ?? false
    solver = r.choice("solver")
    marginsAt = r.choice("margins_at") ?? .average
    subgroupMargins =
      SubgroupMarginsSpec.isMapping(r)
      ? SubgroupMarginsSpec.read(r, schema: schema, diagnostics: diagnostics) : nil
    let margins = subgroupMargins == nil ? r.names("marginal_effects") : nil
    marginalVariables = margins?.map(\.name)
    for (i, variable) in (margins ?? []).enumerated() {
      _ = schema.checkColumn(
        variable.name, keyPath: "\(r.child("marginal_effects"))[\(i)]", line: variable.line,
        diagnostics: diagnostics)
    }
    fixedEffects = keys.parsed.map { !$0.fixedEffects.isEmpty } ?? false
    if fixedEffects { Self.checkFixedEffects(r, family: family, diagnostics: diagnostics) }
    if !keys.entryIsValid { return nil }
  }

  /// Fits the analysis on the prepared study data and returns its document, tables and findings.
  public func run(_ context: AnalysisContext) throws -> AnalysisOutcome {
    if fixedEffects { return try runFixedEffects(context) }
    var request = keys.request(model: family.modelName)
    request.family = family
    request.weights = weights
    request.offset = offset
    request.solver = solver
    request.marginalEffects = marginalVariables
    request.marginsAt = marginsAt
    let fit = try Self.glm(request, data: context.data)
    let (result, effects) = (fit.result, fit.marginalEffects)
    var document = ResultDocument.make(
      result, level: keys.level, marginalEffects: effects, marginsAt: marginsAt,
      exponentiate: exponentiate)
    let stats = result.statistics
    let modelName = ResultDocument.modelName(family)
    let column = RegressionColumn.make(
      result, label: keys.name, model: modelName.prefix(1).uppercased() + modelName.dropFirst(),
      statistics: [
        .init("Pseudo R² (McFadden)", NumberText.fixed(stats.mcFaddenRSquared, digits: 3)),
        .init("Log-likelihood", NumberText.fixed(stats.logLikelihood, digits: 1)),
        .init("AIC", NumberText.fixed(result.aic, digits: 1)),
      ], level: keys.level)
    let response = column.response
    var tables: [ReportTable] = []
    var figures: [Figure] = []
    if let effects, !effects.isEmpty {
      tables.append(marginsTable(effects))
    }
    try subgroupMargins?.attach(
      rows: result.rows, context: context, name: keys.name, level: keys.level,
      document: &document, tables: &tables, figures: &figures, effects: result.marginalEffects)
    var findings = finding(effects: effects, response: response, nobs: result.nobs)
    findings += result.warnings.map { "\(keys.name): note: \($0)" }
    return AnalysisOutcome(
      document: document, tables: tables, regression: column, figures: figures,
      findings: findings)
  }

  /// Fits a GLM (`GLM.fit`, marginal effects on request), or with fixed effects after `|` a
  /// fixed-effects GLM (`FixedEffectsGLM.fit`, clustered by the first effect unless a
  /// covariance is requested).
  public static func fit(_ request: FitRequest, data: DataTable) throws -> ModelFit {
    let family = request.family ?? Self.family(of: request.model)
    if try !Formula(request.formula).fixedEffects.isEmpty {
      return ModelFit(
        try FixedEffectsGLM.fit(
          request.formula, data: data, family: family, vcov: request.covariance,
          maxIterations: request.maxIterations ?? 100))
    }
    let fit = try glm(request, data: data)
    return ModelFit(fit.result, marginalEffects: fit.marginalEffects, marginsAt: request.marginsAt)
  }

  /// `GLM logit (binomial(logit))` with prior weights and offset, deviances, likelihood and
  /// IRLS; with fixed effects `Fixed-effects logit (...)`, deviance, likelihood and IRLS.
  public static func summaryStyle(of result: any RegressionFit) -> SummaryStyle? {
    let d = SummaryStyle.digits
    let c = result.convergence
    if let fe = result as? FixedEffectsGLMResult {
      return SummaryStyle(
        title: "Fixed-effects \(fe.modelName) (\(fe.family))",
        fitLines: [
          "Deviance: \(d(fe.deviance, 8)); log-likelihood: \(d(fe.logLikelihood, 8))",
          "IRLS: \(SummaryStyle.converged(c)) in \(c.iterations) iterations (tolerance "
            + "\(d(c.tolerance ?? 0, 3)))",
        ])
    }
    guard let glm = result as? GLMResult else { return nil }
    let stats = glm.statistics
    return SummaryStyle(
      title: "GLM \(glm.modelName) (\(glm.family))",
      inputs: (glm.weightsColumn.map { "; prior weights: \($0)" } ?? "")
        + (glm.offsetColumn.map { "; offset: \($0)" } ?? ""),
      fitLines: [
        "Deviance: \(d(stats.deviance, 7)) on "
          + "\(NumberFormat.significant(glm.residualDegreesOfFreedom)) df; null deviance: "
          + "\(d(stats.nullDeviance, 7)) on \(NumberFormat.significant(stats.dfNull)) df"
          + (glm.family.hasFixedDispersion ? "" : "; dispersion: \(d(stats.dispersion, 5))"),
        "Log-likelihood: \(d(glm.logLikelihood, 7)); AIC: \(d(glm.aic, 7)); "
          + "BIC: \(d(glm.bic, 7)); McFadden R-squared: \(d(stats.mcFaddenRSquared, 4))",
        "IRLS: converged in \(c.iterations) iterations"
          + (c.stepHalvings > 0 ? " (\(c.stepHalvings) step halvings)" : ""),
      ])
  }

  /// A GLM without fixed effects and its marginal effects (every regressor when the request
  /// names none).
  static func glm(_ request: FitRequest, data: DataTable) throws
    -> (result: GLMResult, marginalEffects: [MarginalEffect]?)
  {
    let result = try GLM.fit(
      request.formula, data: data, family: request.family ?? family(of: request.model),
      weights: request.weights, offset: request.offset, vcov: request.covariance ?? .iid,
      control: GLMControl(solver: request.solver ?? .cholesky))
    let effects = try request.marginalEffects.map {
      try result.marginalEffects(
        at: request.marginsAt, variables: $0.isEmpty ? nil : $0, level: request.level)
    }
    return (result, effects)
  }

  /// The family of a GLM model name (`logit`, `probit`, `poisson`).
  static func family(of model: String) -> GLMFamily {
    switch model {
    case "probit": return .binomial(.probit)
    case "poisson": return .poisson(.log)
    default: return .binomial(.logit)
    }
  }

  /// The main finding: the average marginal effect of the focus variable when computed (on the
  /// probability or count scale), else the coefficient as an odds or rate ratio.
  func finding(effects: [MarginalEffect]?, response: String, nobs: Int) -> [String] {
    let percent = Int((keys.level * 100).rounded())
    if let effects,
      let effect = (keys.focus.flatMap { f in effects.first { $0.term == f } }) ?? effects.first
    {
      let scale = isBinomial ? "the probability of \(response) = 1" : "the expected \(response)"
      let size =
        isBinomial
        ? "\(NumberText.fixed(abs(effect.estimate) * 100, digits: 1)) percentage points"
        : NumberText.fixed(abs(effect.estimate), digits: 3)
      let direction = effect.estimate >= 0 ? "higher" : "lower"
      var sentence =
        "\(keys.name) (\(ResultDocument.modelName(family)) of \(response), "
        + "\(RegressionTableBuilder.thousands(nobs)) observations): \(scale) is \(size) \(direction) "
        + Self.effectWording(effect, at: marginsAt) + "; "
        + "\(percent)% CI \(NumberText.fixed(effect.confidenceLow * (isBinomial ? 100 : 1), digits: 1)) to "
        + "\(NumberText.fixed(effect.confidenceHigh * (isBinomial ? 100 : 1), digits: 1))"
        + "\(isBinomial ? " points" : ""), \(NumberText.pValue(effect.pValue)))."
      if effect.confidenceLow < 0 && effect.confidenceHigh > 0 {
        sentence += " The interval includes zero."
      }
      return [sentence]
    }
    return [
      "\(keys.name): \(ResultDocument.modelName(family)) model of \(response) on \(RegressionTableBuilder.thousands(nobs)) observations; see the regression table (coefficients on the link scale)."
    ]
  }

  /// What the effect compares, in words: the 0-to-1 contrast of a dummy, a factor level against
  /// the reference level, or the derivative of a numeric regressor.
  static func effectWording(_ effect: MarginalEffect, at: MarginalEffectsAt) -> String {
    let averaged = at == .average ? "averaged over the sample" : "at the means of the regressors"
    switch effect.kind {
    case .discreteChange where !effect.term.contains("["):
      return "where \(effect.term) = 1 than where \(effect.term) = 0 (contrast \(averaged)"
    case .discreteChange:
      return "for \(effect.term) than for the reference level (contrast \(averaged)"
    case .derivative:
      return "per unit of \(effect.term) (marginal effect \(averaged)"
    }
  }

  /// True for the binomial family (effects on a probability, reported in percentage points).
  var isBinomial: Bool {
    if case .binomial = family { return true }
    return false
  }

  /// The marginal effects as a report table.
  func marginsTable(_ effects: [MarginalEffect]) -> ReportTable {
    let percent = Int((keys.level * 100).rounded())
    return ReportTable(
      id: "\(keys.name)_marginal_effects",
      title:
        "\(keys.name): \(marginsAt == .average ? "average marginal effects" : "marginal effects at the means") (response scale)",
      header: [
        "term", "kind", "estimate", "std. error", "p-value", "\(percent)% CI low",
        "\(percent)% CI high",
      ],
      rows: effects.map {
        [
          .text($0.term), .text($0.kind.rawValue), .number($0.estimate, digits: 4),
          .number($0.standardError, digits: 4), .text(NumberText.pValue($0.pValue)),
          .number($0.confidenceLow, digits: 4), .number($0.confidenceHigh, digits: 4),
        ]
      })
  }
}

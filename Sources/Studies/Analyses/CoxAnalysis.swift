import DataTable
import Foundation
import Inference
import Models

/// The Cox proportional-hazards model as a registry model: `kind: cox`, `vetstat fit --model cox`.
///
/// It is the model of `kind: survival, method: cox`. The spec takes the survival
/// keys (`time`, `event`, `entry`, `strata`, `ties`, `cluster`, `formula` with the covariates);
/// its result document is the Cox model's, with the Kaplan-Meier part under `survival`. The
/// command line names the spell columns with `--time`, `--event`, `--entry` and `--strata`.
///
/// ```yaml
/// - {name: leaving, kind: cox, time: months, event: left_early, formula: "female + ses",
///    cluster: learner_id}
/// ```
public struct CoxAnalysis: ModelKind {
  /// The `kind:` names this analysis answers to.
  public static let kindNames = ["cox"]
  /// The spec keys this kind accepts besides `name` and `kind`.
  public static let keys = SurvivalAnalysis.keys.filter { $0 != "method" && $0 != "link" }
  /// The `vetstat fit` options this kind uses.
  public static let cliOptions = ["time", "event", "entry", "strata", "ties"]

  let survival: SurvivalAnalysis

  /// Validates the analysis entry as `kind: survival, method: cox`.
  public init?(spec: AnalysisSpec, schema: StudySchema, diagnostics: SpecDiagnostics) {
    guard
      var survival = SurvivalAnalysis(
        spec: spec, schema: schema, diagnostics: diagnostics, method: .cox)
    else { return nil }
    survival.documentsCox = true
    self.survival = survival
  }

  /// Fits the model with its curves, counts and disclosure control (as `kind: survival`).
  public func run(_ context: AnalysisContext) throws -> AnalysisOutcome {
    try survival.run(context)
  }

  /// Fits a request: `request.survival` names the spell columns, the formula the covariates
  /// (`~ x1 + x2` or `x1 + x2`); `--vcov hc0` is the robust covariance, `--cluster COL` the
  /// cluster-robust one.
  /// - Throws: `ModelError.unsupported` without `--time` and `--event` or for another
  ///   covariance; data, formula and survival errors.
  public static func fit(_ request: FitRequest, data: DataTable) throws -> ModelFit {
    guard let columns = request.survival else {
      throw ModelError.unsupported("model cox needs --time COLUMN and --event COLUMN")
    }
    var cluster: String?
    switch request.covariance ?? .iid {
    case .iid, .heteroskedastic(.hc0): break
    case .cluster(let names, _) where names.count == 1: cluster = names[0]
    case let other:
      throw ModelError.unsupported(
        "a Cox model offers the covariances iid, hc0 (robust) and cluster (one column); not "
          + "\(other)")
    }
    let analysis = SurvivalAnalysis(
      cox: request, columns: columns, cluster: cluster)
    var result = try analysis.coxFit(analysis.sample(data))
    if request.covariance == .heteroskedastic(.hc0) {
      result = try result.withCovariance(.heteroskedastic(.hc0))
    }
    return ModelFit(result)
  }

  /// survival's `print.coxph` footer: the likelihood-ratio, Wald and score tests and the events.
  public static func summaryStyle(of result: any RegressionFit) -> SummaryStyle? {
    guard let fit = result as? CoxResult else { return nil }
    let d = SummaryStyle.digits
    func line(_ tests: [SurvivalTest]) -> String {
      tests.map {
        "\($0.name) \(d($0.statistic, 6)) on \($0.degreesOfFreedom) df, p = \(d($0.pValue, 4))"
      }.joined(separator: "; ")
    }
    let proportional = fit.proportionalHazards
    return SummaryStyle(
      title: "Cox proportional hazards (\(fit.ties.rawValue) ties)",
      fitLines: [
        "Events: \(fit.events); log-likelihood: \(d(fit.logLikelihood, 7)) (null "
          + "\(d(fit.nullLogLikelihood, 7))); AIC: \(d(fit.aic, 7)); "
          + SummaryStyle.converged(fit.convergence),
        "Tests: " + line(fit.tests.filter { !proportional.contains($0) }),
        "Proportional hazards (cox.zph, km): " + line(proportional),
      ])
  }
}

extension SurvivalAnalysis {
  /// The analysis behind `vetstat fit --model cox`: the request's formula, level and spell
  /// columns, clustered by `cluster` when given.
  init(cox request: FitRequest, columns: SurvivalColumns, cluster: String?) {
    name = "cox"
    method = .cox
    time = columns.time
    event = columns.event
    entry = columns.entry
    by = nil
    strata = columns.strata
    formula = Self.rightHandSide(request.formula)
    ties = columns.ties
    link = .logit
    self.cluster = cluster
    level = request.level
    confidenceType = .log
    riskTimes = nil
    title = nil
  }

  /// The Cox model of the sample (one routine for `kind: survival`, `kind: cox` and `vetstat fit`).
  func coxFit(_ sample: Sample) throws -> CoxResult {
    let outcomeText = "Surv(\(entry.map { "\($0), " } ?? "")\(time), \(event))"
    return try CoxRegression.fit(
      sample.spells, covariates: sample.covariates, names: sample.names, strata: sample.strata,
      cluster: cluster.map { ($0, sample.cluster ?? []) },
      options: CoxOptions(ties: ties, covariance: cluster.map { .cluster($0) } ?? .iid),
      formula: "\(outcomeText) ~ \(formula ?? "1")", termLabels: sample.termLabels)
  }
}

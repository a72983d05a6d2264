import ArgumentParser
import Foundation
import VETStat

/// `vetstat fit DATA --formula F ...`: one model, one table (or the JSON result document).
struct FitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fit",
    abstract: "Fit one model and print its coefficient table (or its result document with --json).",
    discussion: """
      Covariance (--vcov): iid, hc0, hc1, hc2, hc3, cluster (with --cluster COL or COL1,COL2),
      hac (Newey-West by unit; --panel-unit, --panel-time, --lags), driscoll-kraay (--panel-time,
      --lags). Small-sample correction for clustering (--small-sample): stata (default; =
      sandwich::vcovCL HC1, CR1), fixest (default for --model fe), statsmodels, none.
      Panel models: fe (fixed effects after | in the formula; default covariance clustered by the
      first fixed effect, as fixest; logit, probit and poisson take fixed effects after | too,
      as fixest's feglm), re (random effects), fd (first differences), between; re, fd
      and between need --panel-unit and --panel-time.

      Examples:
        vetstat fit mtcars.csv --formula "mpg ~ wt + hp + C(cyl)" --vcov hc3
        vetstat fit grunfeld.csv --formula "inv ~ value + capital" --cluster firm,year --json
        vetstat fit panel.csv --formula "score ~ female + ses" --weights w --weight-kind frequency
        vetstat fit panel.csv --formula "stem_enrolled ~ female * year_c + C(track)" --model logit \
          --cluster school_id --margins
        vetstat fit claims.csv --formula "claims ~ C(district) + age" --model poisson \
          --offset log_holders --exponentiate
        vetstat fit panel.csv --formula "score ~ stem_enrolled | learner_id + year" --model fe \
          --cluster school_id
        vetstat fit panel.csv --formula "stem_enrolled ~ ses + age | school_id + year" --model logit
      """)

  @Argument(help: "Data file (CSV: delimiter , ; or tab detected).")
  var data: String

  @Option(help: "Model formula, e.g. \"score ~ female * year_c + C(track)\".")
  var formula: String

  @Option(
    help: "Model: ols (default; wls with --weights), logit, probit, poisson, fe, re, fd, between.")
  var model: String = "ols"

  @Option(help: "Link of a GLM: logit, probit, cloglog (binary), log (poisson).")
  var link: String?

  @Option(help: "Offset column of a GLM (added to the linear predictor, e.g. log exposure).")
  var offset: String?

  @Flag(help: "Add marginal effects of every regressor (GLMs).")
  var margins = false

  @Option(help: "Where marginal effects are evaluated: average (AME, default) or means (MEM).")
  var marginsAt: String = "average"

  @Flag(help: "Add exponentiated estimates and intervals (odds / incidence-rate ratios; GLMs).")
  var exponentiate = false

  @Option(
    help:
      "Covariance: iid, hc0, hc1, hc2, hc3, cluster. Default iid, or cluster when --cluster is given."
  )
  var vcov: String?

  @Option(help: "Cluster column(s), comma-separated (one or two).")
  var cluster: String?

  @Option(
    help:
      "Small-sample correction for clustered covariances: stata (default), fixest (default for fe), statsmodels, none."
  )
  var smallSample: String?

  @Option(help: "Panel unit column (for re, fd, between and --vcov hac).")
  var panelUnit: String?

  @Option(help: "Panel time column, numeric (for re, fd, between, --vcov hac and driscoll-kraay).")
  var panelTime: String?

  @Option(help: "Lags of the hac / driscoll-kraay kernel (default floor(T^(1/4)), as plm).")
  var lags: Int?

  @Option(help: "Weight column.")
  var weights: String?

  @Option(help: "Weight kind: analytic (precision weights, default) or frequency.")
  var weightKind: String = "analytic"

  @Option(
    help: "Least-squares solver: qr (default for linear models) or cholesky (default for GLMs).")
  var solver: String?

  @Option(help: "IRLS iteration limit of a GLM with fixed effects (default 100).")
  var maxIterations: Int?

  @Option(help: "Confidence level of the intervals.")
  var level: Double = 0.95

  @Flag(help: "Print the result document (JSON) instead of the table.")
  var json = false

  func validate() throws {
    guard level > 0, level < 1 else { throw ValidationError("--level must be between 0 and 1") }
    if let maxIterations, maxIterations < 1 {
      throw ValidationError("--max-iterations must be 1 or more, got \(maxIterations)")
    }
  }

  func run() throws {
    let isFE = model.lowercased() == "fe" || formula.contains("|")
    let options = try FitOptions(
      model: model, vcov: vcov, cluster: cluster,
      smallSample: smallSample ?? (isFE ? "fixest" : "stata"), weights: weights,
      weightKind: weightKind, solver: solver ?? "qr", link: link, panelUnit: panelUnit,
      panelTime: panelTime, lags: lags)
    if let family = options.family {
      try runGLM(family: family, options: options)
      return
    }
    if offset != nil || margins || exponentiate {
      throw UsageError(
        "--offset, --margins and --exponentiate need --model logit, probit or poisson")
    }
    let table = try FitColumns.read(path: data, formula: formula, options: options)
    if try runPanel(options, table: table) { return }
    let result = try OLS.fit(
      formula, data: table, weights: options.weights, weightKind: options.weightKind,
      vcov: options.covariance, solver: options.solver)
    if json {
      print(ResultDocument.make(result, level: level).serialized(), terminator: "")
    } else {
      print(ModelSummaryText.render(result, source: data, level: level), terminator: "")
    }
  }

  /// Fits a GLM and prints its table or result document.
  func runGLM(family: GLMFamily, options: FitOptions) throws {
    if try runFixedEffectsGLM(family: family, options: options) { return }
    guard let at = MarginalEffectsAt(rawValue: marginsAt.lowercased()) else {
      throw UsageError("unknown --margins-at '\(marginsAt)' (choose average or means)")
    }
    let table = try FitColumns.read(path: data, formula: formula, options: options, offset: offset)
    let result = try GLM.fit(
      formula, data: table, family: family, weights: options.weights, offset: offset,
      vcov: options.covariance,
      control: GLMControl(solver: solver == nil ? .cholesky : options.solver))
    let effects = margins ? try result.marginalEffects(at: at, level: level) : nil
    if json {
      let document = ResultDocument.make(
        result, level: level, marginalEffects: effects, marginsAt: at, exponentiate: exponentiate)
      print(document.serialized(), terminator: "")
    } else {
      print(
        ModelSummaryText.render(
          result, source: data, level: level, marginalEffects: effects, marginsAt: at,
          exponentiate: exponentiate),
        terminator: "")
    }
  }

  /// Fits and prints the panel models; false when the model is not one of them.
  private func runPanel(_ options: FitOptions, table: DataTable) throws -> Bool {
    if options.model == "fe" {
      let result = try FixedEffects.fit(
        formula, data: table, weights: options.weights,
        vcov: options.usesDefaultCovariance ? nil : options.covariance)
      print(
        json
          ? ResultDocument.make(result, level: level).serialized()
          : ModelSummaryText.render(result, source: data, level: level), terminator: "")
      return true
    }
    guard let panelModel = PanelModel(rawValue: options.model), let unit = options.panelUnit,
      let time = options.panelTime
    else { return false }
    let result = try PanelEstimators.fit(
      formula, data: table, model: panelModel, unit: unit, time: time, vcov: options.covariance)
    print(
      json
        ? ResultDocument.make(result, level: level).serialized()
        : ModelSummaryText.render(result, source: data, level: level), terminator: "")
    return true
  }
}

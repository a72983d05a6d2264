import ArgumentParser
import Foundation
import VETStat

/// `vetstat fit DATA --formula F ...`: one model, one table (or the JSON result document).
struct FitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fit",
    abstract: "Fit one model and print its coefficient table (or its result document with --json).",
    discussion: """
      Covariance (--vcov): iid, hc0, hc1, hc2, hc3, cluster (with --cluster COL or COL1,COL2).
      Small-sample correction for clustering (--small-sample): stata (default; = sandwich::vcovCL
      HC1, CR1), fixest, statsmodels, none.

      Examples:
        vetstat fit mtcars.csv --formula "mpg ~ wt + hp + C(cyl)" --vcov hc3
        vetstat fit grunfeld.csv --formula "inv ~ value + capital" --cluster firm,year --json
        vetstat fit panel.csv --formula "score ~ female + ses" --weights w --weight-kind frequency
        vetstat fit panel.csv --formula "stem_enrolled ~ female * year_c + C(track)" --model logit \
          --cluster school_id --margins
        vetstat fit claims.csv --formula "claims ~ C(district) + age" --model poisson \
          --offset log_holders --exponentiate
      """)

  @Argument(help: "Data file (CSV: delimiter , ; or tab detected).")
  var data: String

  @Option(help: "Model formula, e.g. \"score ~ female * year_c + C(track)\".")
  var formula: String

  @Option(help: "Model: ols (default; wls with --weights), logit, probit, poisson.")
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

  @Option(help: "Covariance: iid, hc0, hc1, hc2, hc3, cluster. Default iid, or cluster when --cluster is given.")
  var vcov: String?

  @Option(help: "Cluster column(s), comma-separated (one or two).")
  var cluster: String?

  @Option(help: "Small-sample correction for clustered covariances: stata, fixest, statsmodels, none.")
  var smallSample: String = "stata"

  @Option(help: "Weight column.")
  var weights: String?

  @Option(help: "Weight kind: analytic (precision weights, default) or frequency.")
  var weightKind: String = "analytic"

  @Option(help: "Least-squares solver: qr (default for linear models) or cholesky (default for GLMs).")
  var solver: String?

  @Option(help: "Confidence level of the intervals.")
  var level: Double = 0.95

  @Flag(help: "Print the result document (JSON) instead of the table.")
  var json = false

  func validate() throws {
    guard level > 0, level < 1 else { throw ValidationError("--level must be between 0 and 1") }
  }

  func run() throws {
    let options = try FitOptions(
      model: model, vcov: vcov, cluster: cluster, smallSample: smallSample, weights: weights,
      weightKind: weightKind, solver: solver ?? "qr", link: link)
    if let family = options.family {
      try runGLM(family: family, options: options)
      return
    }
    if offset != nil || margins || exponentiate {
      throw UsageError("--offset, --margins and --exponentiate need --model logit, probit or poisson")
    }
    let table = try CSVReader.read(path: data)
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
    guard let at = MarginalEffectsAt(rawValue: marginsAt.lowercased()) else {
      throw UsageError("unknown --margins-at '\(marginsAt)' (choose average or means)")
    }
    let table = try CSVReader.read(path: data)
    let result = try GLM.fit(
      formula, data: table, family: family, weights: options.weights, offset: offset,
      vcov: options.covariance, control: GLMControl(solver: solver == nil ? .cholesky : options.solver))
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
}

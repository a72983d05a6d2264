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
      """)

  @Argument(help: "Data file (CSV: delimiter , ; or tab detected).")
  var data: String

  @Option(help: "Model formula, e.g. \"score ~ female * year_c + C(track)\".")
  var formula: String

  @Option(help: "Model: ols (default; wls with --weights).")
  var model: String = "ols"

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

  @Option(help: "Least-squares solver: qr (default) or cholesky.")
  var solver: String = "qr"

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
      weightKind: weightKind, solver: solver)
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
}

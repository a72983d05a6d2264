import DataTable
import Foundation
import Inference
import Models

/// The options of one model fit given as text (command line, spec), checked and turned into typed
/// values; every mistake is a `UsageError` that names the option and the valid choices.
public struct FitOptions: Sendable {
  /// Models this version fits.
  public static let availableModels = [
    "ols", "wls", "logit", "probit", "poisson", "fe", "re", "fd", "between",
  ]
  /// Models of the CLI contract that later versions add.
  public static let plannedModels = ["lmm"]
  /// Link names accepted by `--link` (with logit, probit or poisson).
  public static let linkNames = LinkFunction.allCases.map(\.rawValue)
  /// Covariance names accepted by `--vcov`.
  public static let covarianceNames = [
    "iid", "hc0", "hc1", "hc2", "hc3", "cluster", "hac", "driscoll-kraay",
  ]
  /// Panel models that need `--panel-unit` and `--panel-time`.
  public static let panelModels = ["re", "fd", "between"]

  /// The model name, lowercased.
  public let model: String
  /// True when neither `--vcov` nor `--cluster` was given (each model then uses its default:
  /// iid, or for `fe` clustering by the first fixed effect).
  public let usesDefaultCovariance: Bool
  /// The panel's unit column (`--panel-unit`), if given.
  public let panelUnit: String?
  /// The panel's time column (`--panel-time`), if given.
  public let panelTime: String?

  /// The covariance type.
  public let covariance: CovarianceType
  /// Weight column, if any.
  public let weights: String?
  /// Weight kind.
  public let weightKind: WeightKind
  /// Solver.
  public let solver: LeastSquaresSolver
  /// The GLM family and link for `--model logit|probit|poisson` (`nil` for linear models).
  public let family: GLMFamily?

  /// Checks and converts textual options.
  /// - Throws: `UsageError` naming the option.
  public init(
    model: String, vcov: String?, cluster: String?, smallSample: String, weights: String?,
    weightKind: String, solver: String, link: String? = nil, panelUnit: String? = nil,
    panelTime: String? = nil, lags: Int? = nil
  ) throws {
    let model = model.lowercased()
    self.model = model
    self.panelUnit = panelUnit
    self.panelTime = panelTime
    usesDefaultCovariance = vcov == nil && cluster == nil
    if !Self.availableModels.contains(model) {
      if Self.plannedModels.contains(model) {
        throw UsageError(
          "--model \(model) is not available in this version of vetstat (available: "
            + Self.availableModels.joined(separator: ", ") + ")")
      }
      throw UsageError(
        "unknown --model '\(model)'"
          + (NameSuggestion.nearest(to: model, among: Self.availableModels + Self.plannedModels).map
          { "; did you mean '\($0)'?" } ?? "")
          + " (available: " + Self.availableModels.joined(separator: ", ") + ")")
    }
    if Self.panelModels.contains(model), panelUnit == nil || panelTime == nil {
      throw UsageError("--model \(model) needs --panel-unit COLUMN and --panel-time COLUMN")
    }
    if Self.panelModels.contains(model), weights != nil {
      throw UsageError("--weights is not available with --model \(model)")
    }
    if model == "wls", weights == nil { throw UsageError("--model wls needs --weights COLUMN") }
    let clusters = cluster.map {
      $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
        !$0.isEmpty
      }
    }
    let vcovName = (vcov ?? (clusters == nil ? "iid" : "cluster")).lowercased()
    guard let correction = SmallSampleCorrection.presets[smallSample.lowercased()] else {
      throw UsageError(
        "unknown --small-sample '\(smallSample)' (choose stata, fixest, statsmodels or none)")
    }
    switch vcovName {
    case "iid": covariance = .iid
    case "hc0", "hc1", "hc2", "hc3":
      covariance = .heteroskedastic(HCType(rawValue: vcovName) ?? .hc1)
    case "cluster":
      guard let clusters, !clusters.isEmpty else {
        throw UsageError("--vcov cluster needs --cluster COLUMN (or COLUMN1,COLUMN2)")
      }
      guard clusters.count <= 2 else {
        throw UsageError("--cluster takes one or two columns, got \(clusters.count)")
      }
      covariance = .cluster(clusters, correction)
    case "hac":
      guard let panelUnit, let panelTime else {
        throw UsageError("--vcov hac needs --panel-unit COLUMN and --panel-time COLUMN")
      }
      covariance = .hac(unit: panelUnit, time: panelTime, lags: lags)
    case "driscoll-kraay":
      guard let panelTime else {
        throw UsageError("--vcov driscoll-kraay needs --panel-time COLUMN")
      }
      covariance = .driscollKraay(time: panelTime, lags: lags)
    default:
      throw UsageError(
        "unknown --vcov '\(vcovName)'"
          + (NameSuggestion.nearest(to: vcovName, among: Self.covarianceNames).map {
            "; did you mean '\($0)'?"
          } ?? "")
          + " (choose \(Self.covarianceNames.joined(separator: ", ")))")
    }
    if clusters != nil, vcovName != "cluster" {
      throw UsageError("--cluster is only used with --vcov cluster (got --vcov \(vcovName))")
    }
    if let lags, lags < 0 { throw UsageError("--lags must be 0 or more, got \(lags)") }
    if lags != nil, vcovName != "hac", vcovName != "driscoll-kraay" {
      throw UsageError("--lags is only used with --vcov hac or driscoll-kraay")
    }
    guard let kind = WeightKind(rawValue: weightKind.lowercased()) else {
      throw UsageError("unknown --weight-kind '\(weightKind)' (choose analytic or frequency)")
    }
    guard let solverValue = LeastSquaresSolver(rawValue: solver.lowercased()) else {
      throw UsageError("unknown --solver '\(solver)' (choose qr or cholesky)")
    }
    family = try Self.family(model: model, link: link)
    if family != nil, kind == .frequency {
      throw UsageError(
        "--weight-kind frequency is for linear models; GLM weights are prior weights")
    }
    self.weights = weights
    self.weightKind = kind
    self.solver = solverValue
  }
}

extension FitOptions {
  /// The family of a GLM model name with an optional link override.
  /// - Throws: `UsageError` for an unknown link or `--link` with a linear model.
  static func family(model: String, link: String?) throws -> GLMFamily? {
    var chosen: LinkFunction? = nil
    if let link {
      guard let value = LinkFunction(rawValue: link.lowercased()) else {
        throw UsageError(
          "unknown --link '\(link)'"
            + (NameSuggestion.nearest(to: link, among: linkNames).map { "; did you mean '\($0)'?" }
              ?? "")
            + " (choose " + linkNames.joined(separator: ", ") + ")")
      }
      chosen = value
    }
    switch model {
    case "logit", "probit":
      if let chosen, chosen != .logit, chosen != .probit, chosen != .cloglog {
        throw UsageError(
          "--model \(model) takes --link logit, probit or cloglog, not \(chosen.rawValue)")
      }
      return .binomial(chosen ?? (model == "logit" ? .logit : .probit))
    case "poisson":
      if let chosen, chosen != .log {
        throw UsageError("--model poisson takes --link log, not \(chosen.rawValue)")
      }
      return .poisson(.log)
    default:
      if link != nil {
        throw UsageError("--link is only used with --model logit, probit or poisson")
      }
      return nil
    }
  }
}

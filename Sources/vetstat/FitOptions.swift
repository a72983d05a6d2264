import Foundation
import VETStat

/// The options of one `vetstat fit` given as text on the command line, checked and turned into typed
/// values; every mistake is a `UsageError` that names the option and the valid choices.
public struct FitOptions: Sendable {
  /// Models this version fits (the model registry's names).
  public static var availableModels: [String] { ModelRegistry.modelNames }
  /// Models of the CLI contract that later versions add.
  public static let plannedModels = ModelRegistry.plannedModels
  /// Link names accepted by `--link` (with logit, probit or poisson).
  public static let linkNames = LinkFunction.allCases.map(\.rawValue)
  /// Covariance names accepted by `--vcov` (the same as in specs).
  public static let covarianceNames = CovarianceReader.names
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
    do {
      covariance = try CovarianceReader.read(
        name: vcov, clusters: clusters, smallSample: smallSample, panelUnit: panelUnit,
        panelTime: panelTime, lags: lags)
    } catch let problem as CovarianceReader.Problem {
      throw UsageError(problem.message)
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

  /// The registry request of these options for a formula.
  /// - Parameters:
  ///   - formula: the formula as written.
  ///   - solverGiven: whether a solver was named (otherwise the model's default).
  /// - Returns: the request.
  public func request(formula: String, solverGiven: Bool) -> FitRequest {
    var request = FitRequest(model: model, formula: formula)
    request.covariance = usesDefaultCovariance ? nil : covariance
    request.weights = weights
    request.weightKind = weightKind
    request.solver = solverGiven ? solver : nil
    request.family = family
    request.panelUnit = panelUnit
    request.panelTime = panelTime
    return request
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

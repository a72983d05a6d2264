import DataTable
import Inference
import Models

/// Every model `vetstat fit` and study specs can fit, in one list: the CLI's `--model` names, the
/// spec's model `kind:` names and the covariance types both accept come from here.
public enum ModelRegistry {
  /// The model kinds, in the order listed in messages.
  ///
  /// A new model adds its line here.
  public static let kinds: [any ModelKind.Type] = [
    LinearModelAnalysis.self,
    GLMAnalysis.self,
    FixedEffectsAnalysis.self,
    PanelAnalysis.self,
    MixedModelAnalysis.self,
    LogisticMixedModelAnalysis.self,
    DiDAnalysis.self,
    CoxAnalysis.self,
  ]

  /// Models of the CLI contract that later versions add.
  public static let plannedModels: [String] = []

  /// Every model name.
  public static var modelNames: [String] { kinds.flatMap { $0.kindNames } }

  /// Covariance type names both `vetstat fit --vcov` and spec `vcov:` accept.
  public static let covarianceNames = CovarianceReader.names

  /// The kind handling a model name, after `resolve(model:formula:)`.
  public static func kind(named name: String) -> (any ModelKind.Type)? {
    kinds.first { $0.kindNames.contains(name) }
  }

  /// The model a request really asks for: a formula with fixed effects after `|` selects the
  /// fixed-effects variant of the requested family, as fixest does (`ols`/`wls` become `fe`;
  /// logit, probit and poisson fit their fixed-effects GLM themselves).
  /// - Parameters:
  ///   - model: the requested model name (lowercased).
  ///   - formula: the formula as written.
  /// - Returns: the model name to fit.
  public static func resolve(model: String, formula: String) -> String {
    guard formula.contains("|"), model == "ols" || model == "wls" else { return model }
    return "fe"
  }

  /// How the text summary words a result: by the kind that fitted it, else generically.
  /// - Parameter result: the fit.
  /// - Returns: the style.
  public static func summaryStyle(of result: any RegressionFit) -> SummaryStyle {
    if let bootstrapped = result as? WildBootstrappedFit {
      return summaryStyle(of: bootstrapped.base)
    }
    for kind in kinds {
      if let style = kind.summaryStyle(of: result) { return style }
    }
    return .generic(result)
  }

  /// Fits a request with its model's kind.
  /// - Throws: `ModelError.unsupported` for an unknown model name; what the kind's fit throws.
  public static func fit(_ request: FitRequest, data: DataTable) throws -> ModelFit {
    var request = request
    request.model = resolve(model: request.model, formula: request.formula)
    guard let kind = kind(named: request.model) else {
      throw ModelError.unsupported(
        "unknown model '\(request.model)' (available: \(modelNames.joined(separator: ", ")))")
    }
    let fit = try kind.fit(request, data: data)
    return try request.bootstrap?.apply(to: fit) ?? fit
  }
}

import Inference
import Models

/// One model fit asked for by `vetstat fit` or by a study spec, in typed values and without any
/// notion of where it came from: the model registry turns it into a fit.
public struct FitRequest: Sendable {
  /// The model name (`ols`, `logit`, `fe`, `re`...), as in `ModelRegistry.modelNames`.
  public var model: String
  /// The formula as written.
  public var formula: String
  /// The covariance type, or `nil` for the model's default (iid; clustering by the first fixed
  /// effect for fixed-effects models).
  public var covariance: CovarianceType?
  /// Weight column, if any.
  public var weights: String?
  /// How linear-model weights are understood.
  public var weightKind: WeightKind = .analytic
  /// Least-squares solver, or `nil` for the model's default.
  public var solver: LeastSquaresSolver?
  /// Family and link of a GLM (logit, probit, poisson kinds).
  public var family: GLMFamily?
  /// Offset column of a GLM, if any.
  public var offset: String?
  /// Panel unit and time columns (random effects, first differences, between).
  public var panelUnit: String?
  /// Panel time column.
  public var panelTime: String?
  /// Variables whose marginal effects are wanted: `nil` none, empty every regressor.
  public var marginalEffects: [String]?
  /// Where marginal effects are evaluated.
  public var marginsAt: MarginalEffectsAt = .average
  /// IRLS iteration limit of a GLM with fixed effects.
  public var maxIterations: Int?
  /// Confidence level of intervals and marginal effects.
  public var level: Double = 0.95
  /// A wild cluster bootstrap of every coefficient, or `nil`.
  public var bootstrap: WildBootstrapRequest?
  /// REML (true, the default) or maximum likelihood for a mixed model.
  public var reml = true
  /// Quadrature points of a logistic mixed model (1: Laplace; 2 to 25: adaptive Gauss-Hermite).
  public var quadraturePoints = 1
  /// The spell columns of a survival model (`--model cox`).
  public var survival: SurvivalColumns?
  /// The design of a difference-in-differences (`--model did`): columns, comparison units,
  /// estimator and bootstrap; the outcome, covariates and level come from the request.
  public var callawaySantAnna: CallawaySantAnnaOptions?

  /// Creates a request for a model and formula; the rest takes its defaults.
  /// - Parameters:
  ///   - model: the model name.
  ///   - formula: the formula.
  public init(model: String, formula: String) {
    self.model = model
    self.formula = formula
  }
}

/// What the registry's fit returns: the result, seen through the result protocol, and the
/// marginal effects when they were asked for.
public struct ModelFit: Sendable {
  /// A result the shared regression renderers write, or one whose kind rendered it.
  enum Content: Sendable {
    case regression(any RegressionFit)
    case rendered(any EstimationResult, document: JSONValue, summary: @Sendable (String?) -> String)
  }

  let content: Content
  /// Marginal effects, when requested.
  public let marginalEffects: [MarginalEffect]?
  /// Where they were evaluated.
  public let marginsAt: MarginalEffectsAt

  /// The fitted result, seen through the result protocol.
  public var estimation: any EstimationResult {
    switch content {
    case .regression(let result): return result
    case .rendered(let result, _, _): return result
    }
  }

  /// The fitted regression, or `nil` for a result that is not one (`did`).
  public var result: (any RegressionFit)? {
    if case .regression(let result) = content { return result }
    return nil
  }

  /// Creates a fit.
  public init(
    _ result: any RegressionFit, marginalEffects: [MarginalEffect]? = nil,
    marginsAt: MarginalEffectsAt = .average
  ) {
    content = .regression(result)
    self.marginalEffects = marginalEffects
    self.marginsAt = marginsAt
  }

  /// Creates the fit of a model whose result is not a regression: its kind gives the result
  /// document and the text summary.
  /// - Parameters:
  ///   - result: the result.
  ///   - document: its result document.
  ///   - summary: its text summary, given the data file name to show.
  public init(
    _ result: any EstimationResult, document: JSONValue,
    summary: @escaping @Sendable (String?) -> String
  ) {
    content = .rendered(result, document: document, summary: summary)
    marginalEffects = nil
    marginsAt = .average
  }

  /// The result document (DESIGN.md section 4).
  /// - Parameters:
  ///   - level: confidence level.
  ///   - exponentiate: add exponentiated estimates.
  /// - Returns: the document as a JSON value, with marginal effects when they were asked for.
  public func document(level: Double, exponentiate: Bool = false) -> JSONValue {
    switch content {
    case .regression(let result):
      return ResultDocument.make(
        result, level: level, marginalEffects: marginalEffects, marginsAt: marginsAt,
        exponentiate: exponentiate)
    case .rendered(_, let document, _): return document
    }
  }

  /// The text summary of `vetstat fit`.
  /// - Parameters:
  ///   - source: the data file name to show.
  ///   - level: confidence level.
  ///   - exponentiate: add exponentiated estimates.
  /// - Returns: the summary text, ending with a newline.
  public func summary(source: String?, level: Double, exponentiate: Bool = false) -> String {
    switch content {
    case .regression(let result):
      return ModelSummaryText.render(
        result, source: source, level: level, marginalEffects: marginalEffects,
        marginsAt: marginsAt, exponentiate: exponentiate)
    case .rendered(_, _, let summary): return summary(source)
    }
  }
}

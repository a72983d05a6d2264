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
  /// The fitted result.
  public let result: any RegressionFit
  /// Marginal effects, when requested.
  public let marginalEffects: [MarginalEffect]?
  /// Where they were evaluated.
  public let marginsAt: MarginalEffectsAt

  /// Creates a fit.
  public init(
    _ result: any RegressionFit, marginalEffects: [MarginalEffect]? = nil,
    marginsAt: MarginalEffectsAt = .average
  ) {
    self.result = result
    self.marginalEffects = marginalEffects
    self.marginsAt = marginsAt
  }

  /// The result document (DESIGN.md section 4).
  /// - Parameters:
  ///   - level: confidence level.
  ///   - exponentiate: add exponentiated estimates.
  /// - Returns: the document as a JSON value, with marginal effects when they were asked for.
  public func document(level: Double, exponentiate: Bool = false) -> JSONValue {
    ResultDocument.make(
      result, level: level, marginalEffects: marginalEffects, marginsAt: marginsAt,
      exponentiate: exponentiate)
  }

  /// The text summary of `vetstat fit`.
  /// - Parameters:
  ///   - source: the data file name to show.
  ///   - level: confidence level.
  ///   - exponentiate: add exponentiated estimates.
  /// - Returns: the summary text, ending with a newline.
  public func summary(source: String?, level: Double, exponentiate: Bool = false) -> String {
    ModelSummaryText.render(
      result, source: source, level: level, marginalEffects: marginalEffects,
      marginsAt: marginsAt, exponentiate: exponentiate)
  }
}

import Inference
import LinearAlgebra

/// A fitted linear mixed model (lme4 `lmer`, REML or ML): fixed effects with Satterthwaite
/// degrees of freedom (lmerTest), variance components, conditional modes and the criterion.
public struct MixedModelResult: Sendable {
  /// One variance component of a random-effect term.
  public struct VarianceComponent: Sendable, Equatable {
    /// The grouping factor.
    public let group: String
    /// The varying column (`(Intercept)`, `year_c`).
    public let term: String
    /// The variance.
    public let variance: Double
    /// Its square root.
    public var standardDeviation: Double { variance.squareRoot() }
  }

  /// The correlation of two varying columns of one term.
  public struct Correlation: Sendable, Equatable {
    /// The grouping factor.
    public let group: String
    /// First column.
    public let term1: String
    /// Second column.
    public let term2: String
    /// The correlation, `nil` when a variance is zero.
    public let correlation: Double?
  }

  /// Conditional modes (BLUPs) of one term, with their conditional covariances.
  public struct RandomEffects: Sendable {
    /// The grouping factor.
    public let group: String
    /// The varying columns.
    public let columnNames: [String]
    /// Level labels.
    public let levels: [String]
    /// Modes, level-major: `modes[level * p + column]`.
    public let modes: [Double]
    /// Conditional covariances, `levels * p * p` column-major blocks.
    public let conditionalVariances: [Double]

    /// The mode of `column` at `level`, or `nil` for unknown names.
    public func mode(level: String, column: String) -> Double? {
      guard let l = levels.firstIndex(of: level), let c = columnNames.firstIndex(of: column)
      else { return nil }
      return modes[l * columnNames.count + c]
    }

    /// The conditional variance of `column` at `level`, or `nil` for unknown names.
    public func conditionalVariance(level: String, column: String) -> Double? {
      guard let l = levels.firstIndex(of: level), let c = columnNames.firstIndex(of: column)
      else { return nil }
      let p = columnNames.count
      return conditionalVariances[l * p * p + c + c * p]
    }
  }

  /// The formula as written.
  public let formula: String
  /// The response family of a generalised mixed model (`binomial(logit)`), `nil` for a linear
  /// mixed model.
  public let family: String?
  /// True for a REML fit, false for maximum likelihood.
  public let reml: Bool
  /// Observations used.
  public let nobs: Int
  /// All fixed-effect column names, aliased ones included.
  public let terms: [String]
  /// Kept fixed effects.
  public let coefficients: CoefficientVector
  /// Covariance of the fixed effects, `sigma^2 (R_X'R_X)^-1` (lme4's `vcov`).
  public let covariance: Matrix
  /// Satterthwaite degrees of freedom per fixed effect, or `nil` when the variance parameters'
  /// Hessian is not positive definite (a boundary fit).
  public let satterthwaiteDegreesOfFreedom: [Double]?
  /// Relative covariance parameters at the optimum (lme4's `getME(fit, "theta")`, terms ordered
  /// by decreasing number of levels).
  public let theta: [Double]
  /// Residual variance sigma^2 (1 for a generalised model, whose scale is fixed).
  public let residualVariance: Double
  /// Variance components, term by term (lme4's `VarCorr` order).
  public let varianceComponents: [VarianceComponent]
  /// Correlations within terms.
  public let correlations: [Correlation]
  /// Conditional modes per term.
  public let randomEffects: [RandomEffects]
  /// The optimised criterion: REML criterion or deviance (-2 log-likelihood; for a generalised
  /// model its Laplace approximation).
  public let criterion: Double
  /// Levels per grouping factor, in term order.
  public let groupLevels: [(group: String, levels: Int)]
  /// Fitted values `X beta + Z b` on the used rows.
  public let fittedValues: [Double]
  /// Residuals on the used rows.
  public let residuals: [Double]
  /// How the optimiser ended.
  public let convergence: ConvergenceInfo
  /// The optimiser's final status in words.
  public let optimizerStatus: String
  /// True when a variance component is (near) zero or a correlation is +-1 (lme4's
  /// `isSingular`, tolerance 1e-4 on theta's diagonal).
  public let isSingular: Bool
  /// Notes on the fit.
  public let warnings: [String]
  /// What was dropped.
  public let dropped: DroppedSummary
  /// Points of the adaptive Gauss-Hermite quadrature of a generalised model (1: the Laplace
  /// approximation).
  public internal(set) var quadraturePoints = 1

  /// Number of variance parameters (theta, and sigma for a linear model).
  public var varianceParameterCount: Int { theta.count + (family == nil ? 1 : 0) }

  /// Intraclass correlation of each random-intercept term: its variance over the sum of all
  /// intercept variances and the residual variance.
  public var intraclassCorrelations: [(group: String, value: Double)] {
    let intercepts = varianceComponents.filter { $0.term == "(Intercept)" }
    // A logistic model's latent residual variance is pi^2 / 3.
    let residual = family == nil ? residualVariance : Double.pi * Double.pi / 3
    let total = intercepts.reduce(residual) { $0 + $1.variance }
    return intercepts.map { ($0.group, $0.variance / total) }
  }
}

extension MixedModelResult {
  /// The variance components and correlations of one random-effect term from its relative
  /// covariance factor: Sigma = scale * Lambda Lambda' (scale is the residual variance of a
  /// linear mixed model, 1 for the logistic one).
  /// - Parameters:
  ///   - term: the term (its group and column names).
  ///   - lambda: the term's p x p lower-triangular factor, column-major.
  ///   - scale: the factor's scale.
  /// - Returns: one component per column and one correlation per pair of columns.
  static func covarianceSummary(of term: MixedModelTerm, lambda: [Double], scale: Double)
    -> (components: [VarianceComponent], correlations: [Correlation])
  {
    let p = term.p
    var sigma = [Double](repeating: 0, count: p * p)
    for j in 0..<p {
      for i in 0..<p {
        var sum = 0.0
        for e in 0...min(i, j) { sum += lambda[i + e * p] * lambda[j + e * p] }
        sigma[i + j * p] = scale * sum
      }
    }
    let components = (0..<p).map {
      VarianceComponent(group: term.group, term: term.columnNames[$0], variance: sigma[$0 + $0 * p])
    }
    var correlations: [Correlation] = []
    for j in 0..<p {
      for i in (j + 1)..<p {
        let denominator = (sigma[i + i * p] * sigma[j + j * p]).squareRoot()
        correlations.append(
          Correlation(
            group: term.group, term1: term.columnNames[j], term2: term.columnNames[i],
            correlation: denominator > 0 ? sigma[i + j * p] / denominator : nil))
      }
    }
    return (components, correlations)
  }
}

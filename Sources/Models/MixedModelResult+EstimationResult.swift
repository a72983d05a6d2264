import Foundation
import Inference
import LinearAlgebra

extension MixedModelResult: RegressionFit {
  /// `lmm`.
  public var modelName: String { family == nil ? "lmm" : "glmm" }
  /// Model-based covariance only.
  public var covarianceType: CovarianceType { .iid }
  /// No clustering.
  public var clusterCounts: [Int] { [] }
  /// Observations minus all estimated parameters (lme4's `df.residual`).
  public var residualDegreesOfFreedom: Double { Double(nobs - parameterCount) }
  /// Tests use per-coefficient Satterthwaite degrees of freedom; normal when those are undefined.
  public var testDegreesOfFreedom: Double? { nil }
  /// Satterthwaite degrees of freedom.
  public var coefficientDegreesOfFreedom: [Double]? { satterthwaiteDegreesOfFreedom }
  /// The REML log-likelihood for a REML fit (as lme4's `logLik`), the log-likelihood otherwise.
  public var logLikelihood: Double { -criterion / 2 }
  /// Fixed effects, theta and sigma.
  public var parameterCount: Int { coefficients.values.count + varianceParameterCount }
  /// The profiled deviance and BOBYQA.
  public var solverName: String? { "bobyqa" }

  /// Only the model-based covariance is offered.
  /// - Throws: `ModelError.unsupported` for any other type.
  public func withCovariance(_ type: CovarianceType) throws -> MixedModelResult {
    guard type == .iid else {
      throw ModelError.unsupported(
        "a mixed model reports its model-based covariance only (vcov iid), not \(type)")
    }
    return self
  }

  /// Log-likelihood, AIC, BIC, and the REML criterion or the deviance.
  public var fitMeasures: [FitMeasure] {
    [
      FitMeasure("r_squared", nil), FitMeasure("adj_r_squared", nil),
      FitMeasure("log_likelihood", logLikelihood), FitMeasure("aic", aic),
      FitMeasure("bic", bic), FitMeasure("deviance", reml ? nil : criterion),
      FitMeasure("reml_criterion", reml ? criterion : nil),
    ]
  }

  /// `random_effects`, `correlations`, `residual_variance`, groups, ICC and the estimation
  /// method (DESIGN.md section 4).
  public var sections: [ResultSection] {
    let components = ResultSection(
      key: "random_effects", title: "Random effects",
      columns: [.init("group"), .init("term"), .init("variance"), .init("std_dev")],
      rows: varianceComponents.map {
        [.text($0.group), .text($0.term), .number($0.variance), .number($0.standardDeviation)]
      }
        + (family == nil
          ? [
            [
              .text("Residual"), .text(""), .number(residualVariance),
              .number(residualVariance.squareRoot()),
            ]
          ] : []),
      placement: .afterFit)
    let correlations = ResultSection(
      key: "correlations", title: "Correlations of random effects",
      columns: [.init("group"), .init("term1"), .init("term2"), .init("correlation")],
      rows: self.correlations.map {
        [.text($0.group), .text($0.term1), .text($0.term2), .number($0.correlation)]
      }, placement: .afterFit)
    let groups = ResultSection(
      key: "groups", title: "Grouping factors",
      columns: [.init("group"), .init("levels", isCount: false)],
      rows: groupLevels.map { [.text($0.group), .integer($0.levels)] }, placement: .afterFit)
    let icc = ResultSection(
      key: "icc", title: "Intraclass correlations", columns: [.init("group"), .init("icc")],
      rows: intraclassCorrelations.map { [.text($0.group), .number($0.value)] },
      placement: .afterFit)
    let df = ResultSection(
      key: "satterthwaite_df", title: "Satterthwaite degrees of freedom",
      columns: [.init("term"), .init("df")],
      rows: coefficients.names.enumerated().map { index, name in
        [.text(name), .number(satterthwaiteDegreesOfFreedom?[index])]
      }, placement: .afterCoefficients)
    let method =
      family.map {
        quadraturePoints > 1
          ? "adaptive Gauss-Hermite quadrature, \(quadraturePoints) points (\($0))"
          : "Laplace (\($0))"
      } ?? (reml ? "REML" : "ML")
    return [
      .scalar("method", title: "Estimation", .text(method), placement: .afterModel),
      groups, df, components, correlations,
      .scalar(
        "residual_variance", title: "Residual variance",
        .number(family == nil ? residualVariance : nil), placement: .afterFit),
      icc,
      .scalar("singular", title: "Singular fit", .bool(isSingular), placement: .afterConvergence),
      .scalar(
        "optimizer", title: "Optimiser", .text("bobyqa: \(optimizerStatus)"),
        placement: .afterConvergence),
    ]
  }
}

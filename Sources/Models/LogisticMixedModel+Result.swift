import Formula
import Foundation
import Inference
import LinearAlgebra
import Optimization

extension LogisticMixedModel {
  /// The result at the optimum of the Laplace deviance.
  static func result(
    problem: LaplaceProblem, optimum: Bobyqa.Result, evaluations: Int, design: DesignMatrix,
    keptNames: [String], aliased: [String], y: [Double]
  ) throws -> MixedModelResult {
    let nTheta = problem.thetaCount
    let theta = Array(optimum.x[..<nTheta])
    let beta = Array(optimum.x[nTheta...])
    var warnings: [String] = []
    if !aliased.isEmpty {
      warnings.append("aliased (collinear) terms dropped: \(aliased.joined(separator: ", "))")
    }
    let covariance = try fixedEffectCovariance(problem: problem, at: optimum.x, warnings: &warnings)
    let evaluation = try problem.evaluate(theta: theta, beta: beta)
    let conditional = try MixedModelConditionalVariance.compute(
      system: evaluation.system, factor: evaluation.factor, theta: theta, sigma2: 1)
    let parts = MixedModelResult.RandomEffectParts(
      terms: problem.terms, theta: theta, scale: 1, modes: evaluation.b,
      conditionalVariances: conditional)
    if parts.isSingular { warnings.append(MixedModelResult.RandomEffectParts.singularWarning) }
    if !optimum.converged { warnings.append("the optimiser did not converge (\(optimum.status))") }
    var result = MixedModelResult(
      formula: design.formula.text, family: "binomial(logit)", reml: false, nobs: y.count,
      terms: design.columnNames, coefficients: CoefficientVector(names: keptNames, values: beta),
      covariance: covariance, satterthwaiteDegreesOfFreedom: nil, theta: theta,
      residualVariance: 1, varianceComponents: parts.components, correlations: parts.correlations,
      randomEffects: parts.randomEffects, criterion: evaluation.deviance,
      groupLevels: problem.terms.map { ($0.group, $0.levels) }, fittedValues: evaluation.mu,
      residuals: zip(y, evaluation.mu).map { $0 - $1 },
      convergence: ConvergenceInfo(
        converged: optimum.converged, iterations: evaluations, criterion: optimum.value,
        tolerance: nil),
      optimizerStatus: optimum.status, isSingular: parts.isSingular, warnings: warnings,
      dropped: DroppedSummary(missingRows: design.droppedMissing, collinearTerms: aliased))
    result.quadraturePoints = problem.quadrature?.nodes.count ?? 1
    return result
  }

  /// `2 H^-1` on the fixed effects, H the numerical Hessian of the Laplace deviance in
  /// (theta, beta) (lme4's `vcov` with `use.hessian = TRUE`); when H is not positive definite
  /// (a boundary fit) the fixed-effect block alone is inverted and a warning says so.
  private static func fixedEffectCovariance(
    problem: LaplaceProblem, at point: [Double], warnings: inout [String]
  ) throws -> Matrix {
    let nTheta = problem.thetaCount
    let p = point.count - nTheta
    let deviance: ([Double]) -> Double? = { v in
      try? problem.evaluate(theta: Array(v[..<nTheta]), beta: Array(v[nTheta...])).deviance
    }
    guard let h = MixedModelDerivatives.hessian(deviance, at: point) else {
      throw ModelError.nothingToEstimate(
        "the Laplace deviance cannot be evaluated near the optimum")
    }
    let d = point.count
    let fixed = Array(nTheta..<d)
    if let full = try? Cholesky(Matrix(rows: d, columns: d, storage: h)) {
      let inverse = full.solve(Matrix.identity(d))
      var out = inverse.selecting(rows: fixed, columns: fixed)
      out.storage = out.storage.map { 2 * $0 }
      return out
    }
    warnings.append(
      "the deviance's Hessian is not positive definite (boundary fit); standard errors hold the "
        + "variance parameters fixed")
    let block = Matrix(rows: d, columns: d, storage: h).selecting(rows: fixed, columns: fixed)
    var out = try Cholesky(block).solve(Matrix.identity(p))
    out.storage = out.storage.map { 2 * $0 }
    return out
  }
}

import Formula
import Foundation
import Inference
import LinearAlgebra
import Optimization

/// The optimisation of the profiled deviance and the quantities of a fit at its optimum.
struct MixedModelEstimate {
  let system: MixedModelSystem
  let reml: Bool
  let optimum: Bobyqa.Result

  /// The profiled deviance or REML criterion at theta.
  ///
  /// Bates et al. 2015, eqs. 34 and 41.
  static func criterion(_ f: MixedModelFactor, system s: MixedModelSystem, reml: Bool) -> Double {
    let n = Double(s.n)
    if reml {
      let dof = n - Double(s.p)
      return f.logDetL + f.logDetRX + dof * (1 + Foundation.log(2 * Double.pi * f.pwrss / dof))
    }
    return f.logDetL + n * (1 + Foundation.log(2 * Double.pi * f.pwrss / n))
  }

  /// Minimises the criterion over theta from lme4's start (lambda = identity).
  init(system: MixedModelSystem, reml: Bool, options: Bobyqa.Options) throws {
    self.system = system
    self.reml = reml
    let start = system.terms.flatMap(\.thetaStart)
    let lower = system.terms.flatMap(\.thetaLowerBounds)
    // One factor's buffers serve every evaluation.
    var workspace = MixedModelFactor(buffersFor: system)
    let objective: ([Double]) -> Double = { theta in
      do {
        try workspace.refactor(system: system, theta: theta)
      } catch {
        return .infinity
      }
      return Self.criterion(workspace, system: system, reml: reml)
    }
    // The first search stops by lme4's rule (nloptwrap: ftol_abs = xtol_abs = 1e-8); the polish
    // then applies the caller's tighter rule from there.
    var first = options
    first.absoluteFunctionTolerance = max(options.absoluteFunctionTolerance, 1e-8)
    first.absoluteParameterTolerance = max(options.absoluteParameterTolerance, 1e-8)
    do {
      optimum = try MixedModelSearch.minimize(
        start: start, lower: lower, search: first, polish: options, objective: objective)
    } catch OptimizationError.nonFiniteObjective {
      // The factorisation failed at the start: report why.
      _ = try MixedModelFactor(system: system, theta: start)
      throw ModelError.nothingToEstimate("the mixed model's criterion is not finite at the start")
    }
  }

  /// The result at the optimum; the system was built on `y - X betaShift`.
  func result(
    design: DesignMatrix, keptNames: [String], aliased: [String], y: [Double], x: Matrix,
    betaShift: [Double], satterthwaite: Bool
  ) throws -> MixedModelResult {
    let s = system
    let theta = optimum.x
    var f = try MixedModelFactor(system: s, theta: theta)
    let criterion = Self.criterion(f, system: s, reml: reml)
    let solution = MixedModelSolution(system: s, factor: f, theta: theta)
    let dof = Double(reml ? s.n - s.p : s.n)
    let sigma2 = f.pwrss / dof
    // vcov(beta) = sigma^2 (R_X' R_X)^-1.
    let range = Array(s.qRest..<(s.qRest + s.p))
    let rx = f.tail.selecting(rows: range, columns: range)
    let rxInverse = try solveTriangular(rx, Matrix.identity(s.p), upper: true, transpose: false)
    var covariance = rxInverse.multiplied(by: rxInverse, transposingOther: true)
    covariance.storage = covariance.storage.map { $0 * sigma2 }
    let conditional = try MixedModelConditionalVariance.compute(
      system: s, factor: f, theta: theta, sigma2: sigma2)
    let parts = MixedModelResult.RandomEffectParts(
      terms: s.terms, theta: theta, scale: sigma2, modes: solution.b,
      conditionalVariances: conditional)
    let beta = zip(solution.beta, betaShift).map { $0 + $1 }
    var fitted = x.multiplied(by: beta)
    for (index, term) in s.terms.enumerated() {
      let b = solution.b[index]
      for i in 0..<s.n {
        let level = Int(term.codes[i])
        for c in 0..<term.p { fitted[i] += term.values[i + c * s.n] * b[level * term.p + c] }
      }
    }
    let residuals = zip(y, fitted).map { $0 - $1 }
    var warnings: [String] = []
    if !aliased.isEmpty {
      warnings.append("aliased (collinear) terms dropped: \(aliased.joined(separator: ", "))")
    }
    if parts.isSingular { warnings.append(MixedModelResult.RandomEffectParts.singularWarning) }
    if !optimum.converged {
      warnings.append("the optimiser did not converge (\(optimum.status))")
    }
    let df =
      satterthwaite
      ? MixedModelSatterthwaite.degreesOfFreedom(
        system: s, theta: theta, sigma: sigma2.squareRoot(), reml: reml, workspace: &f) : nil
    if satterthwaite, df == nil {
      warnings.append(
        "Satterthwaite degrees of freedom are undefined (the variance parameters' Hessian is "
          + "not positive definite); tests use the normal distribution")
    }
    return MixedModelResult(
      formula: design.formula.text, family: nil, reml: reml, nobs: s.n, terms: design.columnNames,
      coefficients: CoefficientVector(names: keptNames, values: beta),
      covariance: covariance, satterthwaiteDegreesOfFreedom: df, theta: theta,
      residualVariance: sigma2, varianceComponents: parts.components,
      correlations: parts.correlations,
      randomEffects: parts.randomEffects, criterion: criterion,
      groupLevels: s.terms.map { ($0.group, $0.levels) }, fittedValues: fitted,
      residuals: residuals,
      convergence: ConvergenceInfo(
        converged: optimum.converged, iterations: optimum.evaluations, criterion: optimum.value,
        tolerance: nil),
      optimizerStatus: optimum.status, isSingular: parts.isSingular, warnings: warnings,
      dropped: DroppedSummary(missingRows: design.droppedMissing, collinearTerms: aliased))
  }
}

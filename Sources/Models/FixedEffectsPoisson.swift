import DataTable
import Foundation
import Formula
import Inference
import LinearAlgebra

/// Poisson regression with high-dimensional fixed effects, as `fixest::fepois` / pyfixest
/// `fepois`: `count ~ x | school_id + year`. Observations in a fixed-effect level whose outcome
/// is zero throughout are dropped and counted (their effect is minus infinity; fixest calls this
/// separation), as are singletons. The IRLS here is self-contained (it does not use the GLM
/// families of Models/GLM*.swift): each step demeans the working response and the regressors
/// with weights mu and solves weighted least squares, until the deviance changes by less than
/// `tolerance` relative. The default covariance clusters by the first fixed effect (fixest).
public enum FixedEffectsPoisson {
  /// Fits the model.
  /// - Parameters:
  ///   - formula: `y ~ regressors | fe1 + fe2`; y a non-negative count.
  ///   - data: the table.
  ///   - vcov: covariance in force; `nil` clusters by the first fixed effect (fixest rule).
  ///   - options: demeaning, singletons and non-convergence settings.
  ///   - tolerance: relative deviance change that ends IRLS (default 1e-10).
  ///   - maxIterations: IRLS iteration limit (default 100).
  /// - Returns: an immutable result.
  /// - Throws: `FormulaError`/`DataError` for bad input, `ModelError` for a negative outcome or
  ///   nothing left to estimate, `FixedEffectsError` when IRLS or the demeaning does not converge.
  public static func fit(
    _ formula: String, data: DataTable, vcov: CovarianceType? = nil,
    options: FixedEffectsOptions = .default, tolerance: Double = 1e-10, maxIterations: Int = 100
  ) throws -> FixedEffectsPoissonResult {
    let parsed = try Formula(formula)
    guard !parsed.fixedEffects.isEmpty else {
      throw FormulaError.unsupported(formula: formula, message: "fixed effects after '|' are needed")
    }
    let labels = parsed.fixedEffects.map(\.label)
    let covariance = vcov ?? .cluster([labels[0]], .fixest)
    let extra = covariance.requiredColumns.filter { data[$0] != nil || !labels.contains($0) }
    for name in extra { _ = try data.column(named: name) }
    var design = try DesignMatrix.build(parsed, data: data, requiring: extra)
    guard var y = design.response else {
      throw FormulaError.unsupported(formula: formula, message: "a response (y ~ ...) is needed")
    }
    if let bad = y.indices.first(where: { !(y[$0] >= 0) || !y[$0].isFinite }) {
      throw ModelError.unsupported(
        "Poisson outcome must be a finite count >= 0; data row \(design.rows[bad] + 1) has \(y[bad])")
    }
    var factors = try parsed.fixedEffects.map {
      try FixedEffectFactor(term: $0, data: data, rows: design.rows, formula: formula)
    }
    var singletons = 0
    var separated = 0
    while true {
      var keep = [Bool](repeating: true, count: y.count)
      var removed = 0
      for factor in factors {
        var total = [Double](repeating: 0, count: factor.levelCount)
        for i in y.indices { total[Int(factor.codes[i])] += y[i] }
        for i in y.indices where keep[i] && total[Int(factor.codes[i])] == 0 {
          keep[i] = false
          removed += 1
        }
      }
      separated += removed
      var positions = y.indices.filter { keep[$0] }
      if options.removeSingletons {
        let restricted = factors.map { $0.restricted(to: positions) }
        let (kept, dropped) = SingletonRemoval.keptPositions(restricted)
        singletons += dropped
        positions = kept.map { positions[$0] }
        removed += dropped
      }
      if positions.isEmpty {
        throw ModelError.nothingToEstimate(
          "no observation is left after dropping fixed-effect levels with an outcome of zero "
            + "throughout and singletons")
      }
      if removed == 0 { break }
      design = design.restricted(to: positions)
      y = positions.map { y[$0] }
      factors = factors.map { $0.restricted(to: positions) }
    }
    let irls = PoissonIRLS(
      design: design, y: y, factors: factors, options: options, tolerance: tolerance,
      maxIterations: maxIterations)
    let solved = try irls.run()
    let dof = FixedEffectDegreesOfFreedom(factors: factors, rule: options.redundantLevels)
    let core = FixedEffectsPoissonResult.Core(
      formula: formula, terms: solved.names, aliased: solved.aliased,
      coefficients: CoefficientVector(names: solved.keptNames, values: solved.beta),
      nobs: y.count, deviance: solved.deviance, logLikelihood: solved.logLikelihood,
      whitenedDesign: solved.xw, whitenedResiduals: solved.residualsW, bread: solved.bread,
      data: data, rows: design.rows, droppedMissing: design.droppedMissing,
      singletons: singletons, separated: separated, factors: factors, degreesOfFreedom: dof,
      iterations: solved.iterations, converged: solved.converged, warnings: solved.warnings)
    return try FixedEffectsPoissonResult(core: core, covarianceType: covariance)
  }
}

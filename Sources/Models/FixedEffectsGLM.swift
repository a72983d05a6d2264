import DataTable
import Formula
import Foundation
import Inference
import LinearAlgebra

/// Generalised linear models with high-dimensional fixed effects, as `fixest::feglm` /
/// `fixest::fepois` and pyfixest `feglm` / `fepois`: `stem_enrolled ~ ses + age | school_id +
/// year` with the logit, probit or Poisson (log link) family.
///
/// Fixed-effect levels whose outcome never varies (all 0 or all 1 for the binomial, all 0 for
/// counts) are dropped with singletons, iteratively, and counted (fixest's `fixef.rm`); their
/// effects would be infinite. The slopes come from one IRLS with weighted demeaning shared by the
/// families (`FixedEffectsIRLS`). Fitted values at the boundary after that (separation by the
/// regressors) give a warning. The default covariance clusters by the first fixed effect with
/// fixest's small-sample rule; tests are z tests, as fixest and pyfixest do for GLMs. Estimates
/// and standard errors match pyfixest 0.60 to 1e-6 (Tests/Fixtures/panel/feglm_generate.py).
///
/// ```swift
/// let fit = try FixedEffectsGLM.fit(
///   "stem_enrolled ~ early_leaver + ses | school_id + year", data: table, family: .logit)
/// ```
public enum FixedEffectsGLM {
  /// Families with a fixed-effects fit: binomial with logit or probit link, Poisson with log.
  public static func supports(_ family: GLMFamily) -> Bool {
    switch family {
    case .binomial(.logit), .binomial(.probit), .poisson(.log): return true
    default: return false
    }
  }

  /// Fits the model.
  /// - Parameters:
  ///   - formula: `y ~ regressors | fe1 + fe2`; y binary 0/1 (binomial) or a count >= 0.
  ///   - data: the table.
  ///   - family: `.logit`, `.probit` or `.poissonLog`.
  ///   - vcov: covariance in force; `nil` clusters by the first fixed effect (fixest rule).
  ///   - options: demeaning, singletons, redundant levels and non-convergence settings.
  ///   - tolerance: relative deviance change that ends IRLS (default 1e-10).
  ///   - maxIterations: IRLS iteration limit (default 100).
  /// - Returns: an immutable result.
  /// - Throws: `FormulaError`/`DataError` for bad input; `ModelError` for an unsupported family,
  ///   an outcome outside the family's range, or nothing left to estimate;
  ///   `FixedEffectsError` when IRLS or the demeaning does not converge (with `.fail`).
  public static func fit(
    _ formula: String, data: DataTable, family: GLMFamily, vcov: CovarianceType? = nil,
    options: FixedEffectsOptions = .default, tolerance: Double = 1e-10, maxIterations: Int = 100
  ) throws -> FixedEffectsGLMResult {
    guard supports(family) else {
      throw ModelError.unsupported(
        "fixed effects after '|' are available for logit, probit and poisson (log link), "
          + "not \(family)")
    }
    let parsed = try ModelFormula.parse(
      formula, fixedEffects: .required("fixed effects after '|' are needed"),
      randomEffects: "random-effect terms ( | ) cannot be combined with a GLM")
    let (covariance, extra) = ModelFormula.fixedEffectsCovariance(parsed, vcov: vcov, data: data)
    try ModelFormula.requireColumns(extra, in: data)
    let labels = parsed.fixedEffects.map(\.label)
    var design = try DesignMatrix.build(parsed, data: data, requiring: extra)
    guard var y = design.response else {
      throw FormulaError.unsupported(formula: formula, message: "a response (y ~ ...) is needed")
    }
    try checkOutcome(y, family: family, design: design)
    var factors = try parsed.fixedEffects.map {
      try FixedEffectFactor(term: $0, data: data, rows: design.rows, formula: formula)
    }
    let binomial: Bool
    if case .binomial = family { binomial = true } else { binomial = false }
    let filter = OutcomeVariationFilter.run(
      y: y, factors: factors, binomial: binomial, removeSingletons: options.removeSingletons)
    if filter.kept.isEmpty {
      throw ModelError.nothingToEstimate(
        "no observation is left after dropping fixed-effect levels whose outcome does not vary "
          + "(\(filter.noVariation) observations) and singletons (\(filter.singletons))")
    }
    if filter.kept.count < y.count {
      design = design.restricted(to: filter.kept)
      y = filter.kept.map { y[$0] }
      factors = factors.map { $0.restricted(to: filter.kept) }
    }
    let irls = FixedEffectsIRLS(
      design: design, y: y, factors: factors, family: family, options: options,
      tolerance: tolerance, maxIterations: maxIterations)
    let solved = try irls.run()
    var warnings = solved.warnings
    if filter.noVariation > 0 {
      let what = binomial ? "all 0 or all 1" : "all 0"
      warnings.insert(
        "\(filter.noVariation) observations dropped in fixed-effect levels whose outcome is "
          + "\(what) ("
          + zip(labels, filter.noVariationLevels).map { "\($0): \($1) levels" }
          .joined(separator: ", ") + ")", at: 0)
    }
    let dropped = FixedEffectsGLMResult.Dropped(
      missingRows: design.droppedMissing, singletons: filter.singletons,
      noVariation: filter.noVariation, noVariationLevels: filter.noVariationLevels)
    let dof = FixedEffectDegreesOfFreedom(factors: factors, rule: options.redundantLevels)
    let parameters = solved.keptNames.count + dof.parameters
    let regression = try RegressionCore(
      formula: formula, terms: solved.names, aliased: solved.aliased,
      coefficients: CoefficientVector(names: solved.keptNames, values: solved.beta),
      nobs: y.count, residualDegreesOfFreedom: Double(y.count - parameters),
      bread: solved.bread, scoreDesign: solved.xw, scoreResiduals: solved.residualsW, data: data,
      rows: design.rows, warnings: warnings,
      rules: .fixedEffectsGLM(
        nobs: y.count, parameters: parameters, factors: factors, degreesOfFreedom: dof),
      covarianceType: covariance)
    let details = FixedEffectsGLMResult.Details(
      family: family, deviance: solved.deviance, logLikelihood: solved.logLikelihood,
      dropped: dropped, factors: factors, degreesOfFreedom: dof,
      convergence: ConvergenceInfo(
        converged: solved.converged, iterations: solved.iterations, criterion: nil,
        tolerance: tolerance),
      linearPredictor: solved.eta)
    return FixedEffectsGLMResult(regression: regression, details: details)
  }

  /// The outcome must be 0/1 for the binomial and a finite count >= 0 for the Poisson.
  static func checkOutcome(_ y: [Double], family: GLMFamily, design: DesignMatrix) throws {
    let column = design.formula.response?.text ?? "response"
    if case .binomial = family {
      if let bad = y.indices.first(where: { y[$0] != 0 && y[$0] != 1 }) {
        throw ModelError.badResponse(
          column: column,
          message: "a fixed-effects \(family) needs a 0/1 outcome; data row "
            + "\(design.rows[bad] + 1) has \(y[bad])")
      }
    } else if let bad = y.indices.first(where: { !(y[$0] >= 0) || !y[$0].isFinite }) {
      throw ModelError.badResponse(
        column: column,
        message: "Poisson outcome must be a finite count >= 0; data row "
          + "\(design.rows[bad] + 1) has \(y[bad])")
    }
  }
}

/// Poisson regression with high-dimensional fixed effects, as `fixest::fepois` / pyfixest `fepois`:
/// `FixedEffectsGLM` with the Poisson family (log link).
///
/// Levels whose outcome is zero throughout are dropped and counted, as are singletons.
public enum FixedEffectsPoisson {
  /// Fits the model (see `FixedEffectsGLM.fit`).
  /// - Parameters:
  ///   - formula: `y ~ regressors | fe1 + fe2`; y a non-negative count.
  ///   - data: the table.
  ///   - vcov: covariance in force; `nil` clusters by the first fixed effect (fixest rule).
  ///   - options: demeaning, singletons and non-convergence settings.
  ///   - tolerance: relative deviance change that ends IRLS (default 1e-10).
  ///   - maxIterations: IRLS iteration limit (default 100).
  /// - Returns: an immutable result.
  /// - Throws: as `FixedEffectsGLM.fit`.
  public static func fit(
    _ formula: String, data: DataTable, vcov: CovarianceType? = nil,
    options: FixedEffectsOptions = .default, tolerance: Double = 1e-10, maxIterations: Int = 100
  ) throws -> FixedEffectsPoissonResult {
    try FixedEffectsGLM.fit(
      formula, data: data, family: .poissonLog, vcov: vcov, options: options,
      tolerance: tolerance, maxIterations: maxIterations)
  }
}

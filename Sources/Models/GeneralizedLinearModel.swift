import DataTable
import Formula
import Inference
import LinearAlgebra

/// Generalised linear models by IRLS, as R's `glm` (estimates, deviances, `logLik`; covariances
/// match `sandwich::vcovHC` / `vcovCL` on the `glm` object; z tests as `lmtest::coeftest`).
///
/// ```swift
/// let fit = try GLM.fit("stem_enrolled ~ female * year_c + C(track)", data: table,
///                       family: .binomial(.logit), vcov: .cluster("school_id"))
/// fit.coefficients["female"]
/// ```
public enum GLM {
  /// Fits a generalised linear model.
  /// - Parameters:
  ///   - formula: model formula, e.g. `"stem_enrolled ~ female * year_c + C(track)"`.
  ///   - data: the table.
  ///   - family: family and link, e.g. `.binomial(.logit)`, `.poisson(.log)`.
  ///   - weights: prior weight column (binomial: number of trials when y is a proportion).
  ///   - offset: column added to the linear predictor with coefficient 1 (e.g. log exposure).
  ///   - vcov: covariance type in force on the result (others via `withCovariance`).
  ///   - control: IRLS tolerance, iteration limit and solver.
  /// - Returns: an immutable result; separation and aliasing are reported in its warnings.
  /// - Throws: `FormulaError`/`DataError` for bad formulas and columns; `ModelError` for bad
  ///   weights, offsets, a response outside the family's range or a constant binary/count
  ///   response, an unsupported family/link pair, too few clusters; `ConvergenceError` when IRLS
  ///   does not converge.
  public static func fit(
    _ formula: String, data: DataTable, family: GLMFamily, weights: String? = nil,
    offset: String? = nil, vcov: CovarianceType = .iid, control: GLMControl = .default
  ) throws -> GLMResult {
    let refusal = "GLMs take no fixed-effect '|' or random-effect ( | ) terms"
    let parsed = try ModelFormula.parse(
      formula, fixedEffects: .refused(refusal), randomEffects: refusal)
    var extra = vcov.requiredColumns
    if let weights { extra.append(weights) }
    if let offset { extra.append(offset) }
    try ModelFormula.requireColumns(extra, in: data)
    let design = try DesignMatrix.build(parsed, data: data, requiring: extra)
    return try fit(
      design: design, data: data, family: family, weights: weights, offset: offset, vcov: vcov,
      control: control)
  }

  /// Fits a GLM to a design already built (used by other estimators and by margins).
  /// - Parameters: as `fit(_:data:family:...)`, with the design in place of the formula.
  /// - Returns: an immutable result.
  /// - Throws: as `fit(_:data:family:...)`.
  public static func fit(
    design: DesignMatrix, data: DataTable, family: GLMFamily, weights: String? = nil,
    offset: String? = nil, vcov: CovarianceType = .iid, control: GLMControl = .default
  ) throws -> GLMResult {
    try checkLink(family)
    guard let response = design.response else {
      throw FormulaError.unsupported(
        formula: design.formula.text, message: "a response (y ~ ...) is needed")
    }
    var (design, y, w, warnings) = try OLS.weightedRows(
      design: design, response: response, data: data, weights: weights)
    var off: [Double]? = nil
    if let offset { off = try design.offsetValues(data.column(named: offset)) }
    let responseName = design.formula.response?.text ?? "response"
    try ResponseCheck.validate(y, weights: w, family: family, name: responseName)
    warnings += ResponseCheck.notes(y, family: family, name: responseName)

    let outcome = try IRLS.run(
      x: design.x, y: y, weights: w, offset: off, family: family, control: control)
    let keptNames = outcome.kept.map { design.columnNames[$0] }
    let aliasedNames = outcome.aliased.map { design.columnNames[$0] }
    if !aliasedNames.isEmpty {
      warnings.append("aliased (collinear) terms dropped: \(aliasedNames.joined(separator: ", "))")
    }
    let separation = SeparationCheck.run(
      design: design, kept: outcome.kept, y: y, weights: w, mu: outcome.mu,
      coefficients: outcome.coefficients, bread: outcome.bread, family: family)
    if let separation { warnings += separation.messages }
    if !outcome.converged {
      var reason =
        "no convergence after \(outcome.iterations) IRLS iterations (relative deviance "
        + "change \(outcome.criterion), tolerance \(control.tolerance))"
      if let separation { reason += "; " + separation.messages.joined(separator: "; ") }
      throw ConvergenceError(reason: reason, iterations: outcome.iterations)
    }
    let statistics = try nullModelStatistics(
      design: design, y: y, weights: w, offset: off, family: family, control: control,
      outcome: outcome)
    let regression = try RegressionCore(
      formula: design.formula.text, terms: design.columnNames, aliased: aliasedNames,
      coefficients: CoefficientVector(names: keptNames, values: outcome.coefficients),
      nobs: y.count, residualDegreesOfFreedom: statistics.dfResidual, bread: outcome.bread,
      scoreDesign: outcome.keptDesign,
      scoreResiduals: zip(outcome.workingWeights, outcome.workingResiduals).map { $0 * $1 },
      data: data, rows: design.rows, warnings: warnings,
      rules: .generalizedLinearModel(
        dispersion: statistics.dispersion, workingWeights: outcome.workingWeights,
        whitenedResiduals: outcome.whitenedResiduals, nobs: y.count),
      covarianceType: vcov)
    let details = GLMResult.Details(
      family: family, design: design, kept: outcome.kept, response: y, eta: outcome.eta,
      mu: outcome.mu, weightsColumn: weights, offsetColumn: offset, offset: off,
      statistics: statistics,
      convergence: ConvergenceInfo(
        converged: outcome.converged, iterations: outcome.iterations, criterion: outcome.criterion,
        tolerance: control.tolerance, stepHalvings: outcome.stepHalvings),
      separation: separation, solver: control.solver)
    return GLMResult(regression: regression, details: details)
  }

  /// Family/link pairs this version fits.
  static func checkLink(_ family: GLMFamily) throws {
    let allowed: [LinkFunction]
    switch family {
    case .binomial: allowed = [.logit, .probit, .cloglog]
    case .poisson: allowed = [.log]
    case .gaussian: allowed = [.identity]
    }
    guard allowed.contains(family.link) else {
      throw ModelError.unsupported(
        "the \(family.name) family takes the link "
          + allowed.map(\.rawValue).joined(separator: " or ") + ", not \(family.link.rawValue)")
    }
  }

  /// Deviance, Pearson chi-squared, dispersion and likelihoods of the fit and of its null model.
  static func nullModelStatistics(
    design: DesignMatrix, y: [Double], weights: [Double]?, offset: [Double]?, family: GLMFamily,
    control: GLMControl, outcome: IRLSOutcome
  ) throws -> GLMStatistics {
    let n = y.count
    let pearson = ChunkedSum.sum(n) { range in
      var total = 0.0
      for i in range {
        let r = y[i] - outcome.mu[i]
        total += (weights?[i] ?? 1) * r * r / family.variance(outcome.mu[i])
      }
      return total
    }
    let dfResidual = Double(n - outcome.kept.count)
    let dispersion = family.hasFixedDispersion ? 1 : pearson / dfResidual
    let logLik = family.logLikelihood(
      y: y, mu: outcome.mu, weights: weights, deviance: outcome.deviance)
    let hasIntercept = design.formula.hasIntercept
    var nullMu: [Double]
    if hasIntercept, offset == nil {
      // R's glm.fit: the intercept-only fit is the weighted mean of y, for every link.
      var sum = 0.0
      var total = 0.0
      for i in 0..<n {
        let w = weights?[i] ?? 1
        sum += w * y[i]
        total += w
      }
      nullMu = [Double](repeating: sum / total, count: n)
    } else if hasIntercept {
      // With an offset the intercept is fitted (as R's glm refit of the intercept alone).
      let ones = Matrix(rows: n, columns: 1, repeating: 1)
      let null = try IRLS.run(
        x: ones, y: y, weights: weights, offset: offset, family: family, control: control)
      nullMu = null.mu
    } else {
      nullMu = (0..<n).map { family.link.inverse(offset?[$0] ?? 0) }
    }
    let nullDeviance = IRLS.deviance(y: y, mu: nullMu, weights: weights, family: family)
    let nullLogLik = family.logLikelihood(
      y: y, mu: nullMu, weights: weights, deviance: nullDeviance)
    return GLMStatistics(
      deviance: outcome.deviance, nullDeviance: nullDeviance, dfResidual: dfResidual,
      dfNull: Double(n - (hasIntercept ? 1 : 0)), pearsonChiSquared: pearson,
      dispersion: dispersion, logLikelihood: logLik, nullLogLikelihood: nullLogLik)
  }
}

/// Generalised linear model, long form.
public typealias GeneralizedLinearModel = GLM

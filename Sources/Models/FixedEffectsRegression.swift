import DataTable
import Formula
import Inference
import LinearAlgebra

/// Linear regression with high-dimensional fixed effects, as R's `fixest::feols` and Stata's
/// `reghdfe`: `y ~ x1 + x2 | learner_id + school_id + year`, with `a^b` for combined effects.
///
/// The fixed effects are projected out of the response and the regressors together (see
/// `Demeaner`), singletons are removed first, and the slopes come from QR least squares on the
/// demeaned columns (Frisch-Waugh-Lovell). Estimates and iid standard errors match
/// `plm(model = "within")` (one- and two-way); clustered standard errors follow fixest's
/// small-sample rule (pyfixest CRV1 defaults). The default covariance is clustered by the first
/// fixed effect with `SmallSampleCorrection.fixest`, as fixest.
///
/// ```swift
/// let fit = try FixedEffects.fit("score ~ ses + age | learner_id + year", data: table,
///                                vcov: .cluster(["school_id"], .fixest))
/// ```
public enum FixedEffects {
  /// Fits a linear model with absorbed fixed effects.
  /// - Parameters:
  ///   - formula: `y ~ regressors | fe1 + fe2 + fe1^fe2`.
  ///   - data: the table.
  ///   - weights: analytic weight column, or `nil`.
  ///   - vcov: covariance in force on the result; `nil` clusters by the first fixed effect with
  ///     fixest's small-sample correction. A cluster name may be a fixed-effect label (`a^b`).
  ///   - options: demeaning tolerance, singletons, recovery of the effects, non-convergence.
  /// - Returns: an immutable result.
  /// - Throws: `FormulaError`/`DataError` for bad formulas and columns (an all-missing fixed
  ///   effect column among them); `ModelError.nothingToEstimate` when every observation is a
  ///   singleton or every regressor is absorbed; `FixedEffectsError` when the demeaning does not
  ///   converge and `options.nonConvergence == .fail`.
  public static func fit(
    _ formula: String, data: DataTable, weights: String? = nil, vcov: CovarianceType? = nil,
    options: FixedEffectsOptions = .default
  ) throws -> FixedEffectsResult {
    let parsed = try ModelFormula.parse(
      formula,
      fixedEffects: .required(
        "the fixed-effects model needs fixed effects after '|', e.g. 'y ~ x | learner_id'"),
      randomEffects: "random-effect terms ( | ) need the mixed model (model lmm)")
    let (covariance, covarianceColumns) = ModelFormula.fixedEffectsCovariance(
      parsed, vcov: vcov, data: data)
    var extra = covarianceColumns
    if let weights { extra.append(weights) }
    try ModelFormula.requireColumns(extra, in: data)
    let labels = parsed.fixedEffects.map(\.label)
    var design = try DesignMatrix.build(parsed, data: data, requiring: extra)
    guard let response = design.response else {
      throw FormulaError.unsupported(formula: formula, message: "a response (y ~ ...) is needed")
    }
    var y = response
    var warnings: [String] = []
    var w: [Double]? = nil
    if let weights {
      let values = try design.weightValues(data.column(named: weights))
      let positive = values.indices.filter { values[$0] > 0 }
      if positive.isEmpty {
        throw ModelError.nothingToEstimate("every weight in '\(weights)' is zero")
      }
      if positive.count < values.count {
        warnings.append(
          "\(values.count - positive.count) observations with zero weight were excluded")
        design = design.restricted(to: positive)
        y = positive.map { response[$0] }
      }
      w = positive.count < values.count ? positive.map { values[$0] } : values
    }
    var factors = try parsed.fixedEffects.map {
      try FixedEffectFactor(term: $0, data: data, rows: design.rows, formula: formula)
    }
    var singletons = 0
    if options.removeSingletons {
      let (kept, removed) = SingletonRemoval.keptPositions(factors)
      if kept.isEmpty {
        throw ModelError.nothingToEstimate(
          "all \(removed) observations are singletons of a fixed effect (\(labels.joined(separator: ", "))); "
            + "nothing is left to estimate")
      }
      if removed > 0 {
        singletons = removed
        design = design.restricted(to: kept)
        y = kept.map { y[$0] }
        w = w.map { values in kept.map { values[$0] } }
        factors = factors.map { $0.restricted(to: kept) }
      }
    }
    let problem = FixedEffectsProblem(
      design: design, y: y, weights: w, factors: factors, options: options, formula: formula)
    return try problem.solve(
      data: data, weightsColumn: weights, singletons: singletons, covariance: covariance,
      warnings: warnings)
  }
}

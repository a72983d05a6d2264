import DataTable
import Formula
import Foundation
import Inference
import LinearAlgebra
import Optimization

/// Linear mixed models by the profiled deviance of Bates, Maechler, Bolker & Walker (2015),
/// "Fitting Linear Mixed-Effects Models Using lme4" (matches `lme4::lmer` estimates and REML/ML
/// criterion, and lmerTest's Satterthwaite degrees of freedom).
///
/// The random effects are parameterised by relative covariance factors (lower-triangular
/// Cholesky factors, diagonal bounded below at 0) minimised with BOBYQA; the penalised least
/// squares step is a blocked Cholesky whose leading block is block-diagonal by the grouping
/// factor with the most levels (as MixedModels.jl), so time and memory grow linearly with it.
///
/// ```swift
/// let fit = try LinearMixedModel.fit(
///   "stem_score ~ year_c * female + ses + (1 + year_c | learner_id) + (1 | school_id)",
///   data: table)
/// fit.coefficients["female"]
/// fit.varianceComponents
/// ```
public enum LinearMixedModel {
  /// Largest number of random effects outside the leading grouping factor: they form a dense
  /// block (8 * 6000^2 bytes is about 290 MB).
  public static let maximumDenseRandomEffects = 6_000

  /// Fits a linear mixed model.
  /// - Parameters:
  ///   - formula: e.g. `"y ~ t + (1 + t | learner_id) + (1 | school_id)"`; `(1 + t || g)`
  ///     for uncorrelated effects, `(1 | school/class)` for nesting.
  ///   - data: the table.
  ///   - reml: REML (default, as lme4) or maximum likelihood.
  ///   - satterthwaite: compute Satterthwaite degrees of freedom (two dozen extra factorisations
  ///     per variance parameter); without them tests use the normal distribution.
  ///   - options: the optimiser's stopping rules.
  /// - Returns: the fit.
  /// - Throws: `FormulaError` for a bad formula or columns, `ModelError` for a formula without
  ///   random effects, unusable grouping factors, or too many random effects for the dense block,
  ///   `LinearAlgebraError` when the fixed-effect design is singular after dropping aliased terms.
  public static func fit(
    _ formula: String, data: DataTable, reml: Bool = true, satterthwaite: Bool = true,
    options: Bobyqa.Options = .default
  ) throws -> MixedModelResult {
    let parsed = try Formula(formula)
    if !parsed.fixedEffects.isEmpty {
      throw FormulaError.unsupported(
        formula: formula, message: "fixed effects after '|' are not available in a mixed model")
    }
    guard !parsed.randomEffects.isEmpty else {
      throw FormulaError.unsupported(
        formula: formula,
        message: "a mixed model needs a random-effect term such as (1 | school_id)")
    }
    let design = try DesignMatrix.build(parsed, data: data)
    guard let y = design.response else {
      throw FormulaError.unsupported(formula: formula, message: "a response (y ~ ...) is needed")
    }
    let blocks = try design.randomEffectBlocks(data: data)
    try check(blocks, nobs: design.nobs)
    let solution = try LinearSolution(x: design.x, y: y, solver: .qr, tolerance: nil)
    let aliased = solution.aliased.map { design.columnNames[$0] }
    let x = solution.aliased.isEmpty ? design.x : design.x.selectingColumns(solution.kept)
    // Terms by decreasing number of levels (lme4's order); the first is the leading block.
    let terms = MixedModelOrdering.ordered(
      blocks.enumerated()
        .sorted { ($0.element.levels.count, -$0.offset) > ($1.element.levels.count, -$1.offset) }
        .map { MixedModelTerm($0.element) })
    let restCount = terms.dropFirst().reduce(0) { $0 + $1.q }
    guard restCount <= maximumDenseRandomEffects else {
      throw ModelError.unsupported(
        "the random-effect terms after the one with most levels have \(restCount) random effects; "
          + "at most \(maximumDenseRandomEffects) fit the dense block (put the factor with most "
          + "levels first is automatic; two very large crossed factors are not supported)")
    }
    // The criterion is unchanged when y moves within the span of X, so the system is built on
    // the least-squares residuals: the penalised residual sum of squares is then read off the
    // factor without the cancellation of a large y'y (its rounding otherwise moves flat optima
    // by 1e-5 in theta).
    let olsFit = x.multiplied(by: solution.coefficients)
    let centred = zip(y, olsFit).map { $0 - $1 }
    let system = MixedModelSystem(x: x, y: centred, terms: terms)
    let estimate = try MixedModelEstimate(system: system, reml: reml, options: options)
    return try estimate.result(
      design: design, keptNames: solution.kept.map { design.columnNames[$0] }, aliased: aliased,
      y: y, x: x, betaShift: solution.coefficients, satterthwaite: satterthwaite)
  }

  /// Refuses grouping factors that cannot carry a variance: one level, as many levels as
  /// observations, or more random effects than observations (lme4's checks).
  static func check(_ blocks: [RandomEffectBlock], nobs: Int) throws {
    for block in blocks {
      if block.levels.count < 2 {
        throw ModelError.unsupported(
          "grouping factor '\(block.group)' has \(block.levels.count) level on the rows used; "
            + "a random effect needs at least two levels")
      }
      if block.levels.count >= nobs {
        throw ModelError.unsupported(
          "grouping factor '\(block.group)' has as many levels (\(block.levels.count)) as "
            + "observations (\(nobs)); its variance cannot be told from the residual variance")
      }
      if block.levels.count * block.columnNames.count >= nobs {
        throw ModelError.unsupported(
          "the term (\(block.columnNames.joined(separator: " + ")) | \(block.group)) has "
            + "\(block.levels.count * block.columnNames.count) random effects for \(nobs) "
            + "observations; it is not identifiable")
      }
    }
  }
}

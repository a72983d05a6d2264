import DataTable
import Formula
import Foundation
import Inference
import LinearAlgebra
import Optimization

/// Logistic mixed models by the Laplace approximation, as lme4's
/// `glmer(..., family = binomial, nAGQ = 1)`, or by adaptive Gauss-Hermite quadrature for one
/// scalar random effect (`nAGQ > 1`): BOBYQA over theta and the fixed effects together,
/// the conditional modes by PIRLS at each point, and standard errors from the numerical Hessian
/// of the approximate deviance (lme4's default `use.hessian = TRUE`).
///
/// ```swift
/// let fit = try LogisticMixedModel.fit(
///   "stem_enrolled ~ female + ses + (1 | school_id)", data: table)
/// ```
public enum LogisticMixedModel {
  /// Fits a logistic mixed model.
  /// - Parameters:
  ///   - formula: response a 0/1 column, or a proportion with `trials`; random-effect terms as
  ///     in `LinearMixedModel`.
  ///   - data: the table.
  ///   - trials: the column of binomial trials when the response is a proportion (R's
  ///     `glm(k / n ~ ..., weights = n)`), or `nil` for a 0/1 response.
  ///   - quadraturePoints: 1 for the Laplace approximation (the default), or the number of
  ///     adaptive Gauss-Hermite points (2 to 25, as lme4's `nAGQ`) for a model whose only
  ///     random-effect term is one scalar effect such as `(1 | school_id)`.
  ///   - options: the optimiser's stopping rules.
  /// - Returns: the fit (`modelName` `glmm`, tests on the normal distribution).
  /// - Throws: `FormulaError`, `ModelError` for a response outside [0, 1] (or not 0/1 without
  ///   trials), bad trials or grouping factors, or quadrature asked of a model with several or
  ///   vector-valued random effects; `LinearAlgebraError` for a singular system.
  public static func fit(
    _ formula: String, data: DataTable, trials: String? = nil, quadraturePoints: Int = 1,
    options: Bobyqa.Options = .default
  ) throws -> MixedModelResult {
    guard (1...25).contains(quadraturePoints) else {
      throw ModelError.unsupported(
        "quadrature points must be 1 (Laplace) to 25, not \(quadraturePoints)")
    }
    let parsed = try Formula(formula)
    guard parsed.fixedEffects.isEmpty, !parsed.randomEffects.isEmpty else {
      throw FormulaError.unsupported(
        formula: formula,
        message: "a mixed model needs a random-effect term such as (1 | school_id) and no '| fe'")
    }
    let design = try DesignMatrix.build(parsed, data: data, requiring: trials.map { [$0] } ?? [])
    guard let y = design.response else {
      throw FormulaError.unsupported(formula: formula, message: "a response (y ~ ...) is needed")
    }
    let counts = try trialCounts(trials, data: data, rows: design.rows, y: y)
    let responseName = design.formula.response?.text ?? "response"
    for (i, value) in y.enumerated() {
      let bad = trials == nil ? (value != 0 && value != 1) : (value < 0 || value > 1)
      if bad {
        throw ModelError.badResponse(
          column: responseName,
          message: "row \(design.rows[i] + 1) is \(value); a logistic model needs "
            + (trials == nil ? "0 or 1 (or a proportion with trials)" : "a proportion in [0, 1]"))
      }
    }
    let blocks = try design.randomEffectBlocks(data: data)
    try LinearMixedModel.check(blocks, nobs: design.nobs)
    let solution = try LinearSolution(x: design.x, y: y, solver: .qr, tolerance: nil)
    let aliased = solution.aliased.map { design.columnNames[$0] }
    let x = solution.aliased.isEmpty ? design.x : design.x.selectingColumns(solution.kept)
    let terms = blocks.enumerated()
      .sorted { ($0.element.levels.count, -$0.offset) > ($1.element.levels.count, -$1.offset) }
      .map { MixedModelTerm($0.element) }
    let problem = LaplaceProblem(x: x, y: y, trials: counts, terms: terms)
    if quadraturePoints > 1 {
      guard terms.count == 1, terms[0].p == 1 else {
        throw ModelError.unsupported(
          "adaptive Gauss-Hermite quadrature (\(quadraturePoints) points) needs a single scalar "
            + "random effect such as (1 | school_id); use the Laplace approximation (1 point)")
      }
      problem.quadrature = GaussHermite(points: quadraturePoints)
    }
    let nTheta = problem.thetaCount
    let start = terms.flatMap(\.thetaStart) + (try problem.startingBeta())
    let lower =
      terms.flatMap(\.thetaLowerBounds) + [Double](repeating: -.infinity, count: x.columns)
    let objective: ([Double]) -> Double = { v in
      (try? problem.evaluate(theta: Array(v[..<nTheta]), beta: Array(v[nTheta...])))?.deviance
        ?? .infinity
    }
    var first = options
    first.initialStep = first.initialStep ?? 0.2
    let optimum = try MixedModelSearch.minimize(
      start: start, lower: lower, search: first, polish: options, objective: objective)
    return try result(
      problem: problem, optimum: optimum, evaluations: optimum.evaluations,
      design: design, keptNames: solution.kept.map { design.columnNames[$0] }, aliased: aliased,
      y: y)
  }

  /// The trials on the model rows (all 1 without a trials column).
  private static func trialCounts(_ name: String?, data: DataTable, rows: [Int], y: [Double])
    throws -> [Double]
  {
    guard let name else { return [Double](repeating: 1, count: y.count) }
    guard let values = try data.column(named: name).doubles() else {
      throw ModelError.badWeight(column: name, row: 1, value: .nan)
    }
    return try rows.map { row in
      let value = values[row]
      guard value.isFinite, value > 0 else {
        throw ModelError.badWeight(column: name, row: row + 1, value: value)
      }
      return value
    }
  }
}

import Optimization

/// The minimisation of a mixed model's criterion by BOBYQA in two searches: the first from the
/// start, the second from the first's optimum with a small trust region (1e-3) and the caller's
/// tight stopping rule, which polishes flat optima (the criterion changes by less than the first
/// search's tolerance while the parameters still move by 1e-5).
enum MixedModelSearch {
  /// Both searches.
  /// - Parameters:
  ///   - start: the starting parameters.
  ///   - lower: their lower bounds.
  ///   - search: the first search's rules.
  ///   - polish: the second search's rules (its initial step is set to 1e-3).
  ///   - objective: the criterion.
  /// - Returns: the better optimum, with the evaluations of both searches.
  /// - Throws: `OptimizationError` as `Bobyqa.minimize`.
  static func minimize(
    start: [Double], lower: [Double], search: Bobyqa.Options, polish: Bobyqa.Options,
    objective: @escaping ([Double]) -> Double
  ) throws -> Bobyqa.Result {
    let first = try Bobyqa.minimize(
      start: start, lower: lower, options: search, objective: objective)
    var small = polish
    small.initialStep = 1e-3
    let second = try Bobyqa.minimize(
      start: first.x, lower: lower, options: small, objective: objective)
    let best = second.value <= first.value ? second : first
    return Bobyqa.Result(
      x: best.x, value: best.value, evaluations: first.evaluations + second.evaluations,
      converged: best.converged, status: best.status)
  }
}

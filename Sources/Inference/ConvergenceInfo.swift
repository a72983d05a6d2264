/// How the numerical work of a fit ended: one shape for every estimator (IRLS of a GLM, the
/// demeaning of a fixed-effects fit, a closed-form solve).
public struct ConvergenceInfo: Sendable, Equatable {
  /// Whether the iterations met the tolerance (always true for a closed-form fit).
  public let converged: Bool
  /// Iterations done; 0 for a closed-form fit.
  public let iterations: Int
  /// The final convergence criterion, or `nil` when the fit does not iterate.
  public let criterion: Double?
  /// The tolerance the criterion was compared with, or `nil` when the fit does not iterate.
  public let tolerance: Double?
  /// Step halvings taken in all (IRLS); 0 otherwise.
  public let stepHalvings: Int

  /// Creates a convergence record.
  /// - Parameters:
  ///   - converged: whether the criterion met the tolerance.
  ///   - iterations: iterations done.
  ///   - criterion: the final criterion.
  ///   - tolerance: the tolerance in force.
  ///   - stepHalvings: step halvings taken in all.
  public init(
    converged: Bool, iterations: Int, criterion: Double?, tolerance: Double?,
    stepHalvings: Int = 0
  ) {
    self.converged = converged
    self.iterations = iterations
    self.criterion = criterion
    self.tolerance = tolerance
    self.stepHalvings = stepHalvings
  }

  /// A fit solved in closed form (least squares): converged, no iterations, no criterion.
  public static let closedForm = ConvergenceInfo(
    converged: true, iterations: 0, criterion: nil, tolerance: nil)
}

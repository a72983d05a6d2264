/// Settings of a fixed-effects fit beyond the formula and covariance.
public struct FixedEffectsOptions: Sendable, Equatable {
  /// What a demeaning that reaches its iteration limit does.
  public enum NonConvergence: String, Sendable, CaseIterable {
    /// Throw `FixedEffectsError.demeaningDidNotConverge` (the default: no untrusted numbers).
    case fail
    /// Return the result with `converged == false` and a warning.
    case warn
  }

  /// How redundant fixed-effect levels are counted in the degrees of freedom.
  public enum RedundantLevels: String, Sendable, CaseIterable {
    /// Exact for the first two effects: one redundant level per connected component of the
    /// graph linking their levels (reghdfe's `dof(pairwise)`; plm's two-way within model); one
    /// for each further effect. The default.
    case pairwise
    /// One redundant level for each effect after the first, whatever the connectivity (fixest
    /// and pyfixest): use it to reproduce their small-sample factors when learners are nested
    /// in few-mover schools.
    case perEffect
  }

  /// Counting of redundant levels (default `.pairwise`).
  public var redundantLevels: RedundantLevels
  /// Tolerance and iteration limit of the demeaning.
  public var demeaning: DemeaningOptions
  /// Drop singleton observations iteratively (reghdfe and pyfixest default; fixest's
  /// `fixef.rm = "singleton"`).
  public var removeSingletons: Bool
  /// Recover the estimated fixed-effect values (costs one more demeaning).
  public var recoverEffects: Bool
  /// Behaviour when the demeaning does not converge.
  public var nonConvergence: NonConvergence
  /// A regressor is absorbed by the fixed effects when the norm of its demeaned column is below
  /// this fraction of the norm of the centred column (default 1e-7, far above the error the
  /// demeaning tolerance allows and far below any real within-variation).
  public var absorptionTolerance: Double

  /// Creates options.
  /// - Parameters:
  ///   - demeaning: demeaning tolerance and limit.
  ///   - removeSingletons: drop singletons (default true).
  ///   - recoverEffects: compute fixed-effect values (default false).
  ///   - nonConvergence: fail (default) or warn.
  ///   - absorptionTolerance: relative norm below which a regressor counts as absorbed.
  ///   - redundantLevels: how redundant levels are counted (default pairwise).
  public init(
    demeaning: DemeaningOptions = .default, removeSingletons: Bool = true,
    recoverEffects: Bool = false, nonConvergence: NonConvergence = .fail,
    absorptionTolerance: Double = 1e-7, redundantLevels: RedundantLevels = .pairwise
  ) {
    self.redundantLevels = redundantLevels
    self.demeaning = demeaning
    self.removeSingletons = removeSingletons
    self.recoverEffects = recoverEffects
    self.nonConvergence = nonConvergence
    self.absorptionTolerance = absorptionTolerance
  }

  /// The defaults.
  public static let `default` = FixedEffectsOptions()
}

/// Failures of a fixed-effects fit that are analysis failures, not bad input (CLI exit 1).
public enum FixedEffectsError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The alternating projections reached their iteration limit.
  case demeaningDidNotConverge(
    column: String, iterations: Int, criterion: Double, tolerance: Double)
  /// IRLS of a fixed-effects GLM reached its iteration limit.
  case irlsDidNotConverge(iterations: Int, tolerance: Double)

  /// A one-line message with the column and what to try.
  public var description: String {
    switch self {
    case .demeaningDidNotConverge(let column, let iterations, let criterion, let tolerance):
      return "demeaning of '\(column)' did not converge in \(iterations) iterations "
        + "(criterion \(criterion), tolerance \(tolerance)); raise the iteration limit or check "
        + "for fixed effects that are nearly collinear"
    case .irlsDidNotConverge(let iterations, let tolerance):
      return "IRLS did not converge in \(iterations) iterations (relative deviance change "
        + "tolerance \(tolerance)); check for separation or raise the iteration limit"
    }
  }
}

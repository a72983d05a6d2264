import Inference
import Optimization

/// How a Cox model handles tied event times.
public enum CoxTies: String, Sendable, CaseIterable {
  /// Efron's approximation (R's default).
  case efron
  /// Breslow's approximation.
  case breslow
}

/// Settings of a Cox proportional-hazards fit (R `coxph` defaults).
public struct CoxOptions: Sendable {
  /// Tie handling.
  public var ties: CoxTies
  /// The covariance in force: `.iid` (model-based, the inverse information),
  /// `.heteroskedastic(.hc0)` (R's `robust = TRUE`, the dfbeta sandwich) or
  /// `.cluster([name], _)` (R's `cluster =`, no small-sample factor, as R).
  public var covariance: CovarianceType
  /// Newton-Raphson iterations allowed (R's `iter.max`).
  public var maxIterations: Int
  /// Convergence when |1 - loglik_old / loglik_new| falls to this (R's `eps`).
  public var tolerance: Double
  /// Relative pivot tolerance below which a covariate is aliased (R's `toler.chol`).
  public var aliasTolerance: Double
  /// Stops the fit when raised (`nil`: never).
  ///
  /// Read at every Newton-Raphson iteration: once raised, the fit throws `CancellationError`. The
  /// `async` entry point sets it.
  public var cancellation: CancellationFlag? = nil

  /// Creates options.
  /// - Parameters:
  ///   - ties: tie handling.
  ///   - covariance: the covariance in force.
  ///   - maxIterations: Newton-Raphson iterations allowed.
  ///   - tolerance: the relative log-likelihood change that ends the iterations.
  ///   - aliasTolerance: the relative pivot below which a covariate is aliased.
  public init(
    ties: CoxTies = .efron, covariance: CovarianceType = .iid, maxIterations: Int = 20,
    tolerance: Double = 1e-9, aliasTolerance: Double = 1.8189894035458617e-12
  ) {
    self.ties = ties
    self.covariance = covariance
    self.maxIterations = maxIterations
    self.tolerance = tolerance
    self.aliasTolerance = aliasTolerance
  }
}

import DataTable
import LinearAlgebra
import Optimization

// The `async` entry points of the long fits: each runs the synchronous fit off the caller's
// executor (`BackgroundWork`) with a `CancellationFlag` in its options, raised when the calling
// task is cancelled; the fit then stops at its next iteration boundary and throws
// `CancellationError`. Results equal the synchronous ones.

extension LinearMixedModel {
  /// Fits a linear mixed model off the caller's executor; cancelling the task stops the
  /// optimiser at its next criterion evaluation.
  /// - Parameters: as `fit(_:data:reml:satterthwaite:options:)`.
  /// - Returns: the fit, equal to the synchronous one.
  /// - Throws: as the synchronous fit; `CancellationError` when the task is cancelled.
  public static func fit(
    _ formula: String, data: DataTable, reml: Bool = true, satterthwaite: Bool = true,
    options: Bobyqa.Options = .default
  ) async throws -> MixedModelResult {
    try await BackgroundWork.run(with: options) { options in
      try fit(
        formula, data: data, reml: reml, satterthwaite: satterthwaite, options: options)
    }
  }
}

extension LogisticMixedModel {
  /// Fits a logistic mixed model off the caller's executor; cancelling the task stops the
  /// optimiser at its next deviance evaluation.
  /// - Parameters: as `fit(_:data:trials:quadraturePoints:options:)`.
  /// - Returns: the fit, equal to the synchronous one.
  /// - Throws: as the synchronous fit; `CancellationError` when the task is cancelled.
  public static func fit(
    _ formula: String, data: DataTable, trials: String? = nil, quadraturePoints: Int = 1,
    options: Bobyqa.Options = .default
  ) async throws -> MixedModelResult {
    try await BackgroundWork.run(with: options) { options in
      try fit(
        formula, data: data, trials: trials, quadraturePoints: quadraturePoints,
        options: options)
    }
  }
}

extension CallawaySantAnna {
  /// Estimates the group-time effects off the caller's executor; cancelling the task skips the
  /// cells not yet started.
  /// - Parameters: as `fit(data:options:window:balanceEvents:)`.
  /// - Returns: the estimates, equal to the synchronous ones.
  /// - Throws: as the synchronous fit; `CancellationError` when the task is cancelled.
  public static func fit(
    data: DataTable, options: CallawaySantAnnaOptions, window: ClosedRange<Double>? = nil,
    balanceEvents: Double? = nil
  ) async throws -> CallawaySantAnnaResult {
    try await BackgroundWork.run(with: options) { options in
      try fit(data: data, options: options, window: window, balanceEvents: balanceEvents)
    }
  }
}

extension CoxRegression {
  /// Fits a Cox model off the caller's executor; cancelling the task stops it at the next
  /// Newton-Raphson iteration.
  /// - Parameters: as `fit(_:covariates:names:strata:cluster:options:formula:)`.
  /// - Returns: the fit, equal to the synchronous one.
  /// - Throws: as the synchronous fit; `CancellationError` when the task is cancelled.
  public static func fit(
    _ spells: SurvivalSpells, covariates: Matrix, names: [String], strata: [String]? = nil,
    cluster: (name: String, labels: [String])? = nil, options: CoxOptions = CoxOptions(),
    formula: String = ""
  ) async throws -> CoxResult {
    try await BackgroundWork.run(with: options) { options in
      try fit(
        spells, covariates: covariates, names: names, strata: strata, cluster: cluster,
        options: options, formula: formula)
    }
  }
}

extension WildBootstrappedFit {
  /// Bootstraps every coefficient of `fit` off the caller's executor; cancelling the task stops
  /// before the next coefficient's test.
  /// - Parameters: as `init(_:cluster:options:)`.
  /// - Returns: the tests, equal to the synchronous ones.
  /// - Throws: as the synchronous initialiser; `CancellationError` when the task is cancelled.
  public static func bootstrap(
    _ fit: any CoreRegressionFit, cluster: String, options: WildBootstrapOptions
  ) async throws -> WildBootstrappedFit {
    try await BackgroundWork.run(with: options) { options in
      try WildBootstrappedFit(fit, cluster: cluster, options: options)
    }
  }
}

extension CallawaySantAnnaOptions: CancellableOptions {}
extension CoxOptions: CancellableOptions {}
extension WildBootstrapOptions: CancellableOptions {}

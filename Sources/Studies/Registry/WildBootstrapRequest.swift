import DataTable
import Inference
import Models

/// A wild cluster bootstrap asked for with a covariance (`vcov: {cluster: school_id, bootstrap:
/// wild, reps: 9999}` in a spec, `--bootstrap wild --reps N --seed S` on `vetstat fit`): the
/// cluster column and the test options, read once for both.
public struct WildBootstrapRequest: Sendable, Equatable {
  /// Methods accepted under `bootstrap`.
  public static let methods = ["wild"]
  /// The kinds that can bootstrap (linear models with and without absorbed fixed effects).
  public static let kinds = ["ols", "fe"]

  /// The cluster column the multipliers are drawn by.
  public var cluster: String
  /// Replications, multipliers, seed.
  public var options: WildBootstrapOptions

  /// Creates a request.
  /// - Parameters:
  ///   - cluster: the cluster column.
  ///   - options: the test options.
  public init(cluster: String, options: WildBootstrapOptions) {
    self.cluster = cluster
    self.options = options
  }

  /// Reads a request from its textual parts.
  /// - Parameters:
  ///   - method: the bootstrap method (`wild`).
  ///   - clusters: the covariance's cluster columns (exactly one is needed).
  ///   - reps: replications, or `nil` for 9,999.
  ///   - seed: the seed, or `nil` for the default.
  ///   - weights: `rademacher` (default) or `webb`.
  ///   - level: the confidence level of the intervals.
  /// - Returns: the request.
  /// - Throws: `CovarianceReader.Problem` naming the option (`bootstrap`, `cluster`, `reps`,
  ///   `seed`, `bootstrap_weights`).
  public static func read(
    method: String, clusters: [String]?, reps: Int?, seed: Int?, weights: String?,
    level: Double = 0.95
  ) throws -> WildBootstrapRequest {
    guard methods.contains(method.lowercased()) else {
      throw CovarianceReader.Problem(
        option: "bootstrap",
        message: "unknown bootstrap '\(method)'"
          + (NameSuggestion.nearest(to: method, among: methods).map { "; did you mean '\($0)'?" }
            ?? "") + " (choose wild)")
    }
    guard let clusters, clusters.count == 1 else {
      throw CovarianceReader.Problem(
        option: "cluster",
        message: "the wild cluster bootstrap needs exactly one cluster column, e.g."
          + " {cluster: school_id, bootstrap: wild}")
    }
    var options = WildBootstrapOptions(level: level)
    if let reps {
      guard reps >= 99, reps <= 10_000_000 else {
        throw CovarianceReader.Problem(
          option: "reps", message: "reps must be between 99 and 10,000,000, got \(reps)")
      }
      options.reps = reps
    }
    if let seed {
      guard seed >= 0 else {
        throw CovarianceReader.Problem(option: "seed", message: "seed must be 0 or more")
      }
      options.seed = UInt64(seed)
    }
    if let weights {
      let names = WildBootstrapWeights.allCases.map(\.rawValue)
      guard let value = WildBootstrapWeights(rawValue: weights.lowercased()) else {
        throw CovarianceReader.Problem(
          option: "bootstrap_weights",
          message: "unknown bootstrap weights '\(weights)' (choose "
            + names.joined(separator: ", ") + ")")
      }
      options.weights = value
    }
    return WildBootstrapRequest(cluster: clusters[0], options: options)
  }

  /// Attaches the bootstrap tests of every coefficient to a fit.
  /// - Parameter fit: the registry's fit (an OLS or fixed-effects result).
  /// - Returns: the fit with a `wild_bootstrap` section.
  /// - Throws: `ModelError.unsupported` for other models, and the bootstrap's errors.
  public func apply(to fit: ModelFit) throws -> ModelFit {
    guard let core = fit.result as? any CoreRegressionFit else {
      throw ModelError.unsupported(
        "the wild cluster bootstrap works on linear models (ols, fe), not "
          + fit.estimation.modelName)
    }
    return ModelFit(
      try WildBootstrappedFit(core, cluster: cluster, options: options),
      marginalEffects: fit.marginalEffects, marginsAt: fit.marginsAt)
  }
}

import DataTable
import Inference

/// The wild cluster bootstrap test of regression coefficients with the null imposed (WCR).
///
/// Cameron, Gelbach and Miller (2008); Roodman, MacKinnon, Nielsen and Webb (2019). For OLS and
/// fixed-effects fits: a p-value for `beta_j = null` and a confidence interval by test
/// inversion, reproducible for a seed. As `boottest` and Python `wildboottest` (bootstrap type
/// "11", two-tailed symmetric p-value); fixed effects count as dummy variables, as pyfixest
/// passes them.
///
/// ```swift
/// let fit = try OLS.fit("score ~ treated + ses", data: table, vcov: .cluster(["school_id"], .stata))
/// let test = try WildClusterBootstrap.test(fit, term: "treated", cluster: "school_id")
/// test.pValue; test.confidenceLow; test.confidenceHigh
/// ```
public enum WildClusterBootstrap {
  /// Tests one coefficient.
  /// - Parameters:
  ///   - fit: an unweighted OLS or fixed-effects (linear) fit.
  ///   - term: the coefficient's name.
  ///   - cluster: the cluster column (bootstrap multipliers are drawn per cluster).
  ///   - options: reps, multiplier distribution, seed, level and null value.
  /// - Returns: the p-value and interval.
  /// - Throws: `ModelError.unsupported` for weighted fits, other models, an unknown or aliased
  ///   term, or bad options; the cluster column's errors (unknown, missing on used rows, fewer
  ///   than two clusters).
  public static func test(
    _ fit: some CoreRegressionFit, term: String, cluster: String,
    options: WildBootstrapOptions = .default
  ) throws -> WildBootstrapTest {
    try tests(fit, terms: [term], cluster: cluster, options: options)[0]
  }

  /// Tests each of several coefficients (all by default), sharing the cluster set-up.
  /// - Parameters:
  ///   - fit: an unweighted OLS or fixed-effects fit.
  ///   - terms: coefficient names; `nil` for every kept coefficient.
  ///   - cluster: the cluster column.
  ///   - options: reps, multiplier distribution, seed, level and null value.
  /// - Returns: one test per term, in the order given.
  /// - Throws: as `test(_:term:cluster:options:)`.
  public static func tests(
    _ fit: some CoreRegressionFit, terms: [String]? = nil, cluster: String,
    options: WildBootstrapOptions = .default
  ) throws -> [WildBootstrapTest] {
    try options.validate()
    let core = fit.regression
    var demean: (([[Double]]) -> [[Double]])?
    switch fit as any CoreRegressionFit {
    case let ols as OLSResult:
      if ols.weightsColumn != nil {
        throw ModelError.unsupported("the wild cluster bootstrap does not support weights")
      }
    case let fe as FixedEffectsResult:
      if fe.weightsColumn != nil {
        throw ModelError.unsupported("the wild cluster bootstrap does not support weights")
      }
      let demeaner = Demeaner(factors: fe.details.factors, weights: nil)
      let demeaning = DemeaningOptions(tolerance: 1e-12, maxIterations: 100_000)
      demean = { columns in demeaner.demean(columns, options: demeaning).map(\.values) }
    default:
      throw ModelError.unsupported(
        "the wild cluster bootstrap works on linear models (ols, fe with fixed effects after '|'),"
          + " not \(fit.modelName)")
    }
    let index = try ClusterIndex.model(column: cluster, data: core.data, rows: core.rows)
    let names = terms ?? core.coefficients.names
    return try names.map { term in
      try options.cancellation?.check()
      guard let j = core.coefficients.index(of: term) else {
        throw ModelError.unsupported(
          "bootstrap term '\(term)' is not an estimated coefficient"
            + (core.aliased.contains(term) ? " (it was dropped as collinear or absorbed)" : "")
            + (NameSuggestion.nearest(to: term, among: core.coefficients.names).map {
              "; did you mean '\($0)'?"
            } ?? ""))
      }
      let kernel = WildBootstrapKernel(
        x: core.scoreDesign, residuals: core.scoreResiduals, bread: core.bread,
        coefficients: core.coefficients.values, column: j, clusterCodes: index.codes,
        clusterCount: index.count, demean: demean, options: options)
      let g = Double(index.count)
      let scale = kernel.standardError * (g / (g - 1)).squareRoot()
      let interval = kernel.confidenceInterval(level: options.level, scale: scale)
      return WildBootstrapTest(
        term: term, estimate: kernel.estimate, null: options.null,
        pValue: kernel.pValue(null: options.null), confidenceLow: interval.low,
        confidenceHigh: interval.high, level: options.level, reps: kernel.reps,
        enumerated: kernel.enumerated, weights: options.weights, seed: options.seed,
        cluster: cluster, clusters: index.count)
    }
  }
}

/// The outcome of a wild cluster bootstrap test of one coefficient.
public struct WildBootstrapTest: Sendable, Equatable {
  /// The coefficient.
  public let term: String
  /// Its estimate.
  public let estimate: Double
  /// The value under the null.
  public let null: Double
  /// The bootstrap p-value of `term = null` (two-sided, symmetric).
  public let pValue: Double
  /// Lower confidence limit by test inversion; `nil` when unbounded.
  public let confidenceLow: Double?
  /// Upper confidence limit; `nil` when unbounded.
  public let confidenceHigh: Double?
  /// The confidence level.
  public let level: Double
  /// Replications made (2^G when every Rademacher sign pattern was enumerated).
  public let reps: Int
  /// True when every Rademacher sign pattern was used once instead of random draws.
  public let enumerated: Bool
  /// The multiplier distribution.
  public let weights: WildBootstrapWeights
  /// The seed.
  public let seed: UInt64
  /// The cluster column.
  public let cluster: String
  /// Number of clusters.
  public let clusters: Int
}

extension ResultSection {
  /// The `wild_bootstrap` section: one row per tested coefficient (term, p_value, conf_low,
  /// conf_high) with the settings (cluster, clusters, reps, weights, seed).
  /// - Parameter tests: the tests.
  /// - Returns: the section.
  public static func wildBootstrap(_ tests: [WildBootstrapTest]) -> ResultSection {
    ResultSection(
      key: "wild_bootstrap", title: "Wild cluster bootstrap (WCR)",
      columns: [
        "term", "null", "p_value", "conf_low", "conf_high", "level", "cluster", "clusters", "reps",
        "weights", "seed",
      ].map { ResultSection.Column($0) },
      rows: tests.map {
        [
          .text($0.term), .number($0.null), .number($0.pValue), .number($0.confidenceLow),
          .number($0.confidenceHigh), .number($0.level), .text($0.cluster), .integer($0.clusters),
          .integer($0.reps), .text($0.weights.rawValue), .text(String($0.seed)),
        ]
      })
  }
}

import Optimization

/// Which units serve as comparisons for a cohort in a period (R `did` `control_group`).
public enum DiDControlGroup: String, Sendable, CaseIterable {
  /// Units never treated in the sample (first-treated 0 or missing).
  case neverTreated = "never-treated"
  /// Never-treated units and units first treated after the period (and after the base period).
  case notYetTreated = "not-yet-treated"
}

/// How each 2x2 comparison adjusts for covariates (R `did` `est_method`).
public enum DiDEstimator: String, Sendable, CaseIterable {
  /// Outcome regression (Heckman, Ichimura and Todd 1997), DRDID `reg_did_*`.
  case regression = "reg"
  /// Normalised inverse probability weighting (Abadie 2005), DRDID `std_ipw_did_*`.
  case ipw
  /// Doubly robust (Sant'Anna and Zhao 2020), DRDID `drdid_panel` / `drdid_rc` as R `did` uses.
  case doublyRobust = "dr"
}

/// Which period a pre-treatment effect is compared with (R `did` `base_period`).
public enum DiDBasePeriod: String, Sendable, CaseIterable {
  /// Pre-treatment effects compare each period with the one before (R's default).
  case varying
  /// Every effect compares with the last period before treatment (minus anticipation).
  case universal
}

/// How the rows relate to units over time.
public enum DiDSampling: String, Sendable, CaseIterable {
  /// Every unit in every period; units missing a period are dropped with a warning.
  case balancedPanel = "balanced-panel"
  /// Units may miss periods (R `allow_unbalanced_panel = TRUE`).
  case unbalancedPanel = "unbalanced-panel"
  /// A new sample every period (R `panel = FALSE`): each row is its own unit.
  case repeatedCrossSections = "repeated-cross-sections"
}

/// The multiplier weights of the bootstrap.
public enum MultiplierWeights: String, Sendable, CaseIterable {
  /// Mammen (1993) two-point weights, as R `did` (BMisc `multiplier_bootstrap`) draws.
  case mammen
  /// Rademacher weights, +1 or -1 with equal probability.
  case rademacher
}

/// A seeded multiplier bootstrap for uniform (simultaneous) confidence bands.
public struct MultiplierBootstrapOptions: Sendable, Equatable {
  /// Replications.
  public var replications: Int
  /// Weight distribution.
  public var weights: MultiplierWeights
  /// Seed of the generator (SplitMix64-seeded xoshiro256**).
  public var seed: UInt64

  /// Creates bootstrap options.
  /// - Parameters:
  ///   - replications: replications (R `biters`, 1000 by default there).
  ///   - weights: the multiplier weights.
  ///   - seed: the seed.
  public init(replications: Int = 999, weights: MultiplierWeights = .mammen, seed: UInt64) {
    self.replications = replications
    self.weights = weights
    self.seed = seed
  }
}

/// What a Callaway and Sant'Anna (2021) fit uses: the columns, the comparison group, the 2x2
/// estimator, the base period and the sampling design (R `did::att_gt` arguments).
public struct CallawaySantAnnaOptions: Sendable {
  /// Stops the fit when raised (`nil`: never).
  ///
  /// Read at every group-time cell: once raised, the fit throws `CancellationError`. The `async`
  /// entry point sets it.
  public var cancellation: CancellationFlag? = nil
  /// Outcome column (`yname`).
  public var outcome: String
  /// Period column, numeric (`tname`).
  public var time: String
  /// Unit column (`idname`); not needed for repeated cross-sections.
  public var unit: String?
  /// First-treated period column (`gname`); 0 or missing means never treated.
  public var firstTreated: String
  /// Covariate columns or terms (`xformla`), without an intercept; empty for none.
  public var covariates: [String] = []
  /// A cluster column coarser than the unit (`clustervars`), constant within unit.
  public var cluster: String?
  /// Comparison group.
  public var control: DiDControlGroup = .neverTreated
  /// The 2x2 estimator.
  public var estimator: DiDEstimator = .doublyRobust
  /// Base period of pre-treatment effects.
  public var basePeriod: DiDBasePeriod = .varying
  /// Periods before first treatment in which units may already react.
  public var anticipation: Double = 0
  /// Panel or repeated cross-sections.
  public var sampling: DiDSampling = .balancedPanel
  /// Confidence level of intervals and bands.
  public var level: Double = 0.95
  /// The multiplier bootstrap for uniform bands, or `nil` for pointwise intervals only.
  public var bootstrap: MultiplierBootstrapOptions?

  /// Creates options with R `did`'s defaults (never-treated comparisons, doubly robust,
  /// varying base period, no anticipation, balanced panel).
  /// - Parameters:
  ///   - outcome: the outcome column.
  ///   - time: the period column.
  ///   - unit: the unit column.
  ///   - firstTreated: the first-treated column.
  public init(outcome: String, time: String, unit: String?, firstTreated: String) {
    self.outcome = outcome
    self.time = time
    self.unit = unit
    self.firstTreated = firstTreated
  }
}

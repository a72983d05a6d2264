/// The non-discriminatory coefficient vector a twofold Oaxaca-Blinder decomposition values the
/// explained part with (Jann 2008, section 2.1).
public enum DecompositionReference: String, Sendable, CaseIterable {
  /// Group A's coefficients (β* = β_A).
  case a
  /// Group B's coefficients (β* = β_B).
  case b
  /// A pooled regression on both groups with a group indicator, as Jann (2008) recommends
  /// (Stata `oaxaca, pooled`); the indicator's coefficient is not part of β*.
  case pooled
  /// A pooled regression without a group indicator (Neumark 1988; Stata `oaxaca, omega`).
  case neumark
  /// Group-size weights: β* = (n_A β_A + n_B β_B) / n (Cotton 1988).
  case cotton
  /// Equal weights: β* = (β_A + β_B) / 2 (Reimers 1983).
  case reimers
}

/// How the joint covariance of the group coefficients and covariate means is estimated.
public enum DecompositionCovariance: Sendable, Equatable {
  /// Jann's (2008) analytic default: the classical OLS covariance of each group's coefficients,
  /// the sampling variance of each group's covariate means (sample covariance / n), and
  /// independence between the groups and between coefficients and means.
  case classic
  /// Heteroskedasticity-robust: the influence functions of coefficients and means, each row its
  /// own cluster, scaled by n / (n - 1).
  case robust
  /// Cluster-robust: the influence functions summed within clusters of the named column (which
  /// may span both groups, so the groups' estimates may be correlated), scaled by G / (G - 1).
  case cluster(String)
}

/// Options of an Oaxaca-Blinder decomposition.
public struct OaxacaBlinderOptions: Sendable, Equatable {
  /// The reference coefficients of the twofold decomposition.
  public var reference: DecompositionReference
  /// Whether to add the threefold decomposition (endowments, coefficients, interaction).
  ///
  /// The threefold parts take group B's point of view, as Jann (2008, eq. 3) and statsmodels.
  public var threefold: Bool
  /// Whether to normalise the detailed effects of categorical terms (Yun 2005): each factor's
  /// coefficients are expressed as deviations from their mean over all levels (the omitted level
  /// included), so that detailed coefficient effects do not depend on the omitted level.
  public var normaliseCategorical: Bool
  /// The covariance of the delta-method standard errors.
  public var covariance: DecompositionCovariance
  /// Whether to treat the covariates as fixed (Stata `oaxaca, fixed`; Jann 2008, section 2.3):
  /// the covariate means then carry no sampling variance, and the standard errors are those of
  /// the decomposition conditional on the rows, for a truth defined on the sample's own
  /// covariates (as in a designed experiment or a simulation holding the rows fixed).
  public var fixedRegressors: Bool

  /// Creates options.
  /// - Parameters:
  ///   - reference: the twofold reference (default pooled with indicator).
  ///   - threefold: whether to add the threefold decomposition.
  ///   - normaliseCategorical: whether to apply the Yun (2005) normalisation.
  ///   - covariance: the covariance of the standard errors.
  ///   - fixedRegressors: whether the covariate means are held fixed (no sampling variance).
  public init(
    reference: DecompositionReference = .pooled, threefold: Bool = false,
    normaliseCategorical: Bool = false, covariance: DecompositionCovariance = .classic,
    fixedRegressors: Bool = false
  ) {
    self.reference = reference
    self.threefold = threefold
    self.normaliseCategorical = normaliseCategorical
    self.covariance = covariance
    self.fixedRegressors = fixedRegressors
  }
}

/// The finite-sample scaling of a cluster-robust covariance and the reference distribution of its
/// tests: an explicit, reported setting rather than a hidden constant.
///
/// With G clusters, N observations and K estimated coefficients, the one-way estimate is
/// `c * sum_g s_g s_g'` sandwiched by the bread, where `c` is the product of the enabled factors:
/// `G/(G-1)` (cluster adjustment) and `(N-1)/(N-K)` (residual degrees of freedom). Two-way
/// clustering (V = V_1 + V_2 - V_12) applies the cluster factor per dimension with that
/// dimension's G, or with the smallest G of the two (fixest's `cluster.df = "min"`).
public struct SmallSampleCorrection: Sendable, Equatable, CustomStringConvertible {
  /// Which G enters G/(G-1) in multi-way clustering.
  public enum ClusterAdjustment: String, Sendable {
    /// No G/(G-1) factor.
    case none
    /// Each component with its own G (sandwich `vcovCL`, Stata, statsmodels).
    case perDimension
    /// Every component with the smallest G (fixest's default).
    case minimum
  }

  /// Reference distribution of t statistics.
  public enum Distribution: String, Sendable {
    /// Student t with N - K degrees of freedom (R's `lmtest::coeftest`).
    case residual
    /// Student t with G - 1 degrees of freedom, G the smallest cluster count (Stata, fixest).
    case clustersMinusOne
    /// Standard normal (statsmodels' default for robust covariances).
    case normal
  }

  /// The G/(G-1) factor.
  public var clusterAdjustment: ClusterAdjustment
  /// Whether (N-1)/(N-K) is applied.
  public var residualAdjustment: Bool
  /// The distribution used for p-values and intervals.
  public var distribution: Distribution
  /// Name of the preset, or "custom".
  public var name: String

  /// Creates a correction from its parts.
  public init(
    clusterAdjustment: ClusterAdjustment, residualAdjustment: Bool, distribution: Distribution,
    name: String = "custom"
  ) {
    self.clusterAdjustment = clusterAdjustment
    self.residualAdjustment = residualAdjustment
    self.distribution = distribution
    self.name = name
  }

  /// Stata's and R `sandwich::vcovCL(type = "HC1")`'s CR1: G/(G-1) x (N-1)/(N-K), per dimension; t
  /// with G-1 degrees of freedom as Stata.
  ///
  /// The default.
  public static let stata = SmallSampleCorrection(
    clusterAdjustment: .perDimension, residualAdjustment: true, distribution: .clustersMinusOne,
    name: "stata")
  /// fixest's default `ssc()`: G/(G-1) with the smallest G in every dimension, (N-1)/(N-K),
  /// t with min(G)-1 degrees of freedom.
  public static let fixest = SmallSampleCorrection(
    clusterAdjustment: .minimum, residualAdjustment: true, distribution: .clustersMinusOne,
    name: "fixest")
  /// statsmodels' `OLS.fit(cov_type="cluster")` defaults (`use_correction=True`,
  /// `df_correction=True`): G/(G-1) x (N-1)/(N-K) per dimension, t with min(G)-1 degrees of
  /// freedom.
  ///
  /// Numerically the same as `stata`; kept as a name so specs can say what they mirror.
  public static let statsmodels = SmallSampleCorrection(
    clusterAdjustment: .perDimension, residualAdjustment: true, distribution: .clustersMinusOne,
    name: "statsmodels")
  /// No finite-sample factor (CR0), t with G-1 degrees of freedom.
  public static let none = SmallSampleCorrection(
    clusterAdjustment: .none, residualAdjustment: false, distribution: .clustersMinusOne,
    name: "none")
  /// The default: `stata`.
  public static let `default` = stata

  /// The presets by name, for command lines and specs.
  public static let presets: [String: SmallSampleCorrection] = [
    "stata": .stata, "sandwich": .stata, "cr1": .stata, "fixest": .fixest,
    "statsmodels": .statsmodels, "none": .none,
  ]

  /// A readable statement of the factors, such as `G/(G-1) x (N-1)/(N-K), t(G-1)`.
  public var description: String {
    let reference: String
    switch distribution {
    case .residual: reference = "t(N-K)"
    case .clustersMinusOne: reference = "t(G-1)"
    case .normal: reference = "normal"
    }
    return "\(factorDescription), \(reference)"
  }

  /// The preset name and its scaling only, such as `fixest: Gmin/(Gmin-1) x (N-1)/(N-K)`, for
  /// models whose tests do not follow `distribution` (GLMs use z tests).
  public var factorDescription: String {
    var parts: [String] = []
    switch clusterAdjustment {
    case .none: break
    case .perDimension: parts.append("G/(G-1)")
    case .minimum: parts.append("Gmin/(Gmin-1)")
    }
    if residualAdjustment { parts.append("(N-1)/(N-K)") }
    return "\(name): " + (parts.isEmpty ? "no adjustment" : parts.joined(separator: " x "))
  }
}

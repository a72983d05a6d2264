/// How the covariance of the coefficients is estimated. Chosen after the fit: a result can be
/// re-expressed under another type without refitting (`result.withCovariance(_:)`).
public enum CovarianceType: Sendable, Equatable, CustomStringConvertible {
  /// Classical, homoskedastic: sigma^2 (X'WX)^-1.
  case iid
  /// Heteroskedasticity-consistent sandwich (White 1980; MacKinnon & White 1985).
  case heteroskedastic(HCType)
  /// Cluster-robust by one column, or two (Cameron, Gelbach & Miller 2011), with an explicit
  /// small-sample correction.
  case cluster([String], SmallSampleCorrection)

  /// Cluster-robust with the default correction (`SmallSampleCorrection.default`).
  public static func cluster(_ columns: [String]) -> CovarianceType {
    .cluster(columns, .default)
  }

  /// Cluster-robust by one column with the default correction.
  public static func cluster(_ column: String) -> CovarianceType {
    .cluster([column], .default)
  }

  /// Text used in result documents: `iid`, `hc1`, `cluster(school_id)`, `cluster(firm,year)`.
  public var description: String {
    switch self {
    case .iid: return "iid"
    case .heteroskedastic(let type): return type.rawValue
    case .cluster(let columns, _): return "cluster(\(columns.joined(separator: ",")))"
    }
  }

  /// Columns whose values the estimator needs on every used row.
  public var requiredColumns: [String] {
    if case .cluster(let columns, _) = self { return columns }
    return []
  }
}

/// The heteroskedasticity-consistent variants (as `sandwich::vcovHC`).
public enum HCType: String, Sendable, CaseIterable {
  /// White's estimator, no correction.
  case hc0
  /// HC0 times n / (n - k) (Stata's `robust`).
  case hc1
  /// Squared residuals divided by 1 - h_ii.
  case hc2
  /// Squared residuals divided by (1 - h_ii)^2 (jackknife-like).
  case hc3
}

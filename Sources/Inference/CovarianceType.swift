/// How the covariance of the coefficients is estimated.
///
/// Chosen after the fit: a result can be re-expressed under another type without refitting
/// (`result.withCovariance(_:)`).
public enum CovarianceType: Sendable, Equatable, CustomStringConvertible {
  /// Classical, homoskedastic: sigma^2 (X'WX)^-1.
  case iid
  /// Heteroskedasticity-consistent sandwich (White 1980; MacKinnon & White 1985).
  case heteroskedastic(HCType)
  /// Cluster-robust by one column, or two (Cameron, Gelbach & Miller 2011), with an explicit
  /// small-sample correction.
  case cluster([String], SmallSampleCorrection)
  /// Newey-West (1987) heteroskedasticity and autocorrelation consistent covariance for panels:
  /// Bartlett-weighted autocovariances of each unit's scores up to `lags` periods apart, no
  /// cross-unit terms (R `plm::vcovNW`, type HC0). `lags == nil` uses plm's default
  /// floor(T^(1/4)), T the longest unit's number of periods.
  case hac(unit: String, time: String, lags: Int?)
  /// Driscoll & Kraay (1998) covariance robust to cross-sectional and serial correlation: scores
  /// summed by period, then Newey-West across periods (R `plm::vcovSCC`, type HC0). `lags == nil`
  /// uses floor(T^(1/4)) as plm.
  case driscollKraay(time: String, lags: Int?)

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
    case .hac(let unit, let time, let lags):
      return "hac(\(unit),\(time)" + (lags.map { ",lags=\($0)" } ?? "") + ")"
    case .driscollKraay(let time, let lags):
      return "driscoll-kraay(\(time)" + (lags.map { ",lags=\($0)" } ?? "") + ")"
    }
  }

  /// Columns whose values the estimator needs on every used row.
  public var requiredColumns: [String] {
    switch self {
    case .cluster(let columns, _): return columns
    case .hac(let unit, let time, _): return [unit, time]
    case .driscollKraay(let time, _): return [time]
    case .iid, .heteroskedastic: return []
    }
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

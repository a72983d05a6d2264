import DataTable
import Formula
import Inference

/// The data of a Callaway and Sant'Anna fit after the checks and recodings of R `did`'s
/// `pre_process_did`: periods, treated cohorts, one influence-function row per unit (per row
/// for repeated cross-sections), outcomes and covariates laid out for the 2x2 comparisons.
struct DiDSample: Sendable {
  /// Influence-function rows: units of a panel, observations of repeated cross-sections.
  let n: Int
  /// Periods, ascending.
  let times: [Double]
  /// Treated cohorts estimated, ascending.
  let groups: [Double]
  /// First-treated period of each influence-function row (0 = never treated).
  let cohort: [Double]
  /// Cluster of each influence-function row, when clustering is coarser than the unit.
  let clusters: ClusterIndex?
  /// Covariate columns with intercept.
  let k: Int
  /// Covariate column names (after the intercept).
  let covariateNames: [String]
  /// Balanced panel: outcome of unit i in period p at `p * n + i`; `nil` otherwise.
  let panelOutcome: [Double]?
  /// Balanced panel: covariates of period p, column-major n x k, at `p * n * k`.
  let panelCovariates: [Double]?
  /// Row layout (unbalanced panel, repeated cross-sections): the row's influence-function row.
  let rowUnit: [Int32]
  /// The row's period index.
  let rowPeriod: [Int32]
  /// The row's outcome.
  let rowOutcome: [Double]
  /// The row's covariates, column-major (rows x k).
  let rowCovariates: [Double]
  /// Rows of each period: contiguous ranges (the row arrays are stored period by period), in
  /// ascending influence-function row (unit) order.
  let rowsByPeriod: [[Int]]
  /// Rows of the data used.
  let observations: Int
  /// Rows dropped and why.
  let dropped: [DroppedSummary.Count]
  /// Rows with a missing value in a used column.
  let missingRows: Int
  /// Warnings of the preparation (recodings, dropped units, small cohorts).
  let warnings: [String]

  /// Whether the layout is a balanced panel.
  var isBalancedPanel: Bool { panelOutcome != nil }
  /// Number of rows in the row layout.
  var rowCount: Int { rowOutcome.count }
}

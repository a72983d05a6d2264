import DataTable
import Distributions
import Foundation

/// The design-based estimator of indicator cells when `cluster:` or `weights:` is given.
///
/// Each cell is the ratio mean `R = Σ w y / Σ w` over its rows (a share is the mean of 0/1). Its
/// variance is the linearisation (sandwich) variance with clusters, as R
/// `survey::svymean` under `svydesign(ids = ~cluster, weights = ~w)` for a domain: the influence
/// of row i is `w_i (y_i - R) / Σ w` inside the cell and 0 outside, summed within clusters to
/// `z_g`, and `V = G / (G - 1) Σ_g z_g²` over the `G` clusters of the whole counted sample (the
/// `z_g` sum to 0). Without `cluster:` every row is its own cluster. The covariance of two cells
/// is `G / (G - 1) Σ_g z_g z'_g` (learners of two cells share schools), which the gaps use.
struct IndicatorDesign: Sendable {
  /// Per row of the data: the row's weight (1 without `weights:`).
  let weights: [Double]?
  /// Per row of the data: its cluster number (`-1` for rows not counted).
  let clusterOf: [Int]
  /// Clusters among the counted rows.
  let clusterCount: Int

  /// The design of the counted rows.
  /// - Parameters:
  ///   - data: the prepared data.
  ///   - rows: the counted rows.
  ///   - cluster: the cluster column (`nil`: every row its own cluster).
  ///   - weights: the weight values per row of the data (`nil`: all 1).
  init(data: DataTable, rows: [Int], cluster: String?, weights: [Double]?) {
    var clusterOf = [Int](repeating: -1, count: data.rowCount)
    var count = 0
    if let column = cluster.flatMap({ data[$0] }) {
      var codes: [String: Int] = [:]
      for row in rows {
        let value = column.stringValue(row) ?? ""
        if let code = codes[value] {
          clusterOf[row] = code
        } else {
          codes[value] = count
          clusterOf[row] = count
          count += 1
        }
      }
    } else {
      for row in rows {
        clusterOf[row] = count
        count += 1
      }
    }
    self.weights = weights
    self.clusterOf = clusterOf
    clusterCount = count
  }

  /// The ratio mean of `values` over `rows`, its linearisation standard error and the cluster
  /// totals of its influence (for covariances).
  func estimate(rows: [Int], values: [Double]) -> (
    n: Int, estimate: Double, standardError: Double, influence: [Int: Double]
  ) {
    var total = 0.0
    var weighted = 0.0
    for row in rows {
      let w = weights?[row] ?? 1
      total += w
      weighted += w * values[row]
    }
    guard total > 0 else { return (rows.count, .nan, .nan, [:]) }
    let mean = weighted / total
    var influence: [Int: Double] = [:]
    for row in rows {
      let w = weights?[row] ?? 1
      influence[clusterOf[row], default: 0] += w * (values[row] - mean) / total
    }
    return (rows.count, mean, covariance(influence, influence).squareRoot(), influence)
  }

  /// The linearisation covariance of two cells from their clusters' influence totals (`NaN`
  /// with fewer than two clusters).
  func covariance(_ a: [Int: Double], _ b: [Int: Double]) -> Double {
    let g = Double(clusterCount)
    guard g > 1 else { return .nan }
    let (small, large) = a.count <= b.count ? (a, b) : (b, a)
    var sum = 0.0
    for (cluster, value) in small {
      if let other = large[cluster] { sum += value * other }
    }
    return g / (g - 1) * sum
  }
}

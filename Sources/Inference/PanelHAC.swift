import Foundation
import LinearAlgebra

/// Heteroskedasticity and autocorrelation consistent covariances for panels, computed from the
/// scores s_it = x_it e_it of a fitted linear predictor (whitened scale, as `SandwichCovariance`).
///
/// Both use Bartlett weights w_l = 1 - l / (L + 1) and no small-sample factor (plm's `type =
/// "HC0"`); periods are positions in the sorted distinct time values, so a lag of l pairs
/// observations l positions apart.
public enum PanelHAC {
  /// plm's default lag length floor(T^(1/4)).
  /// - Parameter longestUnit: the largest number of observations of one unit (or of periods).
  /// - Returns: the number of lags, at least 1.
  public static func defaultLags(longestUnit: Int) -> Int {
    Int(Foundation.pow(Double(max(longestUnit, 1)), 0.25).rounded(.down))
  }

  /// Newey-West by unit (R `plm::vcovNW`): meat = sum_i sum_t s_it s_it' + sum_l w_l sum_i
  /// sum_t (s_it s_i,t-l' + s_i,t-l s_it').
  /// - Parameters:
  ///   - bread: (X'WX)^-1 on the kept columns.
  ///   - x: whitened design (n x k).
  ///   - residuals: whitened residuals.
  ///   - unit: unit code of each observation.
  ///   - period: period position of each observation (0-based).
  ///   - lags: maximum lag L.
  /// - Returns: the covariance.
  public static func neweyWest(
    bread: Matrix, x: Matrix, residuals: [Double], unit: [Int32], period: [Int32], lags: Int
  ) -> Matrix {
    let n = x.rows
    let scores = scoreMatrix(x: x, residuals: residuals)
    var meat = scores.crossProduct()
    if lags > 0 {
      // Position of each (unit, period) pair, to find the observation l periods earlier.
      var position: [Int64: Int] = [:]
      position.reserveCapacity(n)
      for i in 0..<n { position[key(unit[i], period[i])] = i }
      for l in 1...lags {
        var lagged = Matrix(rows: n, columns: x.columns)
        var any = false
        for i in 0..<n {
          guard let j = position[key(unit[i], period[i] - Int32(l))] else { continue }
          any = true
          for c in 0..<x.columns { lagged.storage[c * n + i] = scores.storage[c * n + j] }
        }
        if any { addSymmetric(&meat, scores, lagged, weight: 1 - Double(l) / Double(lags + 1)) }
      }
    }
    return SandwichCovariance.sandwich(bread: bread, meat: meat)
  }

  /// Driscoll-Kraay (R `plm::vcovSCC`): scores summed within each period h_t, then
  /// meat = sum_t h_t h_t' + sum_l w_l sum_t (h_t h_t-l' + h_t-l h_t').
  /// - Parameters:
  ///   - bread: (X'WX)^-1 on the kept columns.
  ///   - x: whitened design (n x k).
  ///   - residuals: whitened residuals.
  ///   - period: period position of each observation (0-based).
  ///   - periods: number of periods.
  ///   - lags: maximum lag L.
  /// - Returns: the covariance.
  public static func driscollKraay(
    bread: Matrix, x: Matrix, residuals: [Double], period: [Int32], periods: Int, lags: Int
  ) -> Matrix {
    let sums = SandwichCovariance.clusterScores(
      x: x, residuals: residuals, clusters: ClusterIndex(codes: period, count: periods))
    var meat = sums.crossProduct()
    if lags > 0 {
      for l in 1...min(lags, max(periods - 1, 0)) {
        var lagged = Matrix(rows: periods, columns: x.columns)
        for c in 0..<x.columns {
          for t in l..<periods {
            lagged.storage[c * periods + t] = sums.storage[c * periods + t - l]
          }
        }
        addSymmetric(&meat, sums, lagged, weight: 1 - Double(l) / Double(lags + 1))
      }
    }
    return SandwichCovariance.sandwich(bread: bread, meat: meat)
  }

  /// Period positions: the rank of each time value among the sorted distinct values.
  /// - Parameter times: time value of each observation.
  /// - Returns: positions and the number of periods.
  public static func periods(_ times: [Double]) -> (positions: [Int32], count: Int) {
    let distinct = Array(Set(times)).sorted()
    var rank: [Double: Int32] = [:]
    for (r, t) in distinct.enumerated() { rank[t] = Int32(r) }
    return (times.map { rank[$0] ?? 0 }, distinct.count)
  }

  private static func key(_ unit: Int32, _ period: Int32) -> Int64 {
    (Int64(unit) << 32) | Int64(UInt32(bitPattern: period))
  }

  private static func scoreMatrix(x: Matrix, residuals: [Double]) -> Matrix {
    var s = x
    for c in 0..<x.columns {
      for i in 0..<x.rows { s.storage[c * x.rows + i] *= residuals[i] }
    }
    return s
  }

  /// meat += weight (A'B + B'A).
  private static func addSymmetric(_ meat: inout Matrix, _ a: Matrix, _ b: Matrix, weight: Double) {
    let ab = a.crossProduct(with: b)
    let k = meat.rows
    for i in 0..<k {
      for j in 0..<k { meat.storage[j * k + i] += weight * (ab[i, j] + ab[j, i]) }
    }
  }
}

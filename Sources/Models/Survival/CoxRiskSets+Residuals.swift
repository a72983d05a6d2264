import Foundation
import LinearAlgebra

extension CoxRiskSets {
  /// Score residuals (n x p), as R's `residuals(fit, type = "score")`.
  ///
  /// Each spell's share of the score, the integral of (x - xbar) over
  /// its counting-process martingale. Their sum is the
  /// score; times the inverse information they are the dfbeta behind the robust covariances.
  /// - Parameter beta: coefficients.
  /// - Returns: one row per spell.
  func scoreResiduals(_ beta: [Double]) -> Matrix {
    var events = [[CoxEventTime]](repeating: [], count: strata.count)
    sweep(beta) { events[$0.stratum].append($0) }
    let risk = linearPredictor(beta).map { Foundation.exp($0) }
    var residuals = Matrix(rows: x.rows, columns: p)
    for (s, rows) in strata.enumerated() {
      let times = events[s].reversed().map(\.time)
      let ordered = Array(events[s].reversed())
      // Cumulative hazard and cumulative sum(xbar dLambda) after each event time.
      var hazard = [0.0]
      var hazardMean = [[Double](repeating: 0, count: p)]
      for event in ordered {
        hazard.append((hazard.last ?? 0) + event.hazard)
        hazardMean.append(zip(hazardMean.last ?? [], event.hazardMean).map { $0 + $1 })
      }
      /// Number of event times <= t.
      func upTo(_ t: Double) -> Int {
        var low = 0
        var high = times.count
        while low < high {
          let mid = (low + high) / 2
          if times[mid] <= t { low = mid + 1 } else { high = mid }
        }
        return low
      }
      for row in rows {
        let last = upTo(spells.exit[row])
        let first = spells.entry == nil ? 0 : upTo(spells.entryTime(row))
        let r = risk[row]
        for k in 0..<p {
          residuals[row, k] =
            -r
            * (x[row, k] * (hazard[last] - hazard[first])
              - (hazardMean[last][k] - hazardMean[first][k]))
        }
        guard spells.event[row], last > 0 else { continue }
        let event = ordered[last - 1]
        for k in 0..<p {
          residuals[row, k] +=
            r
            * (x[row, k] * (event.hazard - event.deathHazard)
              - (event.hazardMean[k] - event.deathHazardMean[k]))
            + x[row, k] - event.deathMean[k]
        }
      }
    }
    return residuals
  }
}

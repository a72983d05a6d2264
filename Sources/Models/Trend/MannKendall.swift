import Distributions
import Foundation
import Inference

/// The Mann-Kendall trend test with Sen's slope, as Python `pymannkendall.original_test`: the
/// score `S = sum sign(x_j - x_i)`, its variance with the tie correction, the continuity-
/// corrected normal score and two-sided p-value, Kendall's tau `S / (n(n-1)/2)`, and Sen's
/// slope, the median of the pairwise slopes `(x_j - x_i) / (t_j - t_i)` (pymannkendall uses the
/// index for `t`: the same for consecutive years), with intercept `median(x) - median(t -
/// origin) * slope`.
public enum MannKendall {
  /// Runs the test.
  /// - Parameters:
  ///   - series: the series (weights are not used).
  ///   - alpha: the significance level for `trend`.
  /// - Returns: the result.
  /// - Throws: `TrendError.tooFewPoints` below three points.
  public static func test(_ series: TrendSeries, alpha: Double = 0.05) throws -> MannKendallResult {
    let x = series.values
    let t = series.time
    let n = x.count
    guard n >= 3 else { throw TrendError.tooFewPoints(needed: 3, have: n, model: "Mann-Kendall") }
    var s = 0.0
    var slopes: [Double] = []
    slopes.reserveCapacity(n * (n - 1) / 2)
    for i in 0..<(n - 1) {
      for j in (i + 1)..<n {
        let d = x[j] - x[i]
        s += d > 0 ? 1 : (d < 0 ? -1 : 0)
        slopes.append(d / (t[j] - t[i]))
      }
    }
    var ties: [Double: Int] = [:]
    for v in x { ties[v, default: 0] += 1 }
    let nn = Double(n)
    var variance = nn * (nn - 1) * (2 * nn + 5)
    for count in ties.values where count > 1 {
      let c = Double(count)
      variance -= c * (c - 1) * (2 * c + 5)
    }
    variance /= 18
    let z: Double
    if s > 0 {
      z = (s - 1) / variance.squareRoot()
    } else if s < 0 {
      z = (s + 1) / variance.squareRoot()
    } else {
      z = 0
    }
    let p = 2 * Normal.standard.upperTail(abs(z))
    let slope = median(slopes)
    let origin = t[0]
    let intercept = median(x) - median(t.map { $0 - origin }) * slope
    let trend: String
    if p < alpha {
      trend = z > 0 ? "increasing" : "decreasing"
    } else {
      trend = "no trend"
    }
    return MannKendallResult(
      nobs: n, s: s, varianceS: variance, z: z, pValue: p, tau: s / (0.5 * nn * (nn - 1)),
      sensSlope: slope, intercept: intercept, origin: origin, trend: trend, alpha: alpha)
  }

  /// The median (mean of the middle two for an even count).
  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let m = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2
  }
}

/// The Mann-Kendall test and Sen's slope.
public struct MannKendallResult: Sendable, Equatable {
  /// Number of points.
  public let nobs: Int
  /// The Mann-Kendall score S.
  public let s: Double
  /// Variance of S (tie-corrected).
  public let varianceS: Double
  /// The continuity-corrected normal score.
  public let z: Double
  /// Two-sided p-value.
  public let pValue: Double
  /// Kendall's tau.
  public let tau: Double
  /// Sen's slope per time unit.
  public let sensSlope: Double
  /// Sen's intercept at `origin`.
  public let intercept: Double
  /// The time the intercept refers to (the first time).
  public let origin: Double
  /// `increasing`, `decreasing` or `no trend` at `alpha`.
  public let trend: String
  /// The significance level.
  public let alpha: Double
}

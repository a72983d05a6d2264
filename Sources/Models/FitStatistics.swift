import Foundation

/// Goodness-of-fit statistics of a linear model, computed as R's `summary.lm` and `logLik.lm`.
public struct FitStatistics: Sendable, Equatable {
  /// Weighted residual sum of squares, sum w e^2.
  public let residualSumOfSquares: Double
  /// Model sum of squares (about the weighted mean when there is an intercept, else about 0).
  public let modelSumOfSquares: Double
  /// R^2 = MSS / (MSS + RSS); uncentred without an intercept, as R.
  public let rSquared: Double
  /// 1 - (1 - R^2) (n - i) / df, i = 1 with an intercept.
  public let adjustedRSquared: Double
  /// Overall F statistic of all non-intercept terms under iid errors; `nil` when there is none
  /// or it is undefined (constant outcome, essentially perfect fit, no residual df).
  public let fStatistic: Double?
  /// Numerator degrees of freedom of the F statistic.
  public let fNumeratorDF: Double
  /// Denominator degrees of freedom of the F statistic (= residual df).
  public let fDenominatorDF: Double
  /// Residual standard error sqrt(RSS / df); NaN (undefined) without residual degrees of freedom.
  public let sigma: Double
  /// Gaussian log-likelihood at the estimates (R's `logLik.lm`, weights included).
  public let logLikelihood: Double

  /// True when the residual variance is below 1e-30 of the fitted values' second moment
  /// (mean^2 + variance), R's `summary.lm` test for an "essentially perfect fit": the residuals
  /// are rounding noise, and no standard error, test or interval of the fit means anything.
  public let isEssentiallyPerfectFit: Bool
  /// True when the outcome does not vary on the rows used (all values equal; all zero without
  /// an intercept): R^2, adjusted R^2 and the F test are then undefined (NaN, written `null`).
  public let outcomeIsConstant: Bool

  init(
    y: [Double], fitted: [Double], residuals: [Double], weights: [Double]?, weightKind: WeightKind,
    hasIntercept: Bool, rank: Int, dfResidual: Double
  ) {
    let n = y.count
    // Sums of squares are formed on values divided by a power of two near the largest
    // magnitude (exact), so that an outcome of scale 1e-300 or 1e300 neither under- nor
    // overflows: ratios (R^2, F) and logarithms are then taken of representable numbers.
    var largest = 0.0
    for i in 0..<n {
      if y[i].isFinite { largest = max(largest, abs(y[i])) }
      if fitted[i].isFinite { largest = max(largest, abs(fitted[i])) }
    }
    let scale = largest > 0 ? Double(sign: .plus, exponent: largest.exponent, significand: 1) : 1
    var rss = 0.0
    var sumW = 0.0
    var sumLogW = 0.0
    var weightedFitted = 0.0
    for i in 0..<n {
      let w = weights?[i] ?? 1
      let e = residuals[i] / scale
      rss += w * e * e
      sumW += w
      if weights != nil { sumLogW += Foundation.log(w) }
      weightedFitted += w * (fitted[i] / scale)
    }
    let center = hasIntercept ? weightedFitted / sumW : 0
    var mss = 0.0
    for i in 0..<n {
      let d = fitted[i] / scale - center
      mss += (weights?[i] ?? 1) * d * d
    }
    let first = y.first ?? 0
    outcomeIsConstant = hasIntercept ? y.allSatisfy { $0 == first } : y.allSatisfy { $0 == 0 }
    let interceptDF = hasIntercept ? 1.0 : 0.0
    let effectiveN = weightKind == .frequency ? sumW : Double(n)
    residualSumOfSquares = rss * scale * scale
    modelSumOfSquares = mss * scale * scale
    rSquared = outcomeIsConstant ? .nan : mss / (mss + rss)
    adjustedRSquared = 1 - (1 - rSquared) * ((effectiveN - interceptDF) / dfResidual)
    fNumeratorDF = Double(rank) - interceptDF
    fDenominatorDF = dfResidual
    sigma = dfResidual > 0 ? scale * (rss / dfResidual).squareRoot() : .nan
    // R: resvar < (mean(f)^2 + var(f)) * 1e-30, on the scaled values.
    let meanFitted = weightedFitted / sumW
    var fittedVariance = 0.0
    for i in 0..<n {
      let d = fitted[i] / scale - meanFitted
      fittedVariance += d * d
    }
    fittedVariance /= Double(max(n - 1, 1))
    isEssentiallyPerfectFit =
      dfResidual > 0 && rss / dfResidual < (meanFitted * meanFitted + fittedVariance) * 1e-30
    // The F test divides by the residual variance: undefined when that is rounding noise.
    fStatistic =
      fNumeratorDF > 0 && dfResidual > 0 && !outcomeIsConstant && !isEssentiallyPerfectFit
      ? (mss / fNumeratorDF) / (rss / dfResidual) : nil
    let twoPi = 2 * Double.pi
    let logRSS = Foundation.log(rss) + 2 * Foundation.log(scale)
    switch weightKind {
    case .analytic:
      logLikelihood =
        0.5
        * (sumLogW - effectiveN
          * (Foundation.log(twoPi) + 1 - Foundation.log(effectiveN) + logRSS))
    case .frequency:
      logLikelihood =
        -0.5 * effectiveN
        * (Foundation.log(twoPi) + 1 - Foundation.log(effectiveN) + logRSS)
    }
  }
}

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
  /// Overall F statistic of all non-intercept terms under iid errors; `nil` when there is none.
  public let fStatistic: Double?
  /// Numerator degrees of freedom of the F statistic.
  public let fNumeratorDF: Double
  /// Denominator degrees of freedom of the F statistic (= residual df).
  public let fDenominatorDF: Double
  /// Residual standard error sqrt(RSS / df).
  public let sigma: Double
  /// Gaussian log-likelihood at the estimates (R's `logLik.lm`, weights included).
  public let logLikelihood: Double

  init(
    y: [Double], fitted: [Double], residuals: [Double], weights: [Double]?, weightKind: WeightKind,
    hasIntercept: Bool, rank: Int, dfResidual: Double
  ) {
    let n = y.count
    var rss = 0.0
    var sumW = 0.0
    var sumLogW = 0.0
    var weightedFitted = 0.0
    for i in 0..<n {
      let w = weights?[i] ?? 1
      rss += w * residuals[i] * residuals[i]
      sumW += w
      if weights != nil { sumLogW += Foundation.log(w) }
      weightedFitted += w * fitted[i]
    }
    let center = hasIntercept ? weightedFitted / sumW : 0
    var mss = 0.0
    for i in 0..<n {
      let d = fitted[i] - center
      mss += (weights?[i] ?? 1) * d * d
    }
    let interceptDF = hasIntercept ? 1.0 : 0.0
    let effectiveN = weightKind == .frequency ? sumW : Double(n)
    residualSumOfSquares = rss
    modelSumOfSquares = mss
    rSquared = mss / (mss + rss)
    adjustedRSquared = 1 - (1 - rSquared) * ((effectiveN - interceptDF) / dfResidual)
    fNumeratorDF = Double(rank) - interceptDF
    fDenominatorDF = dfResidual
    sigma = (rss / dfResidual).squareRoot()
    fStatistic =
      fNumeratorDF > 0 && dfResidual > 0 ? (mss / fNumeratorDF) / (rss / dfResidual) : nil
    let twoPi = 2 * Double.pi
    switch weightKind {
    case .analytic:
      logLikelihood =
        0.5
        * (sumLogW - effectiveN
          * (Foundation.log(twoPi) + 1 - Foundation.log(effectiveN) + Foundation.log(rss)))
    case .frequency:
      logLikelihood =
        -0.5 * effectiveN
        * (Foundation.log(twoPi) + 1 - Foundation.log(effectiveN) + Foundation.log(rss))
    }
  }
}

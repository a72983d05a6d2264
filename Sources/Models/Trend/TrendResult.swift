import Distributions
import Foundation
import Inference

/// A fitted trend: coefficients with their covariance (classical, Newey-West or Prais-Winsten),
/// the fitted series and, when asked, a projection to a target year.
public struct TrendResult: Sendable {
  /// The series fitted.
  public let series: TrendSeries
  /// The trend shape.
  public let shape: TrendShape
  /// The time the intercept refers to.
  public let origin: Double
  /// Term names (see `TrendShape.terms`).
  public let terms: [String]
  /// Estimates, aligned with `terms`.
  public let estimates: [Double]
  /// The covariance in force, `terms.count` square.
  public let covariance: [[Double]]
  /// `classical`, `newey_west` or `prais_winsten`.
  public let covarianceName: String
  /// The Newey-West lag used, if HAC.
  public let hacLag: Int?
  /// Whether the Newey-West estimating functions were prewhitened, if HAC.
  public let hacPrewhitened: Bool?
  /// The AR(1) coefficient, if Prais-Winsten.
  public let rho: Double?
  /// Residual degrees of freedom `n - p` (t tests and intervals).
  public let residualDegreesOfFreedom: Int
  /// Residual standard error (of the innovations under AR(1)).
  public let sigma: Double
  /// R squared of the least-squares fit (`nil` under AR(1)).
  public let rSquared: Double?
  /// Fitted values at the series times (`x'b`, without the AR(1) part).
  public let fitted: [Double]
  /// Residuals `y - x'b` on the original scale.
  public let residuals: [Double]
  /// Confidence and prediction level.
  public let level: Double
  /// How the iterations ended (closed form for least squares).
  public let convergence: ConvergenceInfo
  /// Notes on the fit.
  public let warnings: [String]
  /// The projection to the target, if one was asked for.
  public let projection: TrendProjection?

  /// Standard errors.
  public var standardErrors: [Double] { terms.indices.map { covariance[$0][$0].squareRoot() } }

  /// t statistics.
  public var tStatistics: [Double] { zip(estimates, standardErrors).map { $0 / $1 } }

  /// Two-sided p-values from the t distribution with `residualDegreesOfFreedom`.
  public var pValues: [Double] {
    let t = StudentT(degreesOfFreedom: Double(residualDegreesOfFreedom))
    return tStatistics.map { t.twoSidedPValue($0) }
  }

  /// Confidence intervals at `level`.
  public var confidenceIntervals: [(low: Double, high: Double)] {
    let q = StudentT(degreesOfFreedom: Double(residualDegreesOfFreedom))
      .quantile(0.5 + level / 2)
    return zip(estimates, standardErrors).map { ($0 - q * $1, $0 + q * $1) }
  }

  /// The estimate of the named term, if present.
  public func estimate(_ term: String) -> Double? {
    terms.firstIndex(of: term).map { estimates[$0] }
  }

  /// The standard error of the named term, if present.
  public func standardError(_ term: String) -> Double? {
    terms.firstIndex(of: term).map { standardErrors[$0] }
  }

  /// The trend value at time `t` (`x'b`) and its standard error from the covariance in force.
  public func trendValue(at t: Double) -> (estimate: Double, standardError: Double) {
    let x = shape.row(at: t, origin: origin)
    let value = zip(x, estimates).reduce(0) { $0 + $1.0 * $1.1 }
    return (value, TrendAlgebra.quadraticForm(covariance, x).squareRoot())
  }

  /// Projects the trend to `target.year`: the estimate, a prediction interval for the value
  /// observed that year (t with `residualDegreesOfFreedom`), and the probability that it
  /// reaches `target.value`.
  ///
  /// Prediction variance: `x0' V x0 + sigma^2` under least squares (a new point of weight 1),
  /// with `V` the covariance in force (Newey-West too). Under AR(1) the last residual carries
  /// over, `rho^h e_n` added to the estimate for `h` steps after the last point, and the
  /// innovation part is `sigma^2 (1 - rho^{2h}) / (1 - rho^2)`; the uncertainty of rho itself is
  /// not included.
  /// - Parameters:
  ///   - target: the year and the value to reach.
  ///   - level: the prediction level (default the fit's).
  /// - Returns: the projection.
  public func project(to target: TrendTarget, level: Double? = nil) -> TrendProjection {
    let level = level ?? self.level
    let mean = trendValue(at: target.year)
    var estimate = mean.estimate
    var noise = sigma * sigma
    if let rho, let last = series.time.last, let lastResidual = residuals.last {
      let h = max(0, target.year - last)
      estimate += pow(rho, h) * lastResidual
      noise = rho == 0 ? noise : noise * (1 - pow(rho, 2 * h)) / (1 - rho * rho)
    }
    let se = (mean.standardError * mean.standardError + noise).squareRoot()
    let t = StudentT(degreesOfFreedom: Double(residualDegreesOfFreedom))
    let q = t.quantile(0.5 + level / 2)
    var probability: Double?
    if let value = target.value {
      let z = (value - estimate) / se
      probability = target.direction == .atLeast ? t.upperTail(z) : t.cdf(z)
    }
    return TrendProjection(
      time: target.year, estimate: estimate, trendStandardError: mean.standardError,
      predictionStandardError: se, predictionLow: estimate - q * se,
      predictionHigh: estimate + q * se, level: level, target: target,
      targetProbability: probability)
  }
}

/// A projection of a trend to a target year.
public struct TrendProjection: Sendable, Equatable {
  /// The target year.
  public let time: Double
  /// The projected value.
  public let estimate: Double
  /// Standard error of the trend value there (`sqrt(x0' V x0)`).
  public let trendStandardError: Double
  /// Standard error of a new observation there.
  public let predictionStandardError: Double
  /// Lower prediction bound.
  public let predictionLow: Double
  /// Upper prediction bound.
  public let predictionHigh: Double
  /// Prediction level.
  public let level: Double
  /// The target.
  public let target: TrendTarget
  /// Probability that the value observed in the target year reaches the target value.
  public let targetProbability: Double?
}

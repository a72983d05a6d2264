import Distributions
import Inference

/// The difference of trends between two groups (whether a gender gap is closing).
///
/// Both series are
/// stacked and fitted with the trend shape, a group indicator and its interaction with every
/// trend term (least squares, classical standard errors from the pooled residual variance);
/// the `group:time` interaction is the change per year of the gap. When the groups share their
/// time points, the gap series (group minus reference) is fitted too, with the requested
/// standard errors (Newey-West, AR(1)): the same slope, with errors that allow for
/// autocorrelation.
public enum TrendComparison {
  /// Fits the comparison.
  /// - Parameters:
  ///   - reference: the reference group's series (e.g. boys).
  ///   - group: the compared group's series (e.g. girls).
  ///   - label: the compared group's name in term names (`female` gives `female:time`).
  ///   - options: shape and standard errors (a target is not used).
  /// - Returns: the comparison.
  /// - Throws: `TrendError` as `TrendModel.fit`.
  public static func fit(
    reference: TrendSeries, group: TrendSeries, label: String = "group",
    options: TrendOptions = TrendOptions()
  ) throws -> TrendComparisonResult {
    let shape = options.shape
    let baseTerms = shape.terms
    let terms = baseTerms + baseTerms.map { $0 == "(Intercept)" ? label : "\(label):\($0)" }
    let n = reference.count + group.count
    let fewest = min(reference.count, group.count)
    guard fewest >= baseTerms.count + 1 else {
      throw TrendError.tooFewPoints(needed: baseTerms.count + 1, have: fewest, model: shape.name)
    }
    let origin = options.origin ?? min(reference.time[0], group.time[0])
    try TrendModel.checkBreaks(shape.breaks, series: reference)
    try TrendModel.checkBreaks(shape.breaks, series: group)
    let zeros = Array(repeating: 0.0, count: baseTerms.count)
    let design =
      reference.time.map { shape.row(at: $0, origin: origin) + zeros }
      + group.time.map {
        let r = shape.row(at: $0, origin: origin); return r + r
      }
    let values = reference.values + group.values
    let weights: [Double]? =
      reference.weights == nil && group.weights == nil
      ? nil
      : (reference.weights ?? Array(repeating: 1, count: reference.count))
        + (group.weights ?? Array(repeating: 1, count: group.count))
    let ls = try TrendAlgebra.leastSquares(
      design: design, response: values, weights: weights, terms: terms)
    let df = n - terms.count
    let s2 = ls.scaledResiduals.reduce(0) { $0 + $1 * $1 } / Double(df)
    var gap: TrendResult?
    var warnings: [String] = []
    if reference.time == group.time {
      let difference = try TrendSeries(
        time: group.time, values: zip(group.values, reference.values).map { $0 - $1 })
      var gapOptions = options
      gapOptions.target = nil
      gapOptions.origin = origin
      gap = try TrendModel.fit(difference, options: gapOptions)
    } else {
      warnings.append("the groups have different time points: the gap series is not fitted")
    }
    return TrendComparisonResult(
      label: label, shape: shape, origin: origin, terms: terms, estimates: ls.coefficients,
      covariance: ls.unscaled.map { $0.map { $0 * s2 } }, residualDegreesOfFreedom: df,
      nobs: n, level: options.level, gap: gap, warnings: warnings)
  }
}

/// Two groups' trends compared: the interacted fit and the gap series' fit.
public struct TrendComparisonResult: Sendable {
  /// The compared group's name.
  public let label: String
  /// The trend shape.
  public let shape: TrendShape
  /// The time origin.
  public let origin: Double
  /// Terms: the reference trend's, then the group's differences (`female`, `female:time`...).
  public let terms: [String]
  /// Estimates.
  public let estimates: [Double]
  /// Classical covariance (pooled residual variance).
  public let covariance: [[Double]]
  /// Residual degrees of freedom of the interacted fit.
  public let residualDegreesOfFreedom: Int
  /// Points in both series.
  public let nobs: Int
  /// Confidence level.
  public let level: Double
  /// The fit of the gap series (group minus reference), when both share their times.
  public let gap: TrendResult?
  /// Notes.
  public let warnings: [String]

  /// Standard errors.
  public var standardErrors: [Double] { terms.indices.map { covariance[$0][$0].squareRoot() } }

  /// Two-sided t p-values.
  public var pValues: [Double] {
    let t = StudentT(degreesOfFreedom: Double(residualDegreesOfFreedom))
    return zip(estimates, standardErrors).map { t.twoSidedPValue($0 / $1) }
  }

  /// The change of the gap per time unit (`label:time`) and its standard error.
  public var gapSlope: (estimate: Double, standardError: Double)? {
    guard let i = terms.firstIndex(of: "\(label):time") else { return nil }
    return (estimates[i], standardErrors[i])
  }
}

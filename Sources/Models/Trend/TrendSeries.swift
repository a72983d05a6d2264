/// An indicator series for a trend model: one value per time point (a year), optionally with a
/// weight or a standard error per point (weights `1 / se^2`), sorted by time.
public struct TrendSeries: Sendable, Equatable {
  /// The time points (years), strictly increasing.
  public let time: [Double]
  /// The values, aligned with `time`.
  public let values: [Double]
  /// Analytic weights (`nil`: unweighted), aligned with `time`.
  public let weights: [Double]?

  /// Creates a series, sorting it by time.
  /// - Parameters:
  ///   - time: the time points (years).
  ///   - values: the values.
  ///   - weights: analytic weights (finite, > 0), or `nil`.
  ///   - standardErrors: standard errors of the values (finite, > 0): weights `1 / se^2`; give
  ///     either `weights` or `standardErrors`.
  /// - Throws: `TrendError` when the lengths differ, a value is not finite, a time repeats, or
  ///   a weight or standard error is not positive.
  public init(
    time: [Double], values: [Double], weights: [Double]? = nil, standardErrors: [Double]? = nil
  ) throws {
    guard time.count == values.count else {
      throw TrendError.badSeries("time has \(time.count) points but values has \(values.count)")
    }
    if weights != nil && standardErrors != nil {
      throw TrendError.badSeries("give weights or standard errors, not both")
    }
    var w = weights
    if let se = standardErrors {
      guard se.count == time.count, se.allSatisfy({ $0.isFinite && $0 > 0 }) else {
        throw TrendError.badSeries("standard errors must be finite and > 0, one per point")
      }
      w = se.map { 1 / ($0 * $0) }
    }
    if let w {
      guard w.count == time.count, w.allSatisfy({ $0.isFinite && $0 > 0 }) else {
        throw TrendError.badSeries("weights must be finite and > 0, one per point")
      }
    }
    guard time.allSatisfy(\.isFinite), values.allSatisfy(\.isFinite) else {
      throw TrendError.badSeries("time and values must be finite (drop missing points first)")
    }
    let order = time.indices.sorted { time[$0] < time[$1] }
    let sortedTime = order.map { time[$0] }
    for i in sortedTime.indices.dropFirst() where sortedTime[i] == sortedTime[i - 1] {
      throw TrendError.badSeries("time \(sortedTime[i]) appears twice")
    }
    self.time = sortedTime
    self.values = order.map { values[$0] }
    self.weights = w.map { w in order.map { w[$0] } }
  }

  /// Number of points.
  public var count: Int { time.count }
}

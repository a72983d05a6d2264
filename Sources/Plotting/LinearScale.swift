import Foundation

/// A linear map from data values (domain) to drawing coordinates (range), with "nice" ticks
/// (steps of 1, 2 or 5 times a power of ten, as R's `pretty()` and d3's `ticks()`).
public struct LinearScale: Sendable, Equatable {
  /// Data interval, low first.
  public let domain: ClosedRange<Double>
  /// Drawing interval; `rangeStart` is where `domain.lowerBound` is drawn (may exceed `rangeEnd`,
  /// as for a y axis whose origin is at the bottom).
  public let rangeStart: Double
  /// Where `domain.upperBound` is drawn.
  public let rangeEnd: Double

  /// Creates a scale.
  /// - Parameters:
  ///   - domain: data interval; a zero-width interval is widened by one unit either side.
  ///   - range: drawing coordinates of the domain's ends.
  public init(domain: ClosedRange<Double>, range: (Double, Double)) {
    if domain.lowerBound == domain.upperBound {
      self.domain = (domain.lowerBound - 1)...(domain.upperBound + 1)
    } else {
      self.domain = domain
    }
    self.rangeStart = range.0
    self.rangeEnd = range.1
  }

  /// The drawing coordinate of `value`.
  public func callAsFunction(_ value: Double) -> Double {
    let t = (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
    return rangeStart + t * (rangeEnd - rangeStart)
  }

  /// A scale whose domain is extended outward to the nearest nice ticks around `low...high`.
  /// - Parameters:
  ///   - low: smallest data value.
  ///   - high: largest data value.
  ///   - range: drawing coordinates.
  ///   - tickCount: about how many ticks are wanted.
  /// - Returns: the scale and its ticks.
  public static func nice(
    low: Double, high: Double, range: (Double, Double), tickCount: Int = 5
  ) -> (scale: LinearScale, ticks: [Double]) {
    let ticks = NiceTicks.ticks(low: low, high: high, count: tickCount)
    let lower = min(low, ticks.first ?? low)
    let upper = max(high, ticks.last ?? high)
    return (LinearScale(domain: lower...upper, range: range), ticks)
  }
}

/// Tick positions at round numbers.
public enum NiceTicks {
  /// The step (1, 2, 5 or 10 times a power of ten) giving about `count` intervals over the span.
  /// - Parameters:
  ///   - span: width of the data interval (> 0).
  ///   - count: wanted number of intervals.
  /// - Returns: the step.
  public static func step(span: Double, count: Int) -> Double {
    let raw = span / Double(max(1, count))
    let power = pow(10, floor(log10(raw)))
    let fraction = raw / power
    // Thresholds at the geometric means of 1, 2, 5, 10 (as d3's tickIncrement).
    let nice: Double =
      fraction >= 50.0.squareRoot()
      ? 10
      : fraction >= 10.0.squareRoot()
        ? 5
        : fraction >= 2.0.squareRoot() ? 2 : 1
    return nice * power
  }

  /// Ticks covering `low...high`: the first at or below `low`, the last at or above `high`.
  /// - Parameters:
  ///   - low: smallest value.
  ///   - high: largest value.
  ///   - count: about how many intervals.
  /// - Returns: increasing tick values (exact multiples of the step, rounded to its precision).
  public static func ticks(low: Double, high: Double, count: Int = 5) -> [Double] {
    guard low.isFinite, high.isFinite else { return [] }
    var (a, b) = (min(low, high), max(low, high))
    if a == b {
      a -= a == 0 ? 1 : abs(a) * 0.1
      b += b == 0 ? 1 : abs(b) * 0.1
    }
    let step = step(span: b - a, count: count)
    let first = floor(a / step + 1e-9)
    let last = ceil(b / step - 1e-9)
    let digits = decimals(step: step)
    let scale = pow(10, Double(digits))
    return stride(from: first, through: last, by: 1).map { ($0 * step * scale).rounded() / scale }
  }

  /// Number of decimals needed to print ticks of this step exactly.
  public static func decimals(step: Double) -> Int {
    guard step > 0, step.isFinite else { return 0 }
    return max(0, -Int(floor(log10(step) + 1e-9)))
  }

  /// Tick label text with the decimals the step needs (a minus sign, not a hyphen).
  /// - Parameters:
  ///   - value: tick value.
  ///   - step: distance between ticks.
  /// - Returns: e.g. `"0.25"`, `"2020"`, `"−1"`.
  public static func label(_ value: Double, step: Double) -> String {
    let text = String(format: "%.\(decimals(step: step))f", value == 0 ? 0 : value)
    return text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
  }
}

import Distributions

/// One Kaplan-Meier curve: a step at every distinct exit time of its spells, as R's `survfit`
/// (times with only censoring included), with Greenwood standard errors and pointwise intervals.
public struct KaplanMeierCurve: Sendable, Equatable {
  /// The group label (`all` without groups).
  public let group: String
  /// Distinct exit times, increasing.
  public let time: [Double]
  /// Spells at risk just before each time (entry < t <= exit).
  public let nRisk: [Int]
  /// Events at each time.
  public let nEvent: [Int]
  /// Censored exits at each time.
  public let nCensor: [Int]
  /// The survival estimate after each time.
  public let survival: [Double]
  /// Greenwood standard error of -log S (R's `survfit()$std.err`); infinite once S is 0.
  public let logStandardError: [Double]
  /// Lower pointwise confidence bounds (`nil` where undefined, R's `NA`).
  public let lower: [Double?]
  /// Upper pointwise confidence bounds.
  public let upper: [Double?]
  /// The interval scale.
  public let confidenceType: SurvivalConfidenceType
  /// The interval coverage.
  public let level: Double
  /// The median survival time and its interval (R's `summary(fit)$table`); `nil` where the
  /// curve (or bound) never falls to one half.
  public let median: SurvivalMedian

  /// Spells in the group.
  public let count: Int

  /// Greenwood standard error of S itself (R's `summary(fit)$std.err`).
  public var standardError: [Double] {
    zip(survival, logStandardError).map { $0 * $1 }
  }

  /// The estimate just after time `t` (1 before the first step).
  /// - Parameter t: a time.
  /// - Returns: S(t).
  public func survival(at t: Double) -> Double {
    var value = 1.0
    for (index, step) in time.enumerated() where step <= t { value = survival[index] }
    return value
  }

  /// The curve up to and including `index`: the same estimates, with the median and its
  /// interval read from these times only (`nil` where the shortened curve does not fall to one
  /// half).
  /// - Parameter index: the last time kept (`-1` keeps no time).
  /// - Returns: the shortened curve.
  public func prefix(through index: Int) -> KaplanMeierCurve {
    let end = Swift.min(Swift.max(index + 1, 0), time.count)
    return KaplanMeierCurve(
      group: group, time: Array(time[..<end]), nRisk: Array(nRisk[..<end]),
      nEvent: Array(nEvent[..<end]), nCensor: Array(nCensor[..<end]), count: count,
      confidenceType: confidenceType, level: level)
  }

  /// Builds the curve from its counts.
  init(
    group: String, time: [Double], nRisk: [Int], nEvent: [Int], nCensor: [Int], count: Int,
    confidenceType: SurvivalConfidenceType, level: Double
  ) {
    self.group = group
    self.time = time
    self.nRisk = nRisk
    self.nEvent = nEvent
    self.nCensor = nCensor
    self.count = count
    self.confidenceType = confidenceType
    self.level = level
    var s = 1.0
    var greenwood = 0.0
    var survival: [Double] = []
    var se: [Double] = []
    for index in time.indices {
      let n = Double(nRisk[index])
      let d = Double(nEvent[index])
      if d > 0 {
        s *= 1 - d / n
        greenwood += n > d ? d / (n * (n - d)) : .infinity
      }
      survival.append(s)
      se.append(greenwood.squareRoot())
    }
    let z = Normal.standard.upperQuantile((1 - level) / 2)
    let bounds = zip(survival, se).map {
      confidenceType.interval(survival: $0, logStandardError: $1, z: z)
    }
    self.survival = survival
    self.logStandardError = se
    self.lower = bounds.map(\.low)
    self.upper = bounds.map(\.high)
    self.median = SurvivalMedian(
      estimate: Self.quantile(0.5, time: time, curve: survival.map { Optional($0) }),
      low: Self.quantile(0.5, time: time, curve: bounds.map(\.low)),
      high: Self.quantile(0.5, time: time, curve: bounds.map(\.high))
    )
  }

  /// The first time `curve` falls to `1 - p`, averaged with the next step when it lies on `p`
  /// within a tolerance, as R's `quantile.survfit` (its `findq`); `nil` bounds are skipped.
  static func quantile(_ p: Double, time: [Double], curve: [Double?]) -> Double? {
    let tolerance = Double.ulpOfOne.squareRoot()
    var x = [0.0]
    var y: [Double?] = [0]
    var seen: Set<Double?> = [0]
    for (t, s) in zip(time, curve) {
      let value = s.map { 1 - $0 }
      guard !seen.contains(value) else { continue }
      seen.insert(value)
      x.append(t)
      y.append(value)
    }
    let defined = y.compactMap { $0 }
    guard let largest = defined.max(), largest >= p else { return nil }
    func firstIndex(_ shift: Double) -> Int? {
      y.indices.first { y[$0].map { $0 + shift >= p } ?? false }
    }
    guard let first = firstIndex(tolerance) else { return nil }
    let lastTime = time.last ?? 0
    if let last = y.last ?? nil, abs(p - last) < tolerance {
      return (x[first] + lastTime) / 2
    }
    guard let second = firstIndex(-tolerance) else { return nil }
    return (x[first] + x[second]) / 2
  }
}

/// A median survival time with its interval; `nil` where the curve (or bound) never falls to one
/// half.
public struct SurvivalMedian: Sendable, Equatable {
  /// The median.
  public let estimate: Double?
  /// Lower confidence bound (from the lower survival bound).
  public let low: Double?
  /// Upper confidence bound (from the upper survival bound).
  public let high: Double?
}

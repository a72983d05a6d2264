/// Draws from common distributions on top of `Xoshiro256`, using `PortableMath` so every
/// platform produces the same values for a seed.
public struct RandomDraws: Sendable {
  private var generator: Xoshiro256
  private var spareNormal: Double?

  /// Creates the draws for `seed`.
  public init(seed: UInt64) {
    generator = Xoshiro256(seed: seed)
  }

  /// A uniform double in [0, 1).
  public mutating func uniform() -> Double { generator.uniform() }

  /// A uniform integer in `range`.
  public mutating func integer(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + generator.integer(below: range.count)
  }

  /// A standard normal draw by Marsaglia's polar method (pairs; the second is kept).
  public mutating func standardNormal() -> Double {
    if let spare = spareNormal {
      spareNormal = nil
      return spare
    }
    while true {
      let u = 2 * generator.uniform() - 1
      let v = 2 * generator.uniform() - 1
      let s = u * u + v * v
      guard s > 0, s < 1 else { continue }
      let factor = (-2 * PortableMath.log(s) / s).squareRoot()
      spareNormal = v * factor
      return u * factor
    }
  }

  /// A normal draw with the given mean and standard deviation.
  public mutating func normal(mean: Double = 0, sd: Double) -> Double {
    mean + sd * standardNormal()
  }

  /// A Bernoulli draw: true with probability `p`.
  public mutating func bernoulli(_ p: Double) -> Bool { generator.uniform() < p }

  /// A Bernoulli draw with probability `logistic(eta)` (a logit model).
  public mutating func logit(_ eta: Double) -> Bool { bernoulli(PortableMath.logistic(eta)) }

  /// An index drawn with the given probabilities (they need not sum exactly to 1; the last
  /// index takes the remainder).
  public mutating func categorical(_ probabilities: [Double]) -> Int {
    let u = generator.uniform()
    var cumulative = 0.0
    for (i, p) in probabilities.enumerated() {
      cumulative += p
      if u < cumulative { return i }
    }
    return probabilities.count - 1
  }
}

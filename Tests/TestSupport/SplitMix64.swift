import Foundation

/// Deterministic pseudo-random numbers (SplitMix64, Steele, Lea and Flood 2014), so every test's
/// random input is the same on every run and a failure can name its seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  /// The generator's state: the seed, advanced by the golden-ratio increment per draw.
  public var state: UInt64

  /// Creates a generator.
  /// - Parameter seed: the initial state.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform draw in the open interval (0, 1), from the top 53 bits.
  public mutating func uniform() -> Double {
    (Double(next() >> 11) + 0.5) * 0x1.0p-53
  }

  /// A standard normal draw (Box-Muller, one of the pair).
  public mutating func normal() -> Double {
    (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
  }
}

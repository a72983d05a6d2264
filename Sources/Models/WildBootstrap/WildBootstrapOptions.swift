import Optimization

/// The distribution of the wild bootstrap's cluster multipliers.
public enum WildBootstrapWeights: String, Sendable, CaseIterable {
  /// +1 or -1 with equal probability; with 2^G <= reps every sign pattern is enumerated once.
  case rademacher
  /// Webb's (2023) six-point distribution: +-sqrt(1/2), +-1, +-sqrt(3/2), each 1/6; better than
  /// Rademacher with fewer than about 12 clusters.
  case webb
}

/// Options of the wild cluster bootstrap test.
public struct WildBootstrapOptions: Sendable, Equatable {
  /// Bootstrap replications (9,999 by default, as Roodman and coauthors (2019) recommend).
  public var reps: Int
  /// The multiplier distribution.
  public var weights: WildBootstrapWeights
  /// Seed of the multiplier stream (results are reproducible for a seed).
  public var seed: UInt64
  /// Confidence level of the interval found by test inversion.
  public var level: Double
  /// The value of the coefficient under the null hypothesis.
  public var null: Double
  /// Stops the fit when raised (`nil`: never).
  ///
  /// Read at every coefficient's test: once raised, the fit throws `CancellationError`. The `async`
  /// entry point sets it.
  public var cancellation: CancellationFlag? = nil

  /// Creates options.
  /// - Parameters:
  ///   - reps: replications, at least 99.
  ///   - weights: the multiplier distribution.
  ///   - seed: the seed.
  ///   - level: confidence level in (0, 1).
  ///   - null: the hypothesised value.
  public init(
    reps: Int = 9_999, weights: WildBootstrapWeights = .rademacher, seed: UInt64 = 20_260_101,
    level: Double = 0.95, null: Double = 0
  ) {
    self.reps = reps
    self.weights = weights
    self.seed = seed
    self.level = level
    self.null = null
  }

  /// The defaults.
  public static let `default` = WildBootstrapOptions()

  /// Checks the ranges.
  /// - Throws: `ModelError.unsupported` naming the option.
  func validate() throws {
    guard reps >= 99, reps <= 10_000_000 else {
      throw ModelError.unsupported("bootstrap reps must be between 99 and 10,000,000, not \(reps)")
    }
    guard level > 0, level < 1 else {
      throw ModelError.unsupported("bootstrap confidence level must be in (0, 1), not \(level)")
    }
    guard null.isFinite else {
      throw ModelError.unsupported("bootstrap null value must be finite")
    }
  }
}

/// splitmix64 (Steele, Lea and Flood 2014): the multiplier stream, the same on every platform.
struct BootstrapStream {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Fills `v` with multipliers of the given distribution.
  mutating func fill(_ v: inout [Double], _ weights: WildBootstrapWeights) {
    switch weights {
    case .rademacher:
      var bits = next()
      for g in v.indices {
        if g % 64 == 0, g > 0 { bits = next() }
        v[g] = (bits >> UInt64(g % 64)) & 1 == 1 ? 1 : -1
      }
    case .webb:
      for g in v.indices {
        // Unbiased pick of one of six values (the top bits of a 64-bit draw times 6).
        let k = Int(next().multipliedFullWidth(by: 6).high)
        v[g] = Self.webbValues[k]
      }
    }
  }

  static let webbValues: [Double] = [
    -(1.5).squareRoot(), -1, -(0.5).squareRoot(), (0.5).squareRoot(), 1, (1.5).squareRoot(),
  ]
}

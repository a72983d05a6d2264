import Foundation

/// The normal (Gaussian) distribution N(mean, standardDeviation^2).
///
/// Tails use the C library's `erfc` with a first-order correction for the rounding of `x / sqrt 2`,
/// keeping relative error near 1e-15 down to the underflow threshold; the quantile refines an
/// Abramowitz-Stegun 26.2.23 start with Halley steps on the log of the smaller tail (on `erf`
/// near the median). Matches R's `dnorm`, `pnorm`, `qnorm`.
public struct Normal: ContinuousDistribution {
  /// The mean (location).
  public let mean: Double
  /// The standard deviation (scale), >= 0.
  public let standardDeviation: Double

  /// The standard normal distribution N(0, 1).
  public static let standard = Normal()

  /// Creates a normal distribution.
  /// - Parameters:
  ///   - mean: location; must be finite for meaningful results.
  ///   - standardDeviation: scale; negative or NaN makes every method return NaN, 0 gives a
  ///     point mass at `mean` (as in R).
  public init(mean: Double = 0, standardDeviation: Double = 1) {
    self.mean = mean
    self.standardDeviation = standardDeviation
  }

  private var isValid: Bool {
    mean.isFinite && standardDeviation >= 0 && standardDeviation.isFinite
  }

  /// The density at `x` (R's `dnorm`).
  public func density(_ x: Double) -> Double {
    guard isValid, !x.isNaN else { return .nan }
    if standardDeviation == 0 { return x == mean ? .infinity : 0 }
    return Normal.standardDensity((x - mean) / standardDeviation) / standardDeviation
  }

  /// P(X <= x) (R's `pnorm`).
  public func cdf(_ x: Double) -> Double {
    guard isValid, !x.isNaN else { return .nan }
    if standardDeviation == 0 { return x < mean ? 0 : 1 }
    return Normal.standardUpperTail(-(x - mean) / standardDeviation)
  }

  /// P(X > x), accurate far in the right tail (R's `pnorm(lower.tail = FALSE)`).
  public func upperTail(_ x: Double) -> Double {
    guard isValid, !x.isNaN else { return .nan }
    if standardDeviation == 0 { return x < mean ? 1 : 0 }
    return Normal.standardUpperTail((x - mean) / standardDeviation)
  }

  /// The `x` with P(X <= x) = `p` (R's `qnorm`).
  public func quantile(_ p: Double) -> Double {
    guard isValid, p >= 0, p <= 1 else { return .nan }
    return mean - standardDeviation * Normal.standardUpperQuantile(p)
  }

  /// The `x` with P(X > x) = `q` (R's `qnorm(lower.tail = FALSE)`).
  public func upperQuantile(_ q: Double) -> Double {
    guard isValid, q >= 0, q <= 1 else { return .nan }
    return mean + standardDeviation * Normal.standardUpperQuantile(q)
  }

  /// The two-sided p-value 2 P(Z > |z|) for a standard normal statistic, without cancellation.
  /// - Parameter z: the test statistic.
  /// - Returns: the p-value in [0, 1]; NaN for NaN.
  public static func twoSidedPValue(_ z: Double) -> Double {
    guard !z.isNaN else { return .nan }
    return 2 * standardUpperTail(abs(z))
  }
}

extension Normal {
  /// 1 / sqrt(2 pi).
  static let inverseSqrtTwoPi = 0.398_942_280_401_432_677_939_946_059_934
  /// 1 / sqrt 2 split into a double and its rounding error.
  static let inverseSqrtTwoHigh = 0.707_106_781_186_547_524_400_844_362_105
  static let inverseSqrtTwoLow = -4.833_646_656_726_456_726_1e-17
  /// 2 / sqrt(pi).
  static let twoOverSqrtPi = 1.128_379_167_095_512_573_896_158_903_122

  /// The standard normal density, with `z^2` split exactly so the exponent carries no rounding.
  static func standardDensity(_ z: Double) -> Double {
    if z.isInfinite { return 0 }
    let square = z * z
    let low = (-square).addingProduct(z, z)  // exact: z*z - square
    return inverseSqrtTwoPi * exp(-0.5 * square) * (1 - 0.5 * low)
  }

  /// Q(z) = P(Z > z) for the standard normal, relative error ~1e-15 for all z.
  static func standardUpperTail(_ z: Double) -> Double {
    if z.isNaN { return .nan }
    if z == .infinity { return 0 }
    if z == -.infinity { return 1 }
    let s = z * inverseSqrtTwoHigh
    let e = erfc(s)
    if s <= 1 || e == 0 { return 0.5 * e }
    // s differs from z / sqrt 2 by `delta`; erfc(s + delta) = erfc(s) (1 - ratio * delta).
    let delta = (-s).addingProduct(z, inverseSqrtTwoHigh) + z * inverseSqrtTwoLow
    let expTerm = exp(-s * s)
    let ratio = expTerm > 0 ? twoOverSqrtPi * expTerm / e : 2 * s + 1 / s
    return 0.5 * e * (1 - ratio * delta)
  }

  /// The z with Q(z) = q for the standard normal; `q` in [0, 1].
  static func standardUpperQuantile(_ q: Double) -> Double {
    if q.isNaN { return .nan }
    if q == 0 { return .infinity }
    if q == 1 { return -.infinity }
    if q == 0.5 { return 0 }
    if q > 0.5 { return -standardUpperQuantile(1 - q) }  // 1 - q is exact for q > 0.5
    if q > 0.25 { return centralQuantile(0.5 - q) }  // 0.5 - q is exact here
    // Abramowitz & Stegun 26.2.23 (|error| < 4.5e-4), then Halley on log Q.
    let t = (-2 * log(q)).squareRoot()
    var z =
      t - (2.515_517 + t * (0.802_853 + t * 0.010_328))
      / (1 + t * (1.432_788 + t * (0.189_269 + t * 0.001_308)))
    let logTarget = log(q)
    for _ in 0..<30 {
      let tail = standardUpperTail(z)
      if tail == 0 { break }
      let g = log(tail) - logTarget
      let r = standardDensity(z) / tail  // -d log Q / dz
      guard r > 0, r.isFinite else { break }
      let step = (g / r) / (1 + g * (r - z) / (2 * r))
      z += step
      if abs(step) <= 1e-16 * abs(z) { break }
    }
    return z
  }

  /// The z > 0 with P(0 < Z <= z) = `half`, Halley on `erf(z / sqrt 2) / 2` (no cancellation).
  private static func centralQuantile(_ half: Double) -> Double {
    var z = half * 2.506_628_274_631_000_502_415_765_284_811  // sqrt(2 pi)
    for _ in 0..<30 {
      let g = 0.5 * erf(z * inverseSqrtTwoHigh) - half
      let f = standardDensity(z)
      // Halley: f' = -z f.
      let step = (g / f) / (1 + 0.5 * z * g / f)
      z -= step
      if abs(step) <= 1e-16 * abs(z) { break }
    }
    return z
  }
}

import Foundation

/// Building blocks of Loader's (2000) saddle-point evaluation of binomial, Poisson and gamma
/// densities ("Fast and accurate computation of binomial probabilities"): the Stirling-series
/// remainder and the deviance term `bd0`, which together avoid the cancellation of
/// `a * log(x) - x - logGamma(a + 1)` when `a` and `x` are large.
enum Stirling {
  /// log(sqrt(2 * pi)).
  static let logSqrtTwoPi = 0.918_938_533_204_672_741_780_329_736_406

  /// Remainder of Stirling's formula: `logGamma(z + 1) - (z + 1/2) log z + z - log sqrt(2 pi)`.
  ///
  /// Uses the asymptotic series in Bernoulli numbers (eight terms, error < 1e-17) for `z >= 10`
  /// and `logGamma` below.
  static func remainder(_ z: Double) -> Double {
    if z >= 10 {
      let r = 1 / z
      let r2 = r * r
      var s = 3617.0 / 122_400
      s = 1.0 / 156 - r2 * s
      s = 691.0 / 360_360 - r2 * s
      s = 1.0 / 1188 - r2 * s
      s = 1.0 / 1680 - r2 * s
      s = 1.0 / 1260 - r2 * s
      s = 1.0 / 360 - r2 * s
      s = 1.0 / 12 - r2 * s
      return r * s
    }
    return SpecialFunctions.logGamma(z + 1) - (z + 0.5) * log(z) + z - logSqrtTwoPi
  }

  /// The deviance term `x log(x / m) + m - x >= 0`, accurate also when `x` is close to `m`
  /// (series in `v = (x - m) / (x + m)`).
  static func deviance(_ x: Double, _ m: Double) -> Double {
    if x == m { return 0 }
    if m == 0 { return .infinity }
    if x == 0 { return m }
    if abs(x - m) < 0.1 * (x + m) {
      let v = (x - m) / (x + m)
      let v2 = v * v
      var sum = (x - m) * v
      var term = 2 * x * v
      var j = 3.0
      while j < 1000 {
        term *= v2
        let next = sum + term / j
        if next == sum { break }
        sum = next
        j += 2
      }
      return sum
    }
    let ratio = x / m
    let logRatio = (ratio.isFinite && ratio > 0) ? log(ratio) : log(x) - log(m)
    return x * logRatio + (m - x)
  }
}

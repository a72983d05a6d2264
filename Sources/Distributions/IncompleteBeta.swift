import Foundation

extension SpecialFunctions {
  /// The regularized incomplete beta function I_x(a, b) and its complement 1 - I_x(a, b).
  ///
  /// The continued fraction of DiDonato and Morris (1992, TOMS 708; Numerical Recipes' `betacf`)
  /// is evaluated with the modified Lentz algorithm on whichever tail converges fast (swap
  /// `a`, `b` and `x`, `1 - x` when `x > (a + 1) / (a + b + 2)`), so the smaller tail is computed
  /// directly. The prefactor `x^a (1-x)^b / B(a, b)` uses Loader's (2000) saddle-point form
  /// (Stirling remainders and `bd0` deviances), free of cancellation for large `a` and `b`.
  /// - Parameters:
  ///   - x: the integration limit in [0, 1].
  ///   - a: first shape, > 0.
  ///   - b: second shape, > 0.
  /// - Returns: `(lower: I_x(a, b), upper: 1 - I_x(a, b))`; NaNs for invalid arguments.
  public static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> (
    lower: Double, upper: Double
  ) {
    IncompleteBeta.evaluate(x: x, y: 1 - x, a: a, b: b)
  }
}

/// Internal pieces of the incomplete beta function.
enum IncompleteBeta {
  /// I_x(a, b) and 1 - I_x(a, b) where the caller supplies both `x` and `y = 1 - x`, each
  /// computed without cancellation (as the t and F distributions can).
  static func evaluate(x: Double, y: Double, a: Double, b: Double) -> (
    lower: Double, upper: Double
  ) {
    guard !x.isNaN, !y.isNaN, !a.isNaN, !b.isNaN, a > 0, b > 0, x >= 0, y >= 0 else {
      return (.nan, .nan)
    }
    if x == 0 { return (0, 1) }
    if y == 0 { return (1, 0) }
    // x < (a + 1) / (a + b + 2), tested on the smaller of x and y so it stays exact when x
    // rounds to 1 (Student t with df near 1e18).
    let lowerConverges = x <= y ? x < (a + 1) / (a + b + 2) : y > (b + 1) / (a + b + 2)
    if lowerConverges {
      let lower = powerTerm(a: a, b: b, x: x, y: y) / a * continuedFraction(a: a, b: b, x: x, y: y)
      return (lower, 1 - lower)
    }
    let upper = powerTerm(a: b, b: a, x: y, y: x) / b * continuedFraction(a: b, b: a, x: y, y: x)
    return (1 - upper, upper)
  }

  /// `x^a y^b / B(a, b)` with `y = 1 - x`; see `logPowerTerm`.
  static func powerTerm(a: Double, b: Double, x: Double, y: Double) -> Double {
    exp(logPowerTerm(a: a, b: b, x: x, y: y))
  }

  /// `log(x^a y^b / B(a, b))` with `y = 1 - x`, via Loader's (2000) binomial-density form
  /// `stirlerr(n) - stirlerr(a) - stirlerr(b) - bd0(a, n x) - bd0(b, n y)`
  /// `+ log sqrt(a b / (2 pi n))`, `n = a + b`.
  ///
  /// The saddle-point form relies on `n x + n y = n`; the larger of the two is therefore taken as
  /// `n` minus the smaller, whose rounding `bd0` is insensitive to (its derivative vanishes at the
  /// mode), while rounding `x` itself would cost `n * eps` in the exponent.
  static func logPowerTerm(a: Double, b: Double, x: Double, y: Double) -> Double {
    if x == 0 || y == 0 { return -.infinity }
    let n = a + b
    if n < 10 {
      return a * (x < 0.5 ? log(x) : log1p(-y)) + b * (y < 0.5 ? log(y) : log1p(-x))
        - SpecialFunctions.logBeta(a, b)
    }
    let meanA: Double
    let meanB: Double
    if x <= y {
      meanA = n * x
      meanB = n - meanA
    } else {
      meanB = n * y
      meanA = n - meanB
    }
    let stirling = Stirling.remainder(n) - Stirling.remainder(a) - Stirling.remainder(b)
    let exponent = stirling - Stirling.deviance(a, meanA) - Stirling.deviance(b, meanB)
    return exponent + 0.5 * log(a * b / (2 * Double.pi * n))
  }

  /// The continued fraction for `I_x(a, b) / (x^a y^b / (a B(a, b)))`, `y = 1 - x`.
  ///
  /// This is the even contraction of the classical fraction `1 / (1 + d1 / (1 + d2 / ...))` with
  /// `d(2m+1) = -(a+m)(a+b+m) x / ((a+2m)(a+2m+1))`, `d(2m) = m(b-m) x / ((a+2m-1)(a+2m))`:
  /// `1 / ((1 + d1) - d1 d2 / ((1 + d2 + d3) - d3 d4 / ...))`, evaluated by modified Lentz.
  /// Its partial denominators are differences `1 - K x` with `K` near 1 when `x` is near 1 and `a`
  /// is large (Student t with large df); there they are rewritten in terms of `y`, exactly,
  /// so that the rounding of `x` costs nothing.
  static func continuedFraction(a: Double, b: Double, x: Double, y: Double) -> Double {
    let tiny = 1e-300
    let useComplement = y < x
    // 1 + d(2m+1)
    func onePlusOdd(_ m: Double) -> Double {
      let ratio = (a + m) / (a + 2 * m) * ((a + b + m) / (a + 2 * m + 1))
      if useComplement {
        let exact = (a * (2 * m + 1 - b) + m * (3 * m + 2 - b)) / (a + 2 * m) / (a + 2 * m + 1)
        return exact + ratio * y
      }
      return 1 - ratio * x
    }
    var f = onePlusOdd(0)
    if abs(f) < tiny { f = tiny }
    var c = f
    var d = 0.0
    var m = 1.0
    while m < 1e8 {
      let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))  // d(2m)
      let numerator =
        m * (b - m) * ((a + m - 1) / (a + 2 * m - 2)) * ((a + b + m - 1) / (a + 2 * m - 1))
        / ((a + 2 * m - 1) * (a + 2 * m)) * x * x  // -d(2m-1) d(2m)
      let denominator = onePlusOdd(m) + even
      d = denominator + numerator * d
      if abs(d) < tiny { d = tiny }
      d = 1 / d
      c = denominator + numerator / c
      if abs(c) < tiny { c = tiny }
      let delta = c * d
      f *= delta
      if abs(delta - 1) <= 1e-16 { break }
      m += 1
    }
    return 1 / f
  }
}

import Foundation

extension SpecialFunctions {
  /// The regularized incomplete gamma functions P(a, x) and Q(a, x) = 1 - P(a, x).
  ///
  /// The smaller of the two is computed directly (never as `1 - other`): the power series of
  /// P for `x < a + 1` and Legendre's continued fraction for Q (modified Lentz) otherwise. The
  /// common factor `x^a e^-x / Gamma(a + 1)` is evaluated with Loader's (2000) saddle-point
  /// form, so neither large `a` nor large `x` loses accuracy to cancellation.
  /// - Parameters:
  ///   - x: the integration limit, >= 0 (`+infinity` allowed).
  ///   - a: the shape, > 0.
  /// - Returns: `(lower: P(a, x), upper: Q(a, x))`; NaNs for invalid arguments.
  public static func regularizedIncompleteGamma(_ x: Double, a: Double) -> (
    lower: Double, upper: Double
  ) {
    guard !x.isNaN, !a.isNaN, a > 0, x >= 0 else { return (.nan, .nan) }
    if x == 0 { return (0, 1) }
    if x == .infinity { return (1, 0) }
    if a == .infinity { return (0, 1) }
    let front = IncompleteGamma.poissonTerm(a, x)
    if x < a + 1 {
      let lower = front * IncompleteGamma.lowerSeries(a, x)
      return (lower, 1 - lower)
    }
    let upper = front * a * IncompleteGamma.upperContinuedFraction(a, x)
    return (1 - upper, upper)
  }
}

/// Internal pieces of the incomplete gamma function.
enum IncompleteGamma {
  /// `x^a e^-x / Gamma(a + 1)`, Loader's (2000) Poisson-density form
  /// `exp(-stirlerr(a) - bd0(a, x)) / sqrt(2 pi a)`.
  ///
  /// Away from the mode `bd0 = a log(a/x) + (x - a)` is dominated by `x - a`; that part is
  /// exponentiated on its own (with the rounding of `x - a` carried separately), so a tail such
  /// as `e^-700` keeps full relative precision instead of losing `700 eps`.
  static func poissonTerm(_ a: Double, _ x: Double) -> Double {
    if x == 0 { return 0 }
    if a < 1 {
      // Small shape: x^a / Gamma(a + 1) is tame, and e^-x is exact for representable x.
      let scaled = exp(a * log(x) - SpecialFunctions.logGamma(a + 1))
      if x < 700 { return exp(-x) * scaled }
    }
    if x > a, abs(x - a) >= 0.1 * (x + a) {
      let excess = x - a
      let excessError = (x - excess) - a  // exact (Fast2Sum): x - a = excess + excessError
      let rest =
        -excessError + a * log(x / a) - Stirling.remainder(a) - 0.5 * log(2 * Double.pi * a)
      // e^-excess in two halves so that it cannot underflow before meeting e^rest.
      let half = exp(-0.5 * excess)
      let value = half * exp(rest) * half
      if value.isFinite, value >= Double.leastNormalMagnitude { return value }
    }
    return exp(logPoissonTerm(a, x))
  }

  /// `log(x^a e^-x / Gamma(a + 1)) = -stirlerr(a) - bd0(a, x) - log sqrt(2 pi a)`.
  static func logPoissonTerm(_ a: Double, _ x: Double) -> Double {
    if x == 0 { return -.infinity }
    return -Stirling.remainder(a) - Stirling.deviance(a, x) - 0.5 * log(2 * Double.pi * a)
  }

  /// `sum_{n >= 0} x^n / ((a + 1) ... (a + n))`; all terms positive.
  static func lowerSeries(_ a: Double, _ x: Double) -> Double {
    var sum = 1.0
    var term = 1.0
    var n = 1.0
    while n < 1e8 {
      term *= x / (a + n)
      sum += term
      if term <= sum * 1e-17 { break }
      n += 1
    }
    return sum
  }

  /// Legendre's continued fraction for `Gamma(a, x) e^x x^-a` (so Q = poissonTerm * a * cf),
  /// evaluated with the modified Lentz algorithm.
  static func upperContinuedFraction(_ a: Double, _ x: Double) -> Double {
    let tiny = 1e-300
    var b = x + 1 - a
    var c = 1 / tiny
    var d = 1 / b
    var h = d
    var i = 1.0
    while i < 1e8 {
      let an = -i * (i - a)
      b += 2
      d = an * d + b
      if abs(d) < tiny { d = tiny }
      c = b + an / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) <= 1e-16 { break }
      i += 1
    }
    return h
  }
}

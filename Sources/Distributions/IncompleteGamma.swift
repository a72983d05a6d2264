import Foundation

extension SpecialFunctions {
  /// The regularized incomplete gamma functions P(a, x) and Q(a, x) = 1 - P(a, x).
  ///
  /// The smaller of the two is computed directly (never as `1 - other`): the power series of
  /// P for `x < a + 1` and Legendre's continued fraction for Q (modified Lentz) otherwise. The
  /// common factor `x^a e^-x / Gamma(a + 1)` is evaluated with Loader's (2000) saddle-point
  /// form, so neither large `a` nor large `x` loses accuracy to cancellation. For `a >= 1e8`,
  /// where the series would need ~1e5 terms, Temme's (1979) uniform asymptotic expansion is used.
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
    if a >= IncompleteGamma.uniformAsymptoticThreshold {
      return IncompleteGamma.uniformAsymptotic(a, x)
    }
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

  /// Shapes from which `uniformAsymptotic` replaces the series and continued fraction.
  static let uniformAsymptoticThreshold = 1e8

  /// Taylor coefficients in eta of Temme's C0(eta) = 1/(lambda - 1) - 1/eta.
  static let temmeC0: [Double] = [
    -1.0 / 3, 1.0 / 12, -2.0 / 135, 1.0 / 864, 1.0 / 2835, -139.0 / 777_600, 1.0 / 25515,
    -571.0 / 261_273_600,
  ]
  /// Taylor coefficients of C1(eta) = 1/eta^3 - 1/(lambda-1)^3 - 1/(lambda-1)^2 - 1/(12(lambda-1)).
  static let temmeC1: [Double] = [
    -1.0 / 540, -1.0 / 288, 1.0 / 378, -77.0 / 77760, 1.0 / 4860, -1.0 / 2_488_320,
  ]

  /// The regularized incomplete gamma functions by Temme's (1979) uniform asymptotic expansion.
  ///
  /// `Q(a, x) = erfc(eta sqrt(a/2)) / 2 + e^(-a eta^2/2) / sqrt(2 pi a) (C0(eta) + C1(eta) / a)`,
  /// `lambda = x / a`, `a eta^2 / 2 = lambda - 1 - log lambda = bd0(a, x) / a`,
  /// sign(eta) = sign(x - a). The truncation error is O(a^-2.5) relative (about 1e-17 at
  /// a = 1e6); the Taylor series in eta are exact to double precision wherever the result does
  /// not underflow.
  static func uniformAsymptotic(_ a: Double, _ x: Double) -> (lower: Double, upper: Double) {
    let deviance = Stirling.deviance(a, x)
    let root = deviance.squareRoot() * (x < a ? -1 : 1)  // eta sqrt(a / 2)
    let eta = root * (2 / a).squareRoot()
    var c0 = 0.0
    for c in temmeC0.reversed() { c0 = c0 * eta + c }
    var c1 = 0.0
    for c in temmeC1.reversed() { c1 = c1 * eta + c }
    let remainder = exp(-deviance) / (2 * Double.pi * a).squareRoot() * (c0 + c1 / a)
    return (0.5 * erfc(-root) - remainder, 0.5 * erfc(root) + remainder)
  }
}

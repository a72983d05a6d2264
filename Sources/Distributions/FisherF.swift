import Foundation

/// Fisher's F distribution with (possibly fractional) numerator and denominator degrees of freedom.
///
/// P(F <= x) = I_w(d1/2, d2/2) with `w = d1 x / (d1 x + d2)` and `1 - w = d2 / (d1 x + d2)`
/// formed directly; the density is Loader's beta prefactor divided by x. An infinite denominator
/// (numerator) degree of freedom gives the scaled chi-squared limit. Quantiles use safeguarded
/// Newton steps on the log of the smaller tail from a Fisher z-transformation start.
/// Matches R's `df`, `pf`, `qf`.
public struct FisherF: ContinuousDistribution {
  /// Numerator degrees of freedom d1, > 0.
  public let numeratorDegreesOfFreedom: Double
  /// Denominator degrees of freedom d2, > 0.
  public let denominatorDegreesOfFreedom: Double

  /// Creates an F distribution.
  /// - Parameters:
  ///   - numeratorDegreesOfFreedom: d1 > 0 (may be `+infinity`).
  ///   - denominatorDegreesOfFreedom: d2 > 0 (may be `+infinity`).
  ///   NaN or non-positive values make every method return NaN.
  public init(numeratorDegreesOfFreedom: Double, denominatorDegreesOfFreedom: Double) {
    self.numeratorDegreesOfFreedom = numeratorDegreesOfFreedom
    self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
  }

  private var isValid: Bool { numeratorDegreesOfFreedom > 0 && denominatorDegreesOfFreedom > 0 }

  /// The density at `x` (R's `df`).
  public func density(_ x: Double) -> Double {
    guard isValid, !x.isNaN else { return .nan }
    let d1 = numeratorDegreesOfFreedom
    let d2 = denominatorDegreesOfFreedom
    if x < 0 || x == .infinity { return 0 }
    if x == 0 {
      if d1 < 2 { return .infinity }
      return d1 == 2 ? 1 : 0
    }
    if d1 == .infinity && d2 == .infinity { return x == 1 ? .infinity : 0 }
    if d2 == .infinity { return d1 * ChiSquared(degreesOfFreedom: d1).density(d1 * x) }
    if d1 == .infinity {
      return d2 / (x * x) * ChiSquared(degreesOfFreedom: d2).density(d2 / x)
    }
    let (w, complement) = betaArguments(x)
    return exp(IncompleteBeta.logPowerTerm(a: 0.5 * d1, b: 0.5 * d2, x: w, y: complement) - log(x))
  }

  /// P(F <= x) (R's `pf`).
  public func cdf(_ x: Double) -> Double {
    tails(x).lower
  }

  /// P(F > x), accurate far in the right tail (R's `pf(lower.tail = FALSE)`).
  public func upperTail(_ x: Double) -> Double {
    tails(x).upper
  }

  /// The `x` with P(F <= x) = `p` (R's `qf`).
  public func quantile(_ p: Double) -> Double {
    guard isValid, p >= 0, p <= 1 else { return .nan }
    if p > 0.5 { return solve(target: 1 - p, tail: .upper) }
    return solve(target: p, tail: .lower)
  }

  /// The `x` with P(F > x) = `q` (R's `qf(lower.tail = FALSE)`).
  public func upperQuantile(_ q: Double) -> Double {
    guard isValid, q >= 0, q <= 1 else { return .nan }
    if q > 0.5 { return solve(target: 1 - q, tail: .lower) }
    return solve(target: q, tail: .upper)
  }

  /// `w = d1 x / (d1 x + d2)` and `1 - w`, each without cancellation.
  private func betaArguments(_ x: Double) -> (Double, Double) {
    let d1 = numeratorDegreesOfFreedom
    let d2 = denominatorDegreesOfFreedom
    let scaled = d1 * x
    if scaled.isFinite {
      return (scaled / (scaled + d2), d2 / (scaled + d2))
    }
    let r = d2 / d1 / x
    return (1 / (1 + r), r / (1 + r))
  }

  private func tails(_ x: Double) -> (lower: Double, upper: Double) {
    guard isValid, !x.isNaN else { return (.nan, .nan) }
    let d1 = numeratorDegreesOfFreedom
    let d2 = denominatorDegreesOfFreedom
    if x <= 0 { return (0, 1) }
    if x == .infinity { return (1, 0) }
    if d1 == .infinity && d2 == .infinity { return x < 1 ? (0, 1) : (1, 0) }
    if d2 == .infinity {
      let a = 0.5 * d1
      return SpecialFunctions.regularizedIncompleteGamma(a * x, a: a)
    }
    if d1 == .infinity {
      let b = 0.5 * d2
      let g = SpecialFunctions.regularizedIncompleteGamma(b / x, a: b)
      return (g.upper, g.lower)
    }
    let (w, complement) = betaArguments(x)
    return IncompleteBeta.evaluate(x: w, y: complement, a: 0.5 * d1, b: 0.5 * d2)
  }

  private func solve(target: Double, tail: TailQuantileSolver.Tail) -> Double {
    if target == 0 { return tail == .lower ? 0 : .infinity }
    let d1 = numeratorDegreesOfFreedom
    let d2 = denominatorDegreesOfFreedom
    // Fisher: (1/2) log F is roughly normal, mean (1/d2 - 1/d1)/2, variance (1/d1 + 1/d2)/2.
    let z = Normal.standardUpperQuantile(target) * (tail == .upper ? 1 : -1)
    let mean = 0.5 * (1 / d2 - 1 / d1)
    let sd = (0.5 * (1 / d1 + 1 / d2)).squareRoot()
    let start = exp(2 * (mean + z * sd))
    return TailQuantileSolver.solve(target: target, tail: tail, start: start) { x in
      let parts = tails(x)
      return (tail == .lower ? parts.lower : parts.upper, density(x))
    }
  }
}

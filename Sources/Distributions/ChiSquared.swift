import Foundation

/// The chi-squared distribution with (possibly fractional) degrees of freedom.
///
/// P(X <= x) = P(df/2, x/2), the regularized incomplete gamma function (series / continued
/// fraction with Loader's saddle-point prefactor); the density is the same prefactor. Quantiles
/// refine a Wilson-Hilferty (or small-x power) start by safeguarded Newton steps on the log of
/// the smaller tail. Matches R's `dchisq`, `pchisq`, `qchisq`.
public struct ChiSquared: ContinuousDistribution {
  /// The degrees of freedom, > 0 and finite.
  public let degreesOfFreedom: Double

  /// Creates a chi-squared distribution.
  /// - Parameter degreesOfFreedom: > 0 and finite; otherwise every method returns NaN.
  public init(degreesOfFreedom: Double) {
    self.degreesOfFreedom = degreesOfFreedom
  }

  private var isValid: Bool { degreesOfFreedom > 0 && degreesOfFreedom.isFinite }
  private var shape: Double { 0.5 * degreesOfFreedom }

  /// The density at `x` (R's `dchisq`).
  public func density(_ x: Double) -> Double {
    guard isValid, !x.isNaN else { return .nan }
    if x < 0 || x == .infinity { return 0 }
    if x == 0 {
      if degreesOfFreedom < 2 { return .infinity }
      return degreesOfFreedom == 2 ? 0.5 : 0
    }
    // x^(a-1) e^(-x/2) / (2^a Gamma(a)) = poissonTerm(a, x/2) * a / x
    let term = IncompleteGamma.poissonTerm(shape, 0.5 * x)
    if term > 1e-280 { return term * shape / x }
    // Near underflow the factor a / x may still be huge: combine on the log scale.
    return exp(IncompleteGamma.logPoissonTerm(shape, 0.5 * x) + log(shape / x))
  }

  /// P(X <= x) (R's `pchisq`).
  public func cdf(_ x: Double) -> Double {
    guard isValid, !x.isNaN else { return .nan }
    if x <= 0 { return 0 }
    return SpecialFunctions.regularizedIncompleteGamma(0.5 * x, a: shape).lower
  }

  /// P(X > x), accurate far in the right tail (R's `pchisq(lower.tail = FALSE)`).
  public func upperTail(_ x: Double) -> Double {
    guard isValid, !x.isNaN else { return .nan }
    if x <= 0 { return 1 }
    return SpecialFunctions.regularizedIncompleteGamma(0.5 * x, a: shape).upper
  }

  /// The `x` with P(X <= x) = `p` (R's `qchisq`).
  public func quantile(_ p: Double) -> Double {
    guard isValid, p >= 0, p <= 1 else { return .nan }
    if p > 0.5 { return solve(upper: 1 - p) }
    return solve(lower: p)
  }

  /// The `x` with P(X > x) = `q` (R's `qchisq(lower.tail = FALSE)`).
  public func upperQuantile(_ q: Double) -> Double {
    guard isValid, q >= 0, q <= 1 else { return .nan }
    if q > 0.5 { return solve(lower: 1 - q) }
    return solve(upper: q)
  }

  /// Wilson-Hilferty: (X/n)^(1/3) is roughly normal with mean 1 - 2/(9n), variance 2/(9n).
  private func wilsonHilferty(_ z: Double) -> Double {
    let n = degreesOfFreedom
    let v = 2 / (9 * n)
    let c = 1 - v + z * v.squareRoot()
    return c > 0 ? n * c * c * c : 0
  }

  private func solve(lower p: Double) -> Double {
    if p == 0 { return 0 }
    let a = shape
    // Small x: P(a, x/2) ~ (x/2)^a / Gamma(a + 1).
    let small = 2 * exp((log(p) + SpecialFunctions.logGamma(a + 1)) / a)
    var start = wilsonHilferty(-Normal.standardUpperQuantile(p))
    if !(start > 0) || small < start { start = small }
    return TailQuantileSolver.solve(target: p, tail: .lower, start: start) { x in
      let parts = SpecialFunctions.regularizedIncompleteGamma(0.5 * x, a: a)
      return (parts.lower, density(x))
    }
  }

  private func solve(upper q: Double) -> Double {
    if q == 0 { return .infinity }
    let a = shape
    var start = wilsonHilferty(Normal.standardUpperQuantile(q))
    if !(start > 0) { start = degreesOfFreedom }
    return TailQuantileSolver.solve(target: q, tail: .upper, start: start) { x in
      let parts = SpecialFunctions.regularizedIncompleteGamma(0.5 * x, a: a)
      return (parts.upper, density(x))
    }
  }
}

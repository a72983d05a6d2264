import Foundation

/// Student's t distribution with (possibly fractional) degrees of freedom.
///
/// Tails come from the incomplete beta function, P(T > t) = I_x(df/2, 1/2) / 2 with
/// `x = df / (df + t^2)` and `1 - x = t^2 / (df + t^2)` both formed directly (no cancellation).
/// The density combines Stirling remainders (Loader 2000), so it stays accurate for huge df.
/// Quantiles refine a Cornish-Fisher / power-tail start by safeguarded Newton steps on the log
/// of the smaller tail. `degreesOfFreedom = +infinity` is the standard normal.
/// Matches R's `dt`, `pt`, `qt`.
public struct StudentT: ContinuousDistribution {
  /// The degrees of freedom, > 0 (may be fractional or `+infinity`).
  public let degreesOfFreedom: Double

  /// Creates a t distribution.
  /// - Parameter degreesOfFreedom: > 0; NaN or non-positive makes every method return NaN.
  public init(degreesOfFreedom: Double) {
    self.degreesOfFreedom = degreesOfFreedom
  }

  private var isValid: Bool { degreesOfFreedom > 0 }

  /// The density at `t` (R's `dt`).
  public func density(_ t: Double) -> Double {
    guard isValid, !t.isNaN else { return .nan }
    let n = degreesOfFreedom
    if n == .infinity { return Normal.standardDensity(t) }
    if t.isInfinite { return 0 }
    // log Gamma((n+1)/2) - log Gamma(n/2) - log sqrt(n pi)
    //   = (n/2) log1p(1/n) - 1/2 - log sqrt(2 pi) + s((n+1)/2) - s(n/2)
    let logConstant: Double
    if n >= 1 {
      logConstant =
        0.5 * n * log1p(1 / n) - 0.5 - Stirling.logSqrtTwoPi
        + Stirling.remainder(0.5 * (n + 1)) - Stirling.remainder(0.5 * n)
    } else {
      logConstant =
        SpecialFunctions.logGamma(0.5 * (n + 1)) - SpecialFunctions.logGamma(0.5 * n)
        - 0.5 * log(n * Double.pi)
    }
    let ratio = t * t / n
    let logKernel = ratio.isFinite ? log1p(ratio) : 2 * log(abs(t)) - log(n)
    return exp(logConstant - 0.5 * (n + 1) * logKernel)
  }

  /// P(T <= t) (R's `pt`).
  public func cdf(_ t: Double) -> Double {
    upperTail(-t)
  }

  /// P(T > t), accurate far in the right tail (R's `pt(lower.tail = FALSE)`).
  public func upperTail(_ t: Double) -> Double {
    guard isValid, !t.isNaN else { return .nan }
    if degreesOfFreedom == .infinity { return Normal.standardUpperTail(t) }
    let parts = halves(abs(t))
    return t >= 0 ? parts.beyond : 0.5 + parts.within
  }

  /// The two-sided p-value 2 P(T > |t|), computed without cancellation.
  /// - Parameter t: the test statistic.
  /// - Returns: the p-value in [0, 1]; NaN for NaN or invalid degrees of freedom.
  public func twoSidedPValue(_ t: Double) -> Double {
    guard isValid, !t.isNaN else { return .nan }
    if degreesOfFreedom == .infinity { return 2 * Normal.standardUpperTail(abs(t)) }
    return 2 * halves(abs(t)).beyond
  }

  /// The `t` with P(T <= t) = `p` (R's `qt`).
  public func quantile(_ p: Double) -> Double {
    guard isValid, p >= 0, p <= 1 else { return .nan }
    if p > 0.5 { return upperTailQuantile(1 - p) }  // exact complement
    return -upperTailQuantile(p)
  }

  /// The `t` with P(T > t) = `q` (R's `qt(lower.tail = FALSE)`).
  public func upperQuantile(_ q: Double) -> Double {
    guard isValid, q >= 0, q <= 1 else { return .nan }
    if q > 0.5 { return -upperTailQuantile(1 - q) }
    return upperTailQuantile(q)
  }

  /// For `t >= 0`: `beyond` = P(T > t) and `within` = P(0 < T <= t), each computed directly.
  private func halves(_ t: Double) -> (beyond: Double, within: Double) {
    let n = degreesOfFreedom
    let a = 0.5 * n
    let x: Double
    let y: Double
    let square = t * t
    if square.isFinite {
      x = n / (n + square)
      y = square / (n + square)
    } else {
      let r = n / t / t
      x = r / (1 + r)
      y = 1 / (1 + r)
    }
    if x < 1e-200 {
      // I_x(a, 1/2) = x^a / (a B(a, 1/2)) (1 + O(x)) with log x = log n - 2 log t; x itself may
      // underflow long before the tail does (small df).
      let logX = log(n) - 2 * log(t)
      let beyond = 0.5 * exp(a * logX - log(a) - SpecialFunctions.logBeta(a, 0.5))
      return (beyond, 0.5 - beyond)
    }
    let beta = IncompleteBeta.evaluate(x: x, y: y, a: a, b: 0.5)
    return (0.5 * beta.lower, 0.5 * beta.upper)
  }

  /// The t >= 0 with P(T > t) = q for q in [0, 1/2].
  private func upperTailQuantile(_ q: Double) -> Double {
    let n = degreesOfFreedom
    if q == 0 { return .infinity }
    if q == 0.5 { return 0 }
    if n == .infinity { return Normal.standardUpperQuantile(q) }
    let z = Normal.standardUpperQuantile(q)
    // Cornish-Fisher expansion in 1/n, and the power-law tail P(T > t) ~ C n^((n-1)/2) t^-n / ... .
    let z2 = z * z
    let cornishFisher =
      z + z * (z2 + 1) / (4 * n) + z * (5 * z2 * z2 + 16 * z2 + 3) / (96 * n * n)
    let logC =
      SpecialFunctions.logGamma(0.5 * (n + 1)) - SpecialFunctions.logGamma(0.5 * n)
      - 0.5 * log(n * Double.pi)
    let powerTail = exp((logC + 0.5 * (n - 1) * log(n) - log(q)) / n)
    var start = cornishFisher
    if powerTail.isFinite, powerTail > 0, powerTail < start { start = powerTail }
    if q > 0.25 {
      // Central solve: P(0 < T <= t) = 1/2 - q (exact), keeps relative accuracy near t = 0.
      return TailQuantileSolver.solve(target: 0.5 - q, tail: .lower, start: start) { t in
        (halves(t).within, density(t))
      }
    }
    return TailQuantileSolver.solve(target: q, tail: .upper, start: start) { t in
      (halves(t).beyond, density(t))
    }
  }
}

import Foundation

/// Special functions behind the distributions, exposed for other modules (GLM deviances,
/// likelihoods).
public enum SpecialFunctions {
  /// The logarithm of the absolute value of the gamma function, log |Gamma(x)|.
  ///
  /// Delegates to the C library's reentrant `lgamma_r` (no shared `signgam` state).
  /// - Parameter x: any real number; poles (0, -1, -2, ...) give `+infinity`.
  /// - Returns: log |Gamma(x)|, NaN for NaN.
  public static func logGamma(_ x: Double) -> Double {
    var sign: Int32 = 0
    return lgamma_r(x, &sign)
  }

  /// The logarithm of the beta function, log B(a, b) = log(Gamma(a) Gamma(b) / Gamma(a + b)).
  ///
  /// For large arguments the Stirling remainders are combined explicitly (as in Loader 2000), so
  /// there is no cancellation between the three log-gamma values.
  /// - Parameters:
  ///   - a: first shape, > 0.
  ///   - b: second shape, > 0.
  /// - Returns: log B(a, b), NaN for non-positive or NaN arguments.
  public static func logBeta(_ a: Double, _ b: Double) -> Double {
    guard a > 0, b > 0 else { return .nan }
    let small = min(a, b)
    let large = max(a, b)
    if large == .infinity { return small == .infinity ? -.infinity : .nan }
    let c = small + large
    if small >= 10 {
      // 1/2 log(2 pi) - 1/2 log c + (p - 1/2) log(p/c) + (q - 1/2) log(q/c) + s(p) + s(q) - s(c)
      let corr = Stirling.remainder(small) + Stirling.remainder(large) - Stirling.remainder(c)
      return -0.5 * log(large) + Stirling.logSqrtTwoPi + corr + (small - 0.5) * log(small / c)
        + large * log1p(-small / c)
    }
    if large >= 10 {
      // log Gamma(c) - log Gamma(large)
      //   = small log(large) + (c - 1/2) log1p(small/large) - small + s(c) - s(large)
      let corr = Stirling.remainder(large) - Stirling.remainder(c)
      let ratioTerm = small * log(large) + (c - 0.5) * log1p(small / large) - small
      return logGamma(small) - ratioTerm + corr
    }
    return logGamma(small) + logGamma(large) - logGamma(c)
  }
}

/// A univariate continuous probability distribution with accurate tails.
///
/// Every method returns NaN (never traps) when the distribution's parameters are invalid or the
/// argument is NaN, mirroring R's `d*`, `p*` and `q*` functions.
public protocol ContinuousDistribution: Sendable {
  /// The probability density at `x` (R's `d*`).
  func density(_ x: Double) -> Double
  /// The lower-tail probability P(X <= x) (R's `p*(x)`).
  func cdf(_ x: Double) -> Double
  /// The upper-tail probability P(X > x), computed directly rather than as `1 - cdf(x)`, so it
  /// keeps full relative accuracy far in the right tail (R's `p*(x, lower.tail = FALSE)`).
  func upperTail(_ x: Double) -> Double
  /// The lower-tail quantile: the `x` with P(X <= x) = `p` (R's `q*(p)`).
  ///
  /// `quantile(0)` is the lower end of the support and `quantile(1)` is `+infinity`.
  func quantile(_ p: Double) -> Double
  /// The upper-tail quantile: the `x` with P(X > x) = `q`, accurate for tiny `q`
  /// (R's `q*(q, lower.tail = FALSE)`).
  func upperQuantile(_ q: Double) -> Double
}

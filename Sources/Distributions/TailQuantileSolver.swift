import Foundation

/// Inverts a tail probability of a distribution on (0, infinity) by safeguarded Newton steps on
/// the logarithm of the tail as a function of log x.
///
/// With `u = log x` and `h(u) = +-(log tail(x) - log target)` (sign chosen so `h` increases), a
/// Newton step is `x <- x exp(-h / h')` with `h' = x density(x) / tail(x)`. Working on the log
/// of the (small) tail keeps the steps well scaled from the centre to probabilities near 1e-300,
/// and power-law tails (t, F) become nearly linear. The iterate is kept inside a bracket that
/// is grown geometrically until it holds the root and bisected (in log x) whenever a Newton step
/// leaves it, so the iteration always terminates.
enum TailQuantileSolver {
  /// Which tail the target probability refers to.
  enum Tail {
    /// P(X <= x): increasing in x.
    case lower
    /// P(X > x): decreasing in x.
    case upper
  }

  /// The x > 0 with tail(x) = target.
  /// - Parameters:
  ///   - target: the tail probability, in (0, 1); should be the smaller tail (<= ~0.5).
  ///   - tail: which tail `evaluate` returns.
  ///   - start: a positive starting guess.
  ///   - evaluate: returns the tail probability and the density at x.
  /// - Returns: the quantile; 0 when it is below the smallest normal double (2.2e-308),
  ///   `+infinity` when it overflows.
  static func solve(
    target: Double, tail: Tail, start: Double, evaluate: (Double) -> (tail: Double, density: Double)
  ) -> Double {
    let sign: Double = tail == .lower ? 1 : -1
    let logTarget = log(target)
    // Quantiles below the smallest normal double are returned as 0 (as R does): subnormal
    // arguments lose precision in x / 2, d1 x, ... and the tail cannot be inverted meaningfully.
    let smallest = Double.leastNormalMagnitude
    let largest = Double.greatestFiniteMagnitude
    var x = min(max(start.isFinite && start > 0 ? start : 1, smallest), largest)
    var low = 0.0
    var high = Double.infinity
    var growth = 1.0
    var smallSteps = 0
    for _ in 0..<400 {
      let (probability, density) = evaluate(x)
      let h = sign * (log(probability) - logTarget)
      if h == 0 { return x }
      if h.isNaN { return .nan }
      if h < 0 {
        if x == largest { return .infinity }
        low = x
      } else {
        if x == smallest { return 0 }
        high = x
      }
      let slope = x * density / probability
      let step = h / slope
      var next = Double.nan
      if step.isFinite { next = x * exp(-step) }
      if !(next > low && next < high) {
        if low > 0 && high < .infinity {
          next = (low.squareRoot() * high.squareRoot())
          if !(next > low && next < high) { return next }
        } else if high == .infinity {
          next = x * exp(growth)
          growth *= 2
        } else {
          next = x * exp(-growth)
          growth *= 2
        }
        smallSteps = 0
      } else if abs(step) < 4e-16 {
        return next  // below the resolution of x
      } else if abs(h) < 1e-6 {
        // Quadratic convergence: two more steps take |h| from 1e-6 to rounding level.
        smallSteps += 1
        if smallSteps >= 3 { return next }
      }
      next = min(max(next, smallest), largest)
      if next == x { return x }
      x = next
      if high < .infinity, low > 0, high / low - 1 < 4e-16 { return x }
    }
    return x
  }
}

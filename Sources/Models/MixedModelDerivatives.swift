/// Numerical second derivatives for mixed models: central differences refined by Richardson
/// extrapolation over four halvings of the step (as R's numDeriv, which lmerTest and lme4 use).
enum MixedModelDerivatives {
  /// The Hessian of `f` at `x` (row-major = column-major, symmetric), or `nil` when `f` fails.
  /// - Parameters:
  ///   - f: the function.
  ///   - x: the point.
  /// - Returns: `x.count x x.count` values.
  static func hessian(_ f: ([Double]) -> Double?, at x: [Double]) -> [Double]? {
    let d = x.count
    guard let f0 = f(x) else { return nil }
    let steps = x.map { abs($0) < 1e-4 ? 1e-4 : 0.1 * abs($0) }
    var out = [Double](repeating: 0, count: d * d)
    for i in 0..<d {
      guard
        let diagonal = richardson(
          { h in
            var plus = x
            var minus = x
            plus[i] += h
            minus[i] -= h
            guard let fp = f(plus), let fm = f(minus) else { return nil }
            return (fp - 2 * f0 + fm) / (h * h)
          }, step: steps[i])
      else { return nil }
      out[i + i * d] = diagonal
      for j in 0..<i {
        guard
          let cross = richardson(
            { h in
              let hj = h * steps[j] / steps[i]
              func at(_ si: Double, _ sj: Double) -> Double? {
                var point = x
                point[i] += si * h
                point[j] += sj * hj
                return f(point)
              }
              guard let pp = at(1, 1), let pm = at(1, -1), let mp = at(-1, 1), let mm = at(-1, -1)
              else { return nil }
              return (pp - pm - mp + mm) / (4 * h * hj)
            }, step: steps[i])
        else { return nil }
        out[i + j * d] = cross
        out[j + i * d] = cross
      }
    }
    return out
  }

  /// Richardson extrapolation of a central-difference estimate whose error is a series in h^2.
  private static func richardson(_ estimate: (Double) -> Double?, step: Double) -> Double? {
    var table: [Double] = []
    var h = step
    for _ in 0..<4 {
      guard let value = estimate(h) else { return nil }
      table.append(value)
      h /= 2
    }
    var factor = 4.0
    while table.count > 1 {
      var next: [Double] = []
      for k in 0..<(table.count - 1) {
        next.append((factor * table[k + 1] - table[k]) / (factor - 1))
      }
      table = next
      factor *= 4
    }
    return table.first
  }
}

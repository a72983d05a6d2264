/// Numerical derivatives for mixed models (Satterthwaite degrees of freedom, the GLMM's standard
/// errors): central differences over four halvings of the step, refined by Richardson
/// extrapolation, as R's numDeriv (which lmerTest uses).
enum MixedModelDerivatives {
  /// First derivatives of every output and second derivatives of the first.
  struct Derivatives {
    /// Per output, its gradient (`x.count` values).
    let jacobian: [[Double]]
    /// The Hessian of output 0, `x.count x x.count` column-major (symmetric).
    let hessian: [Double]
  }

  /// The Jacobian of `f` and the Hessian of its first output at `x`, or `nil` when `f` fails.
  ///
  /// The step of coordinate i is `0.1 |x_i|` (1e-4 near zero). As numDeriv's `genD`, a mixed
  /// second derivative takes the two points `x +- (h_i e_i + h_j e_j)` per halving and removes
  /// the (extrapolated) diagonal terms, so a Hessian costs `(2 d + 2 d (d - 1) / 2) * 4 + 1`
  /// evaluations of `f`.
  static func derivatives(_ f: ([Double]) -> [Double]?, at x: [Double]) -> Derivatives? {
    let d = x.count
    guard let f0 = f(x) else { return nil }
    let steps = x.map { abs($0) < 1e-4 ? 1e-4 : 0.1 * abs($0) }
    var jacobian = [[Double]](repeating: [Double](repeating: 0, count: d), count: f0.count)
    var hessian = [Double](repeating: 0, count: d * d)
    for i in 0..<d {
      var table: [[Double]] = []
      var h = steps[i]
      for _ in 0..<halvings {
        var plus = x
        var minus = x
        plus[i] += h
        minus[i] -= h
        guard let fp = f(plus), let fm = f(minus) else { return nil }
        let second = (fp[0] - 2 * f0[0] + fm[0]) / (h * h)
        var row = [second]
        for (a, b) in zip(fp, fm) { row.append((a - b) / (2 * h)) }
        table.append(row)
        h /= 2
      }
      let refined = richardson(table)
      hessian[i + i * d] = refined[0]
      for output in f0.indices { jacobian[output][i] = refined[output + 1] }
    }
    // numDeriv's genD: a mixed second derivative from the two points x +- (h_i e_i + h_j e_j)
    // per halving, less the extrapolated diagonal terms.
    for i in 0..<d {
      for j in 0..<i {
        var mixed: [[Double]] = []
        var hi = steps[i]
        var hj = steps[j]
        for _ in 0..<halvings {
          var plus = x
          var minus = x
          plus[i] += hi
          plus[j] += hj
          minus[i] -= hi
          minus[j] -= hj
          guard let fp = f(plus)?[0], let fm = f(minus)?[0] else { return nil }
          let diagonal = hessian[i + i * d] * hi * hi + hessian[j + j * d] * hj * hj
          mixed.append([(fp - 2 * f0[0] + fm - diagonal) / (2 * hi * hj)])
          hi /= 2
          hj /= 2
        }
        let value = richardson(mixed)[0]
        hessian[i + j * d] = value
        hessian[j + i * d] = value
      }
    }
    return Derivatives(jacobian: jacobian, hessian: hessian)
  }

  /// The Hessian of `f` at `x` (column-major, symmetric), or `nil` when `f` fails.
  static func hessian(_ f: ([Double]) -> Double?, at x: [Double]) -> [Double]? {
    derivatives({ point in f(point).map { [$0] } }, at: x)?.hessian
  }

  /// Halvings of the step (numDeriv's `r = 4`).
  private static let halvings = 4

  /// Richardson extrapolation of estimates (one row per halving) whose error is a series in h^2.
  private static func richardson(_ rows: [[Double]]) -> [Double] {
    var table = rows
    var factor = 4.0
    while table.count > 1 {
      var next: [[Double]] = []
      for k in 0..<(table.count - 1) {
        var row: [Double] = []
        for (coarse, fine) in zip(table[k], table[k + 1]) {
          let extrapolated: Double = (factor * fine - coarse) / (factor - 1)
          row.append(extrapolated)
        }
        next.append(row)
      }
      table = next
      factor *= 4
    }
    return table.first ?? []
  }
}

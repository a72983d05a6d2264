import Foundation
import LinearAlgebra

/// Satterthwaite degrees of freedom for the fixed effects of a linear mixed model, as lmerTest.
///
/// Kuznetsova, Brockhoff & Christensen (2017): with variance parameters `v = (theta, sigma)`,
/// `A = 2 H^-1` (H the Hessian of the deviance in v, REML or ML as the fit) and `g` the gradient
/// of `Var(beta_j)` in v, `df_j = 2 Var(beta_j)^2 / (g' A g)`. Derivatives are central
/// differences refined by Richardson extrapolation (four halvings, as R's numDeriv).
enum MixedModelSatterthwaite {
  /// The parts of the deviance that depend on theta, and `(R_X'R_X)^-1`.
  private struct Pieces {
    let logDetL: Double
    let logDetRX: Double
    let pwrss: Double
    let unscaledCovariance: [Double]
  }

  /// Degrees of freedom per fixed effect, or `nil` when the Hessian is not positive definite
  /// (a boundary fit).
  static func degreesOfFreedom(
    system s: MixedModelSystem, theta: [Double], sigma: Double, reml: Bool
  ) -> [Double]? {
    let p = s.p
    let n = Double(s.n)
    // Steps in sigma alone reuse the factor at theta (about a third of the evaluations).
    var cache: [[Double]: Pieces] = [:]
    func pieces(_ theta: [Double]) -> Pieces? {
      if let cached = cache[theta] { return cached }
      guard let f = try? MixedModelFactor(system: s, theta: theta) else { return nil }
      let range = Array(s.qRest..<(s.qRest + p))
      let rx = f.tail.selecting(rows: range, columns: range)
      guard
        let inverse = try? solveTriangular(rx, Matrix.identity(p), upper: true, transpose: false)
      else { return nil }
      var cov = [Double](repeating: 0, count: p * p)
      for j in 0..<p {
        for i in 0..<p {
          var sum = 0.0
          for k in max(i, j)..<p { sum += inverse[i, k] * inverse[j, k] }
          cov[i + j * p] = sum
        }
      }
      let piece = Pieces(
        logDetL: f.logDetL, logDetRX: f.logDetRX, pwrss: f.pwrss, unscaledCovariance: cov)
      cache[theta] = piece
      return piece
    }
    // v = (theta, sigma); f(v) = (deviance, Var(beta_j) for every j).
    func evaluate(_ v: [Double]) -> [Double]? {
      let theta = Array(v.dropLast())
      guard let sigma = v.last, let piece = pieces(theta) else { return nil }
      let s2 = sigma * sigma
      var deviance = piece.logDetL + piece.pwrss / s2 + n * Foundation.log(2 * Double.pi * s2)
      if reml { deviance += piece.logDetRX - Double(p) * Foundation.log(2 * Double.pi * s2) }
      return [deviance] + (0..<p).map { s2 * piece.unscaledCovariance[$0 + $0 * p] }
    }
    let v0 = theta + [sigma]
    let dimension = v0.count
    guard let f0 = evaluate(v0) else { return nil }
    let steps = v0.map { abs($0) < 1e-4 ? 1e-4 : 0.1 * abs($0) }
    // Hessian of the deviance and gradients of the variances.
    var hessian = [Double](repeating: 0, count: dimension * dimension)
    var gradients = [[Double]](repeating: [Double](repeating: 0, count: dimension), count: p)
    for i in 0..<dimension {
      guard
        let second = richardson(
          { h in
            var plus = v0
            var minus = v0
            plus[i] += h
            minus[i] -= h
            guard let fp = evaluate(plus), let fm = evaluate(minus) else { return nil }
            var out: [Double] = [(fp[0] - 2 * f0[0] + fm[0]) / (h * h)]
            for j in 0..<p {
              let difference: Double = fp[j + 1] - fm[j + 1]
              out.append(difference / (2 * h))
            }
            return out
          }, step: steps[i])
      else { return nil }
      hessian[i + i * dimension] = second[0]
      for j in 0..<p { gradients[j][i] = second[j + 1] }
      for j in 0..<i {
        guard
          let cross = richardson(
            { h in
              let hj = h * steps[j] / steps[i]
              func at(_ si: Double, _ sj: Double) -> Double? {
                var point = v0
                point[i] += si * h
                point[j] += sj * hj
                return evaluate(point)?[0]
              }
              guard let pp = at(1, 1), let pm = at(1, -1), let mp = at(-1, 1), let mm = at(-1, -1)
              else { return nil }
              return [(pp - pm - mp + mm) / (4 * h * hj)]
            }, step: steps[i])
        else { return nil }
        hessian[i + j * dimension] = cross[0]
        hessian[j + i * dimension] = cross[0]
      }
    }
    guard let inverse = try? Cholesky(Matrix(rows: dimension, columns: dimension, storage: hessian))
    else { return nil }
    return (0..<p).map { j in
      let g = gradients[j]
      let ag = inverse.solve(g).map { 2 * $0 }
      let quadratic = zip(g, ag).reduce(0) { $0 + $1.0 * $1.1 }
      let variance = f0[j + 1]
      return 2 * variance * variance / quadratic
    }
  }

  /// Richardson extrapolation of a central-difference estimate `d(h)` whose error is a series
  /// in h^2: four halvings of `step`.
  private static func richardson(_ d: (Double) -> [Double]?, step: Double) -> [Double]? {
    var table: [[Double]] = []
    var h = step
    for _ in 0..<4 {
      guard let value = d(h) else { return nil }
      table.append(value)
      h /= 2
    }
    var factor = 4.0
    while table.count > 1 {
      var next: [[Double]] = []
      for k in 0..<(table.count - 1) {
        var row: [Double] = []
        for (coarse, fine) in zip(table[k], table[k + 1]) {
          row.append((factor * fine - coarse) / (factor - 1))
        }
        next.append(row)
      }
      table = next
      factor *= 4
    }
    return table.first
  }
}

import Foundation
import LinearAlgebra

/// Satterthwaite degrees of freedom for the fixed effects of a linear mixed model, as lmerTest.
///
/// Kuznetsova, Brockhoff & Christensen (2017): with variance parameters `v = (theta, sigma)`,
/// `A = 2 H^-1` (H the Hessian of the deviance in v, REML or ML as the fit) and `g` the gradient
/// of `Var(beta_j)` in v, `df_j = 2 Var(beta_j)^2 / (g' A g)`. Derivatives are central
/// differences refined by Richardson extrapolation (``MixedModelDerivatives``, as R's numDeriv).
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
  /// - Parameters:
  ///   - s: the system.
  ///   - theta: the optimum.
  ///   - sigma: the residual standard deviation there.
  ///   - reml: whether the deviance is the REML criterion.
  ///   - workspace: a factor of the system whose buffers the evaluations reuse (its values are
  ///     overwritten).
  /// - Returns: per fixed effect its degrees of freedom, or `nil`.
  static func degreesOfFreedom(
    system s: MixedModelSystem, theta: [Double], sigma: Double, reml: Bool,
    workspace: inout MixedModelFactor
  ) -> [Double]? {
    let p = s.p
    let n = Double(s.n)
    // Steps in sigma alone reuse the factor at theta (about a third of the evaluations).
    var cache: [[Double]: Pieces] = [:]
    func pieces(_ theta: [Double]) -> Pieces? {
      if let cached = cache[theta] { return cached }
      guard (try? workspace.refactor(system: s, theta: theta)) != nil else { return nil }
      let f = workspace
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
    guard let f0 = evaluate(v0),
      let derivatives = MixedModelDerivatives.derivatives(evaluate, at: v0),
      let inverse = try? Cholesky(
        Matrix(rows: dimension, columns: dimension, storage: derivatives.hessian))
    else { return nil }
    return (0..<p).map { j in
      let g = derivatives.jacobian[j + 1]
      let ag = inverse.solve(g).map { 2 * $0 }
      let quadratic = zip(g, ag).reduce(0) { $0 + $1.0 * $1.1 }
      let variance = f0[j + 1]
      return 2 * variance * variance / quadratic
    }
  }
}

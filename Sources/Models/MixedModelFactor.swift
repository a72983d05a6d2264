import Foundation
import LinearAlgebra

/// The blocked Cholesky factor of the penalised system at one value of theta.
///
/// The matrix is `Lambda'[Z X y]'[Z X y]Lambda + I` (identity on the random effects only); the
/// factor gives the pieces of the profiled deviance (Bates et al. 2015, eqs. 18-41; MixedModels.jl
/// `updateL!`).
///
/// Factor layout, lower `L` with blocks (leading, tail):
/// `L11` is block-diagonal (one `p1 x p1` factor per level), `L21` keeps each level's panel
/// (`A21_l lambda1 L11_l^-T`, rows scaled by the tail terms' lambdas), and the tail is the dense
/// Cholesky of `Lambda_t' A22 Lambda_t + I - sum_l L21_l L21_l'`, held as its upper factor `U`
/// (`L_tail = U'`). The response is the last tail coordinate, so the tail's last column holds
/// the solved right-hand side and `U[m-1, m-1]^2` is the penalised residual sum of squares.
struct MixedModelFactor: Sendable {
  /// Leading factors, `p1 x p1` lower, column-major per level.
  let l11: [Double]
  /// Panels of `L21`, laid out as `MixedModelSystem.a21`.
  let l21: [Double]
  /// Upper Cholesky factor of the tail, `m x m`.
  let tail: Matrix
  /// log |L_theta|^2 (random-effect part).
  let logDetL: Double
  /// log |R_X|^2 (fixed-effect part).
  let logDetRX: Double
  /// Penalised residual sum of squares r^2(theta).
  let pwrss: Double

  /// Factors the system at `theta`.
  /// - Throws: `LinearAlgebraError.notPositiveDefinite` when the tail is singular (an aliased
  ///   fixed-effect column, or a response fitted exactly).
  init(system s: MixedModelSystem, theta: [Double]) throws {
    var lambdas: [[Double]] = []
    var k = 0
    for term in s.terms {
      lambdas.append(term.lambda(theta[k..<(k + term.thetaCount)]))
      k += term.thetaCount
    }
    let lead = s.terms[0]
    let p1 = lead.p
    let lambda1 = lambdas[0]
    var l11 = [Double](repeating: 0, count: s.a11.count)
    var l21 = [Double](repeating: 0, count: s.a21.count)
    var tail = Self.scaledTail(s, lambdas: lambdas)
    var logDetL = 0.0
    let m = s.m
    var block = [Double](repeating: 0, count: p1 * p1)
    var tailIndex: [Int] = []
    for level in 0..<lead.levels {
      // L11_l = chol(lambda1' A11_l lambda1 + I).
      let a = level * p1 * p1
      for j in 0..<p1 {
        for i in 0..<p1 {
          var sum = i == j ? 1.0 : 0.0
          for e in i..<p1 {
            for f in j..<p1 {
              sum += lambda1[e + i * p1] * s.a11[a + e + f * p1] * lambda1[f + j * p1]
            }
          }
          block[i + j * p1] = sum
        }
      }
      logDetL += try Self.choleskyInPlace(&block, order: p1)
      for i in 0..<(p1 * p1) { l11[a + i] = block[i] }
      // Panel: A21_l lambda1, rows of tail terms scaled by their lambda', then solved by L11_l'.
      let nr = s.levelStart[level + 1] - s.levelStart[level]
      let r = nr + s.p + 1
      let panel = s.panelStart[level]
      for c in 0..<p1 {
        for row in 0..<r {
          var sum = 0.0
          for d in c..<p1 { sum += s.a21[panel + row + d * r] * lambda1[d + c * p1] }
          l21[panel + row + c * r] = sum
        }
      }
      tailIndex.removeAll(keepingCapacity: true)
      var row = 0
      while row < nr {
        let coordinate = Int(s.restRows[s.levelStart[level] + row])
        let term = Int(s.coordinateTerm[coordinate])
        let pk = s.terms[term].p
        Self.scaleRows(&l21, start: panel + row, stride: r, count: p1, lambda: lambdas[term], p: pk)
        for j in 0..<pk { tailIndex.append(coordinate + j) }
        row += pk
      }
      for j in 0..<(s.p + 1) { tailIndex.append(s.qRest + j) }
      Self.solveRows(&l21, start: panel, rows: r, factor: block, order: p1)
      // Tail update: subtract L21_l L21_l' on the upper triangle (tail indices ascend).
      l21.withUnsafeBufferPointer { panelValues in
        tail.storage.withUnsafeMutableBufferPointer { t in
          for i in 0..<r {
            let ti = tailIndex[i]
            for j in 0...i {
              var sum = 0.0
              for c in 0..<p1 {
                sum += panelValues[panel + i + c * r] * panelValues[panel + j + c * r]
              }
              t[tailIndex[j] + ti * m] -= sum
            }
          }
        }
      }
    }
    let factor = try Cholesky(tail).factor
    var logDetTail = 0.0
    var logDetRX = 0.0
    for c in 0..<s.qRest { logDetTail += 2 * Foundation.log(factor[c, c]) }
    for c in s.qRest..<(s.qRest + s.p) { logDetRX += 2 * Foundation.log(factor[c, c]) }
    self.l11 = l11
    self.l21 = l21
    self.tail = factor
    self.logDetL = logDetL + logDetTail
    self.logDetRX = logDetRX
    let r = factor[m - 1, m - 1]
    self.pwrss = r * r
  }

  /// `Lambda_t' A22 Lambda_t + I` on the random-effect coordinates of the tail.
  private static func scaledTail(_ s: MixedModelSystem, lambdas: [[Double]]) -> Matrix {
    let m = s.m
    var t = s.a22
    var start = 0
    while start < s.qRest {
      let term = Int(s.coordinateTerm[start])
      let pk = s.terms[term].p
      let lambda = lambdas[term]
      // Columns: T[:, group] lambda; rows: lambda' T[group, :].
      scaleRows(&t, start: start * m, stride: 1, count: m, lambda: lambda, p: pk, step: m)
      scaleRows(&t, start: start, stride: m, count: m, lambda: lambda, p: pk)
      start += pk
    }
    for c in 0..<s.qRest { t[c + c * m] += 1 }
    return Matrix(rows: m, columns: m, storage: t)
  }

  /// Replaces the `p` values `v[start + e*step + c*stride]` (e < p) of each of `count` columns
  /// by `lambda' v` (lambda lower triangular, `p x p`).
  static func scaleRows(
    _ v: inout [Double], start: Int, stride: Int, count: Int, lambda: [Double], p: Int,
    step: Int = 1
  ) {
    var old = [Double](repeating: 0, count: p)
    for c in 0..<count {
      let base = start + c * stride
      for e in 0..<p { old[e] = v[base + e * step] }
      for j in 0..<p {
        var sum = 0.0
        for e in j..<p { sum += lambda[e + j * p] * old[e] }
        v[base + j * step] = sum
      }
    }
  }

  /// Replaces the panel `B` at `start` by `B L^-T`.
  ///
  /// Each row `b` of the `rows x order` panel becomes the solution x of `L x' = b'` (L lower).
  private static func solveRows(
    _ v: inout [Double], start: Int, rows: Int, factor: [Double], order: Int
  ) {
    for row in 0..<rows {
      for c in 0..<order {
        var sum = v[start + row + c * rows]
        for d in 0..<c { sum -= factor[c + d * order] * v[start + row + d * rows] }
        v[start + row + c * rows] = sum / factor[c + c * order]
      }
    }
  }

  /// Lower Cholesky of a small symmetric positive definite block in place; returns
  /// log det of the block (twice the log of the diagonal product).
  static func choleskyInPlace(_ a: inout [Double], order: Int) throws -> Double {
    var logDet = 0.0
    for j in 0..<order {
      var d = a[j + j * order]
      for k in 0..<j { d -= a[j + k * order] * a[j + k * order] }
      guard d > 0, d.isFinite else {
        throw LinearAlgebraError.notPositiveDefinite(leadingMinor: j + 1)
      }
      let root = d.squareRoot()
      a[j + j * order] = root
      logDet += 2 * Foundation.log(root)
      for i in (j + 1)..<order {
        var sum = a[i + j * order]
        for k in 0..<j { sum -= a[i + k * order] * a[j + k * order] }
        a[i + j * order] = sum / root
      }
      for i in 0..<j { a[i + j * order] = 0 }
    }
    return logDet
  }
}

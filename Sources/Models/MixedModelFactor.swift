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
  private(set) var l11: [Double]
  /// Panels of `L21`, laid out as `MixedModelSystem.a21`.
  private(set) var l21: [Double]
  /// Upper Cholesky factor of the tail, `m x m`.
  private(set) var tail: Matrix
  /// log |L_theta|^2 (random-effect part).
  private(set) var logDetL = 0.0
  /// log |R_X|^2 (fixed-effect part).
  private(set) var logDetRX = 0.0
  /// Penalised residual sum of squares r^2(theta).
  private(set) var pwrss = 0.0

  /// Factors the system at `theta`.
  /// - Throws: `LinearAlgebraError.notPositiveDefinite` when the tail is singular (an aliased
  ///   fixed-effect column, or a response fitted exactly).
  init(system s: MixedModelSystem, theta: [Double]) throws {
    self.init(buffersFor: s)
    try refactor(system: s, theta: theta)
  }

  /// The buffers of a factor of `s`, all zero: a workspace for `refactor`, to be read only after
  /// a successful one.
  init(buffersFor s: MixedModelSystem) {
    l11 = [Double](repeating: 0, count: s.a11.count)
    l21 = [Double](repeating: 0, count: s.a21.count)
    tail = Matrix(rows: s.m, columns: s.m)
  }

  /// Factors the system at a new `theta` in this factor's buffers.
  ///
  /// The optimiser's and the derivatives' evaluations so allocate nothing of the system's size
  /// (every element is overwritten). After a throw the factor holds partial values until the
  /// next success.
  /// - Throws: as `init(system:theta:)`.
  mutating func refactor(system s: MixedModelSystem, theta: [Double]) throws {
    var lambdas: [[Double]] = []
    var k = 0
    for term in s.terms {
      lambdas.append(term.lambda(theta[k..<(k + term.thetaCount)]))
      k += term.thetaCount
    }
    Self.scaleTail(s, lambdas: lambdas, into: &tail.storage)
    let logDetLead =
      Self.hasSmallBlocks(s)
      ? try Self.factorSmallLevels(s, lambdas: lambdas, l11: &l11, l21: &l21, tail: &tail.storage)
      : try Self.factorLevels(s, lambdas: lambdas, l11: &l11, l21: &l21, tail: &tail.storage)
    try Self.factorTail(s, tail: &tail.storage)
    var logDetTail = 0.0
    var logDetRX = 0.0
    for c in 0..<s.qRest { logDetTail += 2 * Foundation.log(tail[c, c]) }
    for c in s.qRest..<(s.qRest + s.p) { logDetRX += 2 * Foundation.log(tail[c, c]) }
    self.logDetL = logDetLead + logDetTail
    self.logDetRX = logDetRX
    let r = tail[s.m - 1, s.m - 1]
    self.pwrss = r * r
  }

  /// Factors every leading level: `L11_l`, the panel `L21_l`, and `L21_l L21_l'` subtracted from
  /// the tail's upper triangle (the hot loop, on raw buffers).
  /// - Returns: log det of the leading block, `2 sum log diag L11`.
  private static func factorLevels(
    _ s: MixedModelSystem, lambdas: [[Double]], l11: inout [Double], l21: inout [Double],
    tail: inout [Double]
  ) throws -> Double {
    let lead = s.terms[0]
    let p1 = lead.p
    let m = s.m
    let fixedRows = s.p + 1
    let widest = s.terms.map(\.p).max() ?? 1
    var block = [Double](repeating: 0, count: p1 * p1)
    var scratch = [Double](repeating: 0, count: widest)
    var tailIndex = [Int](repeating: 0, count: 0)
    var logDetL = 0.0
    try s.a11.withUnsafeBufferPointer { a11 in
      try s.a21.withUnsafeBufferPointer { a21 in
        try l11.withUnsafeMutableBufferPointer { l11 in
          try l21.withUnsafeMutableBufferPointer { l21 in
            try tail.withUnsafeMutableBufferPointer { t in
              try lambdas[0].withUnsafeBufferPointer { lambda1 in
                for level in 0..<lead.levels {
                  // L11_l = chol(lambda1' A11_l lambda1 + I).
                  let a = level * p1 * p1
                  for j in 0..<p1 {
                    for i in 0..<p1 {
                      var sum = i == j ? 1.0 : 0.0
                      for e in i..<p1 {
                        var inner = 0.0
                        for f in j..<p1 { inner += a11[a + e + f * p1] * lambda1[f + j * p1] }
                        sum += lambda1[e + i * p1] * inner
                      }
                      block[i + j * p1] = sum
                    }
                  }
                  logDetL += try Self.choleskyInPlace(&block, order: p1)
                  for i in 0..<(p1 * p1) { l11[a + i] = block[i] }
                  // Panel: A21_l lambda1, tail terms' rows scaled by their lambda', then / L11_l'.
                  let first = s.levelStart[level]
                  let nr = s.levelStart[level + 1] - first
                  let r = nr + fixedRows
                  let panel = s.panelStart[level]
                  for c in 0..<p1 {
                    for row in 0..<r {
                      var sum = 0.0
                      for d in c..<p1 { sum += a21[panel + row + d * r] * lambda1[d + c * p1] }
                      l21[panel + row + c * r] = sum
                    }
                  }
                  tailIndex.removeAll(keepingCapacity: true)
                  var row = 0
                  while row < nr {
                    let coordinate = Int(s.restRows[first + row])
                    let term = Int(s.coordinateTerm[coordinate])
                    let pk = s.terms[term].p
                    let lambda = lambdas[term]
                    for c in 0..<p1 {
                      let base = panel + row + c * r
                      if pk == 1 {
                        l21[base] *= lambda[0]
                      } else {
                        for e in 0..<pk { scratch[e] = l21[base + e] }
                        for j in 0..<pk {
                          var sum = 0.0
                          for e in j..<pk { sum += lambda[e + j * pk] * scratch[e] }
                          l21[base + j] = sum
                        }
                      }
                    }
                    for j in 0..<pk { tailIndex.append(coordinate + j) }
                    row += pk
                  }
                  for j in 0..<fixedRows { tailIndex.append(s.qRest + j) }
                  // Each row b becomes x with L11_l x' = b'.
                  for row in 0..<r {
                    for c in 0..<p1 {
                      var sum = l21[panel + row + c * r]
                      for d in 0..<c { sum -= block[c + d * p1] * l21[panel + row + d * r] }
                      l21[panel + row + c * r] = sum / block[c + c * p1]
                    }
                  }
                  // Tail update: subtract L21_l L21_l' on the upper triangle (indices ascend).
                  for i in 0..<r {
                    let ti = tailIndex[i] * m
                    for j in 0...i {
                      var sum = 0.0
                      for c in 0..<p1 { sum += l21[panel + i + c * r] * l21[panel + j + c * r] }
                      t[tailIndex[j] + ti] -= sum
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return logDetL
  }

  /// `Lambda_t' A22 Lambda_t + I` written over `t`.
  ///
  /// The upper triangle is set, the strict lower triangle zero (the factorisation reads and
  /// writes only the upper). The random-effect block of `A22` is sparse
  /// (``MixedModelSystem/restCross``), the fixed-effect and response columns dense
  /// (``MixedModelSystem/a22``).
  private static func scaleTail(
    _ s: MixedModelSystem, lambdas: [[Double]], into tail: inout [Double]
  ) {
    let m = s.m
    let q = s.qRest
    let scalar = s.terms.dropFirst().allSatisfy { $0.p == 1 }
    // Scalar terms: T[i, j] * s_i * s_j in the same pass (s = theta on random effects, else 1).
    var scale = [Double](repeating: 1, count: m)
    if scalar { for c in 0..<q { scale[c] = lambdas[Int(s.coordinateTerm[c])][0] } }
    let cross = s.restCross
    tail.withUnsafeMutableBufferPointer { t in
      s.a22.withUnsafeBufferPointer { a in
        for j in 0..<q {
          for i in 0..<(scalar ? j + 1 : m) { t[i + j * m] = 0 }
          for e in cross.columnStart[j]..<cross.columnStart[j + 1] {
            let i = Int(cross.rows[e])
            t[i + j * m] = cross.values[e] * scale[i] * scale[j]
          }
        }
        for j in q..<m {
          let dense = (j - q) * m
          for i in 0...j { t[i + j * m] = a[i + dense] * scale[i] }
        }
      }
    }
    if !scalar {
      var start = 0
      while start < q {
        let term = Int(s.coordinateTerm[start])
        let pk = s.terms[term].p
        let lambda = lambdas[term]
        // Columns: T[:, group] lambda; rows: lambda' T[group, :].
        scaleRows(&tail, start: start * m, stride: 1, count: m, lambda: lambda, p: pk, step: m)
        scaleRows(&tail, start: start, stride: m, count: m, lambda: lambda, p: pk)
        start += pk
      }
      for j in 0..<q {
        for i in (j + 1)..<m { tail[i + j * m] = 0 }
      }
    }
    for c in 0..<q { tail[c + c * m] += 1 }
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

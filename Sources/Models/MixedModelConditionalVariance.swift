import LinearAlgebra

/// Conditional covariances of the random effects given the data (lme4's `condVar`).
///
/// They are `sigma^2 Lambda (L L')^-1 Lambda'` on each level's block, `L` the random-effect
/// part of the factor. For the leading term `(L L')^-1` has the block
/// `L11_l^-T L11_l^-1 + W_l' W_l` with `W_l = L_rr^-1 L21_l L11_l^-1`; for the other terms it is
/// the block of `L_rr^-T L_rr^-1`.
enum MixedModelConditionalVariance {
  /// Per term, `levels * p * p` values: each level's `p x p` covariance, column-major.
  static func compute(
    system s: MixedModelSystem, factor f: MixedModelFactor, theta: [Double], sigma2: Double
  ) throws -> [[Double]] {
    let inverseRest = try lowerInverse(f.tail, order: s.qRest)
    // Diagonal of (L_rr L_rr')^-1: squared column norms of L_rr^-1.
    let squares = (0..<s.qRest).map { a in
      (a..<s.qRest).reduce(0.0) { $0 + inverseRest[$1, a] * inverseRest[$1, a] }
    }
    var out: [[Double]] = []
    var k = 0
    for (index, term) in s.terms.enumerated() {
      let lambda = term.lambda(theta[k..<(k + term.thetaCount)])
      k += term.thetaCount
      let p = term.p
      var values = [Double](repeating: 0, count: term.levels * p * p)
      for level in 0..<term.levels {
        let inner =
          index == 0
          ? leadingBlock(s, f, level: level, inverseRest: inverseRest, squares: squares)
          : restBlock(inverseRest, start: s.restOffsets[index] + level * p, p: p)
        // sigma^2 lambda C lambda'
        for j in 0..<p {
          for i in 0..<p {
            var sum = 0.0
            for e in 0...i {
              for g in 0...j { sum += lambda[i + e * p] * inner[e + g * p] * lambda[j + g * p] }
            }
            values[level * p * p + i + j * p] = sigma2 * sum
          }
        }
      }
      out.append(values)
    }
    return out
  }

  /// `L_rr^-1 = U^-T` for `U` the leading `order x order` block of the upper-triangular `tail`.
  ///
  /// The result is lower triangular, its strict upper triangle zero: one copy of the block,
  /// inverted in place (LAPACK dtrtri) and transposed.
  private static func lowerInverse(_ tail: Matrix, order q: Int) throws -> Matrix {
    var out = Matrix(rows: q, columns: q)
    let m = tail.rows
    try out.storage.withUnsafeMutableBufferPointer { b in
      guard let base = b.baseAddress else { return }
      tail.storage.withUnsafeBufferPointer { t in
        for c in 0..<q {
          for r in 0...c { b[r + c * q] = t[r + c * m] }
        }
      }
      try Cholesky.invertUpperInPlace(base, order: q, leadingDimension: q)
      for c in 0..<q {
        for r in 0..<c {
          b[c + r * q] = b[r + c * q]
          b[r + c * q] = 0
        }
      }
    }
    return out
  }

  private static func leadingBlock(
    _ s: MixedModelSystem, _ f: MixedModelFactor, level: Int, inverseRest: Matrix,
    squares: [Double]
  ) -> [Double] {
    let p1 = s.terms[0].p
    let block = level * p1 * p1
    // inverse of L11_l (lower), column by column.
    var inverse = [Double](repeating: 0, count: p1 * p1)
    for c in 0..<p1 {
      for i in c..<p1 {
        var sum = i == c ? 1.0 : 0.0
        for d in c..<i { sum -= f.l11[block + i + d * p1] * inverse[d + c * p1] }
        inverse[i + c * p1] = sum / f.l11[block + i + i * p1]
      }
    }
    var out = [Double](repeating: 0, count: p1 * p1)
    for a in 0..<p1 {
      for b in 0..<p1 {
        var sum = 0.0
        for i in 0..<p1 { sum += inverse[i + a * p1] * inverse[i + b * p1] }
        out[a + b * p1] = sum
      }
    }
    let nr = s.levelStart[level + 1] - s.levelStart[level]
    guard nr > 0 else { return out }
    let r = nr + s.p + 1
    let panel = s.panelStart[level]
    // G = L21r_l L11_l^-1 (nr x p1); W'W = G' S G with S = (L_rr L_rr')^-1 on the touched
    // coordinates, S[a, b] the dot product of columns a and b of L_rr^-1 (lower triangular).
    var g = [Double](repeating: 0, count: nr * p1)
    for c in 0..<p1 {
      for i in 0..<nr {
        var sum = 0.0
        for d in c..<p1 { sum += f.l21[panel + i + d * r] * inverse[d + c * p1] }
        g[i + c * nr] = sum
      }
    }
    var inner = [Double](repeating: 0, count: nr * nr)
    for i in 0..<nr {
      let a = Int(s.restRows[s.levelStart[level] + i])
      for j in 0...i {
        let b = Int(s.restRows[s.levelStart[level] + j])
        var sum = a == b ? squares[a] : 0.0
        if a != b {
          for row in max(a, b)..<s.qRest { sum += inverseRest[row, a] * inverseRest[row, b] }
        }
        inner[i + j * nr] = sum
        inner[j + i * nr] = sum
      }
    }
    for a in 0..<p1 {
      for b in 0..<p1 {
        var sum = 0.0
        for i in 0..<nr {
          for j in 0..<nr { sum += g[i + a * nr] * inner[i + j * nr] * g[j + b * nr] }
        }
        out[a + b * p1] += sum
      }
    }
    return out
  }

  private static func restBlock(_ inverse: Matrix, start: Int, p: Int) -> [Double] {
    var out = [Double](repeating: 0, count: p * p)
    for a in 0..<p {
      for b in 0..<p {
        var sum = 0.0
        for i in start..<inverse.rows { sum += inverse[i, start + a] * inverse[i, start + b] }
        out[a + b * p] = sum
      }
    }
    return out
  }
}

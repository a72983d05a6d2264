/// Householder QR with LINPACK dqrdc2's "limited pivoting" (the rank rule of R's `lm`), run on a
/// small matrix: columns are taken left to right, and a column whose norm, after the reflections
/// of the previously kept columns, is below `tolerance` times its original norm is moved to the
/// end (aliased), keeping the relative order of all other columns.
///
/// Differences from dqrdc2 (both in the direction of accuracy): the remaining norm of each
/// candidate column is recomputed exactly at every step instead of being downdated, which costs
/// the same O(m p^2) as the reflections; and a column with a remaining norm of exactly zero is
/// aliased even for `tolerance <= 0`, so the kept factor never has a zero diagonal.
struct LimitedPivotingQR: Sendable {
  /// Original column indices: the `rank` kept ones first, then the aliased ones (each ascending).
  let order: [Int]
  /// Number of kept columns.
  let rank: Int
  /// Reflectors below the diagonal of the first `rank` columns, R on and above it
  /// (m x p, columns permuted as `order`).
  let packed: Matrix
  /// Scalar factors of the `rank` reflectors (`H = I - tau v v'`, `v[0] = 1`).
  let tau: [Double]

  init(_ a: Matrix, tolerance: Double) {
    let m = a.rows
    let p = a.columns
    var w = a
    var order = Array(0..<p)
    var originalNorm = [Double](repeating: 0, count: p)
    var tau = [Double](repeating: 0, count: min(m, p))
    var kept = 0
    w.storage.withUnsafeMutableBufferPointer { pw in
      for j in 0..<p { originalNorm[j] = norm2(pw, from: j * m, count: m) }
      var candidates = p  // columns not moved to the end
      var l = 0
      while l < min(m, candidates) {
        let rest = norm2(pw, from: l + l * m, count: m - l)
        let reference = originalNorm[l] == 0 ? 1 : originalNorm[l]
        if rest == 0 || rest < tolerance * reference {
          // Alias column l: rotate it to the end; everything after it moves one to the left.
          rotateColumnToEnd(pw, column: l, rows: m, columns: p)
          order.append(order.remove(at: l))
          originalNorm.append(originalNorm.remove(at: l))
          candidates -= 1
          continue
        }
        tau[l] = reflect(pw, column: l, rows: m, through: candidates, norm: rest)
        l += 1
      }
      kept = l
    }
    self.rank = kept
    self.order = order
    self.packed = w
    self.tau = tau
  }

  /// The `rank x rank` upper-triangular factor of the kept columns.
  var r: Matrix {
    var out = Matrix(rows: rank, columns: rank)
    for j in 0..<rank { for i in 0...j { out[i, j] = packed[i, j] } }
    return out
  }

  /// In-place `c <- Q' c` for the first `m` entries of `c` (the kept reflectors only).
  func applyQTranspose(_ c: UnsafeMutableBufferPointer<Double>) {
    applyReflectors(c, backward: false)
  }

  /// In-place `c <- Q c` for the first `m` entries of `c` (the kept reflectors only).
  func applyQ(_ c: UnsafeMutableBufferPointer<Double>) {
    applyReflectors(c, backward: true)
  }

  /// Applies `H_0 ... H_{rank-1}` (`backward`, that is `Q`) or `H_{rank-1} ... H_0` (`Q'`).
  private func applyReflectors(_ c: UnsafeMutableBufferPointer<Double>, backward: Bool) {
    let m = packed.rows
    packed.storage.withUnsafeBufferPointer { pw in
      for step in 0..<rank {
        let l = backward ? rank - 1 - step : step
        if tau[l] == 0 { continue }
        var s = c[l]
        for i in (l + 1)..<m { s += pw[i + l * m] * c[i] }
        s *= tau[l]
        c[l] -= s
        for i in (l + 1)..<m { c[i] -= s * pw[i + l * m] }
      }
    }
  }
}

/// Euclidean norm of `count` contiguous entries, scaled to avoid overflow and underflow.
func norm2(_ p: UnsafeMutableBufferPointer<Double>, from start: Int, count: Int) -> Double {
  var scale = 0.0
  for i in start..<(start + count) { scale = max(scale, abs(p[i])) }
  guard scale > 0, scale.isFinite else { return scale }
  var s = 0.0
  for i in start..<(start + count) {
    let t = p[i] / scale
    s += t * t
  }
  return scale * s.squareRoot()
}

/// Moves column `column` of an m x p column-major buffer to the last position.
private func rotateColumnToEnd(
  _ p: UnsafeMutableBufferPointer<Double>, column: Int, rows m: Int, columns n: Int
) {
  guard column < n - 1 else { return }
  for i in 0..<m {
    let t = p[i + column * m]
    for j in column..<(n - 1) { p[i + j * m] = p[i + (j + 1) * m] }
    p[i + (n - 1) * m] = t
  }
}

/// Builds the reflector that zeroes column `l` below the diagonal (LAPACK dlarfg convention),
/// applies it to columns `l+1 ..< through`, stores `v` below the diagonal and returns `tau`.
private func reflect(
  _ p: UnsafeMutableBufferPointer<Double>, column l: Int, rows m: Int, through end: Int,
  norm: Double
) -> Double {
  let lc = l * m
  let alpha = p[l + lc]
  guard l + 1 < m else { return 0 }  // a 1-vector needs no reflection
  let beta = alpha >= 0 ? -norm : norm
  let tau = (beta - alpha) / beta
  let scale = 1 / (alpha - beta)
  for i in (l + 1)..<m { p[i + lc] *= scale }
  p[l + lc] = beta
  // Apply H = I - tau v v' (v = [1; p[l+1..<m, l]]) to the remaining candidate columns.
  for j in (l + 1)..<max(l + 1, end) {
    let jc = j * m
    var s = p[l + jc]
    for i in (l + 1)..<m { s += p[i + lc] * p[i + jc] }
    s *= tau
    p[l + jc] -= s
    for i in (l + 1)..<m { p[i + jc] -= s * p[i + lc] }
  }
  return tau
}

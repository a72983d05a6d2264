/// The covariate matrix of one 2x2 comparison (an intercept column first, then covariates),
/// column-major with `n` rows and `k` columns, and the small k x k algebra its estimators need:
/// weighted cross-products, column means, and row-times-vector products.
struct DiDCellDesign {
  /// Rows.
  let n: Int
  /// Columns (1 = intercept only).
  let k: Int
  /// Column-major storage, `n * k`.
  let x: [Double]

  /// The weighted cross-product `sum_i w_i x_i x_i'` (k x k, column-major), in one pass.
  func crossProduct(_ w: [Double]) -> [Double] {
    var out = [Double](repeating: 0, count: k * k)
    if k == 1 { return [w.reduce(0, +)] }
    x.withUnsafeBufferPointer { xs in
      w.withUnsafeBufferPointer { ws in
        out.withUnsafeMutableBufferPointer { o in
          var row = [Double](repeating: 0, count: k)
          for i in 0..<n {
            let wi = ws[i]
            if wi == 0 { continue }
            for a in 0..<k { row[a] = xs[a * n + i] }
            for a in 0..<k {
              let wa = wi * row[a]
              for b in a..<k { o[a * k + b] += wa * row[b] }
            }
          }
          for a in 0..<k { for b in a..<k { o[b * k + a] = o[a * k + b] } }
        }
      }
    }
    return out
  }

  /// `sum_i w_i x_i` (length k); divided by `n` it is R's `colMeans(w * x)`.
  func weightedSum(_ w: [Double]) -> [Double] {
    var out = [Double](repeating: 0, count: k)
    x.withUnsafeBufferPointer { xs in
      w.withUnsafeBufferPointer { ws in
        for a in 0..<k {
          var s = 0.0
          let column = UnsafeBufferPointer(rebasing: xs[(a * n)..<(a * n + n)])
          for i in 0..<n { s += ws[i] * column[i] }
          out[a] = s
        }
      }
    }
    return out
  }

  /// Column means of `w * x` (R `colMeans(w * int.cov)`).
  func columnMeans(_ w: [Double]) -> [Double] {
    weightedSum(w).map { $0 / Double(n) }
  }

  /// `x_i . v` for every row.
  func times(_ v: [Double]) -> [Double] {
    var out = [Double](repeating: v.first ?? 0, count: n)
    if k == 1 { return out }
    x.withUnsafeBufferPointer { xs in
      out.withUnsafeMutableBufferPointer { o in
        for a in 1..<k {
          let va = v[a]
          let column = UnsafeBufferPointer(rebasing: xs[(a * n)..<(a * n + n)])
          for i in 0..<n { o[i] += column[i] * va }
        }
      }
    }
    return out
  }
}

/// Small symmetric k x k systems: inverse by Cholesky and the reciprocal condition number in
/// the 1-norm (exact, as k is a handful), which R's `rcond` estimates.
enum SmallSymmetric {
  /// The inverse of a symmetric positive definite matrix and its reciprocal condition number,
  /// or `nil` when a Cholesky pivot is not positive (singular or indefinite).
  /// - Parameters:
  ///   - a: column-major k x k.
  ///   - k: the order.
  /// - Returns: the inverse (column-major) and `1 / (|a|_1 |a^-1|_1)`.
  static func inverse(_ a: [Double], k: Int) -> (inverse: [Double], rcond: Double)? {
    var l = [Double](repeating: 0, count: k * k)
    for j in 0..<k {
      var d = a[j * k + j]
      for p in 0..<j { d -= l[p * k + j] * l[p * k + j] }
      guard d > 0, d.isFinite else { return nil }
      let root = d.squareRoot()
      l[j * k + j] = root
      for i in (j + 1)..<max(j + 1, k) {
        var s = a[j * k + i]
        for p in 0..<j { s -= l[p * k + i] * l[p * k + j] }
        l[j * k + i] = s / root
      }
    }
    var inverse = [Double](repeating: 0, count: k * k)
    for col in 0..<k {
      var z = [Double](repeating: 0, count: k)
      for i in 0..<k {
        var s = i == col ? 1.0 : 0.0
        for p in 0..<i { s -= l[p * k + i] * z[p] }
        z[i] = s / l[i * k + i]
      }
      for i in stride(from: k - 1, through: 0, by: -1) {
        var s = z[i]
        for p in (i + 1)..<max(i + 1, k) { s -= l[i * k + p] * inverse[col * k + p] }
        inverse[col * k + i] = s / l[i * k + i]
      }
    }
    func norm1(_ m: [Double]) -> Double {
      (0..<k).map { j in (0..<k).reduce(0) { $0 + abs(m[j * k + $1]) } }.max() ?? 0
    }
    let product = norm1(a) * norm1(inverse)
    return (inverse, product > 0 ? 1 / product : 0)
  }

  /// `m v` for a column-major k x k matrix.
  static func times(_ m: [Double], _ v: [Double], k: Int) -> [Double] {
    (0..<k).map { i in (0..<k).reduce(0) { $0 + m[$1 * k + i] * v[$1] } }
  }
}

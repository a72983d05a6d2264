import LinearAlgebra

/// Small dense matrix helpers for the trend models (a handful of terms, a few dozen points),
/// row-major `[[Double]]`.
enum TrendAlgebra {
  /// `a * b`.
  static func multiply(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
    let inner = b.count
    let columns = b.first?.count ?? 0
    return a.map { row in
      (0..<columns).map { j in (0..<inner).reduce(0) { $0 + row[$1] * b[$1][j] } }
    }
  }

  /// The transpose.
  static func transpose(_ a: [[Double]]) -> [[Double]] {
    guard let width = a.first?.count else { return [] }
    return (0..<width).map { j in a.map { $0[j] } }
  }

  /// `x' A x`.
  static func quadraticForm(_ a: [[Double]], _ x: [Double]) -> Double {
    var total = 0.0
    for i in x.indices {
      for j in x.indices { total += x[i] * a[i][j] * x[j] }
    }
    return total
  }

  /// `a' b` for two n x p and n x q row lists: the p x q cross product.
  static func crossProduct(_ a: ArraySlice<[Double]>, _ b: ArraySlice<[Double]>) -> [[Double]] {
    let p = a.first?.count ?? 0
    let q = b.first?.count ?? 0
    var out = Array(repeating: Array(repeating: 0.0, count: q), count: p)
    for (ra, rb) in zip(a, b) {
      for i in 0..<p where ra[i] != 0 {
        for j in 0..<q { out[i][j] += ra[i] * rb[j] }
      }
    }
    return out
  }

  /// The inverse by Gauss-Jordan elimination with partial pivoting; `nil` when singular.
  static func inverse(_ a: [[Double]]) -> [[Double]]? {
    let n = a.count
    var m = a
    var inv = (0..<n).map { i in (0..<n).map { $0 == i ? 1.0 : 0.0 } }
    let scale = a.flatMap { $0 }.map(abs).max() ?? 0
    for col in 0..<n {
      guard
        let pivot = (col..<n).max(by: { abs(m[$0][col]) < abs(m[$1][col]) }),
        abs(m[pivot][col]) > 1e-14 * max(scale, 1e-300)
      else { return nil }
      m.swapAt(col, pivot)
      inv.swapAt(col, pivot)
      let p = m[col][col]
      for j in 0..<n {
        m[col][j] /= p
        inv[col][j] /= p
      }
      for i in 0..<n where i != col && m[i][col] != 0 {
        let f = m[i][col]
        for j in 0..<n {
          m[i][j] -= f * m[col][j]
          inv[i][j] -= f * inv[col][j]
        }
      }
    }
    return inv
  }

  /// Weighted least squares by QR (R's `lm` rank rule): rows scaled by `sqrt(w)`.
  /// - Returns: coefficients, `(X'WX)^{-1}`, the scaled design and the scaled residuals.
  /// - Throws: `TrendError.unsupported` when a term is collinear with the others.
  static func leastSquares(
    design: [[Double]], response: [Double], weights: [Double]?, terms: [String]
  ) throws -> (
    coefficients: [Double], unscaled: [[Double]], scaledDesign: [[Double]],
    scaledResiduals: [Double]
  ) {
    let root = weights?.map { $0.squareRoot() } ?? Array(repeating: 1, count: response.count)
    let x = zip(design, root).map { row, r in row.map { $0 * r } }
    let y = zip(response, root).map { $0 * $1 }
    let p = terms.count
    let matrix = Matrix(columns: (0..<p).map { j in x.map { $0[j] } })
    let qr = try LeastSquaresQR(matrix, tolerance: 1e-7)
    guard qr.rank == p else {
      let names = qr.aliased.map { terms[$0] }.joined(separator: ", ")
      throw TrendError.unsupported(
        "the trend terms \(names) are collinear with the others on this series "
          + "(too few points in a segment?)")
    }
    let beta = qr.coefficients(y)
    let cov = qr.unscaledCovariance()
    let unscaled = (0..<p).map { i in (0..<p).map { cov[i, $0] } }
    let residuals = x.indices.map { i in
      y[i] - (0..<p).reduce(0) { $0 + x[i][$1] * beta[$1] }
    }
    return (beta, unscaled, x, residuals)
  }
}

import LinearAlgebra

/// Coefficients, kept/aliased columns and the unscaled covariance (X'X)^-1 of a least-squares
/// problem, by QR (default) or rank-revealing Cholesky.
struct LinearSolution {
  let coefficients: [Double]
  let kept: [Int]
  let aliased: [Int]
  /// (X_k' X_k)^-1 on the kept columns.
  let bread: Matrix

  init(x: Matrix, y: [Double], solver: LeastSquaresSolver, tolerance: Double?) throws {
    switch solver {
    case .qr:
      let qr = try LeastSquaresQR(x, tolerance: tolerance ?? LeastSquaresQR.defaultTolerance)
      coefficients = qr.coefficients(y)
      kept = qr.kept
      aliased = qr.aliased
      bread = qr.unscaledCovariance()
    case .cholesky:
      let cholesky = try RankRevealingCholesky(x.crossProduct(), tolerance: tolerance ?? 1e-10)
      coefficients = cholesky.solve(x.transposeMultiplied(by: y))
      kept = cholesky.kept
      aliased = cholesky.aliased
      bread = cholesky.inverse()
    }
  }
}

extension Matrix {
  /// A copy with row i multiplied by `scale[i]`.
  func scalingRows(by scale: [Double]) -> Matrix {
    var out = self
    out.storage.withUnsafeMutableBufferPointer { buffer in
      for j in 0..<columns {
        let base = j * rows
        for i in 0..<rows { buffer[base + i] *= scale[i] }
      }
    }
    return out
  }
}

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
      let qr = try LeastSquaresQR.solve(
        x, response: y, tolerance: tolerance ?? LeastSquaresQR.defaultTolerance)
      coefficients = qr.coefficients
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

extension LinearSolution {
  /// The rank-revealing Cholesky solution from the cross products X'X and X'y already formed
  /// (the same numbers as `init(x:y:solver: .cholesky, tolerance:)` on X and y).
  init(gram: Matrix, vector: [Double], tolerance: Double?) throws {
    let cholesky = try RankRevealingCholesky(gram, tolerance: tolerance ?? 1e-10)
    coefficients = cholesky.solve(vector)
    kept = cholesky.kept
    aliased = cholesky.aliased
    bread = cholesky.inverse()
  }
}

extension LeastSquaresQR {
  /// Coefficients by iterative refinement of the augmented system `[I X; X' 0][r; b] = [y; 0]`
  /// (Bjorck 1967), with `y - r - X b` and `X' r` formed in doubled precision.
  ///
  /// Unlike refining `b` alone, this also corrects the `kappa^2 * ||r||` error term of
  /// large-residual problems.
  ///
  /// The first pass (from `b = 0, r = 0`) is the plain QR solution; each further pass is one
  /// refinement step.
  func refinedCoefficients(_ y: [Double], steps: Int) -> [Double] {
    let n = design.rows
    let m = outer.reflectorCount
    precondition(y.count == n, "refinedCoefficients: y has the wrong length")
    var b = [Double](repeating: 0, count: rank)
    var res = [Double](repeating: 0, count: n)
    guard rank > 0 else { return b }
    for _ in 0...max(0, steps) {
      let f = compensatedResidual(design, columns: kept, beta: b, y: y, minus: res)
      let g = compensatedTransposeProduct(design, columns: kept, res).map { -$0 }
      // Q' f with Q = Q_outer Q_inner.
      var c = outer.applyQTranspose(Matrix(rows: n, columns: 1, storage: f)).storage
      var h = g
      c.withUnsafeMutableBufferPointer { pc in
        inner.applyQTranspose(UnsafeMutableBufferPointer(rebasing: pc[0..<m]))
      }
      h.withUnsafeMutableBufferPointer { solveUpperInPlace(r, $0, transpose: true) }
      var db = (0..<rank).map { c[$0] - h[$0] }
      db.withUnsafeMutableBufferPointer { solveUpperInPlace(r, $0, transpose: false) }
      // dr = Q [h; c2].
      for i in 0..<rank { c[i] = h[i] }
      c.withUnsafeMutableBufferPointer { pc in
        inner.applyQ(UnsafeMutableBufferPointer(rebasing: pc[0..<m]))
      }
      let dr = outer.applyQ(Matrix(rows: n, columns: 1, storage: c), transpose: false).storage
      for i in 0..<rank { b[i] += db[i] }
      for i in 0..<n { res[i] += dr[i] }
    }
    return b
  }
}

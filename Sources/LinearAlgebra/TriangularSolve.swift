import CLinearAlgebra

/// Solves the triangular system `op(A) X = B` where `op(A)` is `A` or `A'` (LAPACK dtrtrs).
///
/// Only the triangle named by `upper` is read; the diagonal is not assumed to be unit.
/// - Parameters:
///   - a: A square triangular matrix.
///   - b: Right-hand sides, `a.rows` rows.
///   - upper: Whether `a` is upper (otherwise lower) triangular.
///   - transpose: Solve with `A'` instead of `A`.
/// - Returns: The solutions, one per column of `b`.
/// - Throws: `LinearAlgebraError.singular(diagonalIndex:)` (1-based) for an exact zero on the
///   diagonal; `.dimensionMismatch` for incompatible shapes.
public func solveTriangular(_ a: Matrix, _ b: Matrix, upper: Bool, transpose: Bool) throws
  -> Matrix
{
  guard a.rows == a.columns else {
    throw LinearAlgebraError.dimensionMismatch(
      operation: "solveTriangular", detail: "matrix is \(a.rows) x \(a.columns), not square")
  }
  guard b.rows == a.rows else {
    throw LinearAlgebraError.dimensionMismatch(
      operation: "solveTriangular", detail: "right-hand side has \(b.rows) rows, need \(a.rows)")
  }
  let n = a.rows
  var x = b
  guard n > 0, b.columns > 0 else { return x }
  let info = a.storage.withUnsafeBufferPointer { pa in
    x.storage.withUnsafeMutableBufferPointer { px in
      LAPACKE_dtrtrs(
        lapackColumnMajor, lapackChar(upper ? "U" : "L"), lapackChar(transpose ? "T" : "N"),
        lapackChar("N"), Int32(n), Int32(b.columns), pa.baseAddress, lapackLeading(n),
        px.baseAddress, lapackLeading(n))
    }
  }
  if info > 0 { throw LinearAlgebraError.singular(diagonalIndex: Int(info)) }
  try lapackCheck(info, "dtrtrs")
  return x
}

/// In-place `x <- op(U)^{-1} x` for the leading `n x n` upper triangle of `u` (BLAS dtrsv).
///
/// Internal kernel for factors whose diagonal is nonzero by construction.
func solveUpperInPlace(
  _ u: Matrix, _ x: UnsafeMutableBufferPointer<Double>, transpose: Bool
) {
  let n = u.columns
  precondition(u.rows >= n && x.count >= n, "solveUpperInPlace: dimension mismatch")
  guard n > 0 else { return }
  u.storage.withUnsafeBufferPointer { pu in
    cblas_dtrsv(
      CblasColMajor, CblasUpper, transpose ? CblasTrans : CblasNoTrans, CblasNonUnit, Int32(n),
      pu.baseAddress, Int32(max(1, u.rows)), x.baseAddress, 1)
  }
}

/// Reciprocal 1-norm condition estimate of a square upper-triangular matrix (LAPACK dtrcon);
/// 0 when it is singular or not finite.
func triangularReciprocalCondition(_ u: Matrix) -> Double {
  let n = u.columns
  guard n > 0, u.rows == n else { return 0 }
  var rcond = 0.0
  var work = [Double](repeating: 0, count: 3 * n)
  var iwork = [Int32](repeating: 0, count: n)
  let info = u.storage.withUnsafeBufferPointer { pu in
    LAPACKE_dtrcon_work(
      lapackColumnMajor, lapackChar("1"), lapackChar("U"), lapackChar("N"), Int32(n),
      pu.baseAddress, lapackLeading(n), &rcond, &work, &iwork)
  }
  return info == 0 && rcond.isFinite ? rcond : 0
}

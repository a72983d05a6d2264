import CLinearAlgebra

/// Eigendecomposition `A = V diag(values) V'` of a symmetric matrix (LAPACK dsyevr, MRRR).
public struct SymmetricEigen: Sendable {
  /// Eigenvalues in ascending order.
  public let values: [Double]
  /// Orthonormal eigenvectors, one per column, in the order of `values`.
  public let vectors: Matrix

  /// Decomposes a symmetric matrix; only its upper triangle is read.
  ///
  /// - Parameter a: A square symmetric matrix.
  /// - Throws: `.dimensionMismatch` if `a` is not square; `.noConvergence` if dsyevr fails;
  ///   `.lapackFailure` for an illegal argument.
  public init(_ a: Matrix) throws {
    guard a.rows == a.columns else {
      throw LinearAlgebraError.dimensionMismatch(
        operation: "SymmetricEigen", detail: "matrix is \(a.rows) x \(a.columns), not square")
    }
    let n = a.rows
    guard n > 0 else {
      values = []
      vectors = Matrix(rows: 0, columns: 0)
      return
    }
    var work = a
    var w = [Double](repeating: 0, count: n)
    var z = Matrix(rows: n, columns: n)
    var isuppz = [Int32](repeating: 0, count: 2 * n)
    var found: Int32 = 0
    let info = work.storage.withUnsafeMutableBufferPointer { pa in
      w.withUnsafeMutableBufferPointer { pw in
        z.storage.withUnsafeMutableBufferPointer { pz in
          isuppz.withUnsafeMutableBufferPointer { pi in
            LAPACKE_dsyevr(
              lapackColumnMajor, lapackChar("V"), lapackChar("A"), lapackChar("U"), Int32(n),
              pa.baseAddress, lapackLeading(n), 0, 0, 0, 0, 0, &found, pw.baseAddress,
              pz.baseAddress, lapackLeading(n), pi.baseAddress)
          }
        }
      }
    }
    if info > 0 { throw LinearAlgebraError.noConvergence(routine: "dsyevr", info: Int(info)) }
    try lapackCheck(info, "dsyevr")
    values = w
    vectors = z
  }
}

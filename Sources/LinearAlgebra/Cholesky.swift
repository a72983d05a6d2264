import CLinearAlgebra
import Foundation

/// The Cholesky factorisation `A = U'U` of a symmetric positive definite matrix (LAPACK dpotrf,
/// upper triangle), with solves (dpotrs), the inverse (dpotri) and the log-determinant.
public struct Cholesky: Sendable {
  /// The upper-triangular factor `U` (its strict lower triangle is zero).
  public let factor: Matrix

  /// Factors a symmetric positive definite matrix; only its upper triangle is read.
  ///
  /// - Parameter a: A square symmetric matrix.
  /// - Throws: `LinearAlgebraError.notPositiveDefinite(leadingMinor:)` when a leading minor is
  ///   not positive; `.dimensionMismatch` when `a` is not square.
  public init(_ a: Matrix) throws {
    guard a.rows == a.columns else {
      throw LinearAlgebraError.dimensionMismatch(
        operation: "Cholesky", detail: "matrix is \(a.rows) x \(a.columns), not square")
    }
    var u = a
    let n = a.rows
    let info = u.storage.withUnsafeMutableBufferPointer { p in
      n == 0
        ? 0
        : LAPACKE_dpotrf(
          lapackColumnMajor, lapackChar("U"), Int32(n), p.baseAddress,
          lapackLeading(n))
    }
    if info > 0 { throw LinearAlgebraError.notPositiveDefinite(leadingMinor: Int(info)) }
    try lapackCheck(info, "dpotrf")
    u.zeroStrictLowerTriangle()
    factor = u
  }

  /// The order of the factored matrix.
  public var order: Int { factor.rows }

  /// Solves `A x = b` (dpotrs).
  ///
  /// - Parameter b: Right-hand side of length `order`.
  /// - Returns: The solution `x`.
  public func solve(_ b: [Double]) -> [Double] {
    solve(Matrix(rows: b.count, columns: 1, storage: b)).storage
  }

  /// Solves `A X = B` for several right-hand sides (dpotrs).
  ///
  /// - Parameter b: Right-hand sides, `order` rows.
  /// - Returns: The solutions, one per column of `b`.
  public func solve(_ b: Matrix) -> Matrix {
    precondition(b.rows == order, "Cholesky.solve: \(b.rows) rows for order \(order)")
    var x = b
    guard order > 0, b.columns > 0 else { return x }
    let info = factor.storage.withUnsafeBufferPointer { pu in
      x.storage.withUnsafeMutableBufferPointer { px in
        LAPACKE_dpotrs_work(
          lapackColumnMajor, lapackChar("U"), Int32(order), Int32(b.columns), pu.baseAddress,
          lapackLeading(order), px.baseAddress, lapackLeading(order))
      }
    }
    // The _work variant skips LAPACKE's NaN scan, so a NaN right-hand side propagates instead of
    // being reported as an illegal argument; the remaining failures are programmer errors.
    precondition(info == 0, "dpotrs: illegal argument \(-info)")
    return x
  }

  /// The inverse `A^{-1}` (dpotri), as a full symmetric matrix.
  ///
  /// - Returns: The inverse of the factored matrix.
  public func inverse() -> Matrix {
    // A zero diagonal in U, the only way dpotri fails, is excluded by a successful dpotrf.
    Cholesky.inverse(ofUpperFactor: factor)
  }

  /// `(U'U)^{-1}` from an upper-triangular `U` with nonzero diagonal (dpotri), full symmetric.
  ///
  /// Shared by the QR and rank-revealing Cholesky solvers, whose factors have a nonzero diagonal
  /// by construction; a zero diagonal is therefore a programmer error.
  static func inverse(ofUpperFactor u: Matrix) -> Matrix {
    precondition(u.rows == u.columns, "inverse(ofUpperFactor:): factor is not square")
    let n = u.rows
    var inv = u
    guard n > 0 else { return inv }
    let info = inv.storage.withUnsafeMutableBufferPointer { p in
      LAPACKE_dpotri_work(
        lapackColumnMajor, lapackChar("U"), Int32(n), p.baseAddress, lapackLeading(n))
    }
    precondition(info == 0, "dpotri failed with info \(info)")
    return inv.symmetrized()
  }

  /// `log det A = 2 * sum(log U_ii)`, computed without overflow.
  public var logDeterminant: Double {
    var s = 0.0
    for i in 0..<order { s += log(factor[i, i]) }
    return 2 * s
  }
}

extension Matrix {
  /// Sets every element below the diagonal to zero (LAPACK leaves junk or the input there).
  mutating func zeroStrictLowerTriangle() {
    let r = rows
    let c = columns
    storage.withUnsafeMutableBufferPointer { p in
      for j in 0..<c where j + 1 < r {
        for i in (j + 1)..<r { p[i + j * r] = 0 }
      }
    }
  }
}

/// Rank-revealing Cholesky `A_kk = U'U` of a symmetric positive semidefinite matrix (such as X'X)
/// that processes columns in their ORIGINAL order and drops (aliases) column j when its
/// Schur-complement pivot is `<= tolerance * A_jj` (fixest's approach; a zero diagonal is always
/// aliased).
///
/// Of a set of dependent columns the later one is aliased, as in R's `lm`.
///
/// The pivot is a squared-norm ratio (remaining squared norm of column j of X over its squared
/// norm), so the default 1e-10 here corresponds to about 1e-5 on `LeastSquaresQR`'s norm scale:
/// forming X'X squares the condition number, and near-collinear columns cannot be resolved as
/// finely as with QR. Prefer `LeastSquaresQR` when X itself is available.
public struct RankRevealingCholesky: Sendable {
  /// Default relative pivot tolerance (fixest's `collin.tol`).
  public static let defaultTolerance: Double = 1e-10

  /// Original indices of the kept columns, ascending.
  public let kept: [Int]
  /// Original indices of the aliased columns, ascending.
  public let aliased: [Int]
  /// Upper-triangular factor of the kept submatrix, `kept.count x kept.count`.
  public let factor: Matrix

  /// Factors `a`, aliasing columns whose pivot falls below the tolerance.
  ///
  /// - Parameters:
  ///   - a: A square symmetric positive semidefinite matrix; only its upper triangle is read.
  ///   - tolerance: Relative pivot tolerance.
  /// - Throws: `.dimensionMismatch` if `a` is not square; `.notPositiveDefinite(leadingMinor:)`
  ///   if a diagonal entry is negative or not finite (the matrix cannot be PSD).
  public init(_ a: Matrix, tolerance: Double = RankRevealingCholesky.defaultTolerance) throws {
    guard a.rows == a.columns else {
      throw LinearAlgebraError.dimensionMismatch(
        operation: "RankRevealingCholesky", detail: "matrix is \(a.rows) x \(a.columns)")
    }
    let p = a.rows
    // Left-looking factorisation in place in the upper triangle of u; column j uses only the
    // rows of kept columns k < j, so aliased rows are simply skipped.
    var u = a
    var keep: [Int] = []
    var drop: [Int] = []
    keep.reserveCapacity(p)
    var failure: Int? = nil
    u.storage.withUnsafeMutableBufferPointer { pu in
      for j in 0..<p {
        let diagonal = pu[j + j * p]
        guard diagonal.isFinite, diagonal >= 0 else {
          failure = j + 1
          return
        }
        var pivot = diagonal
        for k in keep {
          var s = pu[k + j * p]
          for l in keep {
            if l >= k { break }
            s -= pu[l + k * p] * pu[l + j * p]
          }
          s /= pu[k + k * p]
          pu[k + j * p] = s
          pivot -= s * s
        }
        if diagonal == 0 || pivot <= tolerance * diagonal {
          drop.append(j)
        } else {
          pu[j + j * p] = pivot.squareRoot()
          keep.append(j)
        }
      }
    }
    if let minor = failure { throw LinearAlgebraError.notPositiveDefinite(leadingMinor: minor) }
    var compact = u.selecting(rows: keep, columns: keep)
    compact.zeroStrictLowerTriangle()
    kept = keep
    aliased = drop
    factor = compact
  }

  /// Solves `A_kk x = b[kept]`, the normal equations restricted to the kept columns.
  ///
  /// - Parameter b: A vector of full length p (e.g. X'y); entries of aliased columns are ignored.
  /// - Returns: `kept.count` values, in the order of `kept`.
  public func solve(_ b: [Double]) -> [Double] {
    precondition(b.count == kept.count + aliased.count, "RankRevealingCholesky.solve: length")
    var x = kept.map { b[$0] }
    x.withUnsafeMutableBufferPointer { px in
      solveUpperInPlace(factor, px, transpose: true)
      solveUpperInPlace(factor, px, transpose: false)
    }
    return x
  }

  /// The inverse of the kept submatrix `A_kk` (`kept.count x kept.count`, full symmetric).
  ///
  /// - Returns: `A_kk^{-1}`, rows and columns in the order of `kept`.
  public func inverse() -> Matrix {
    Cholesky.inverse(ofUpperFactor: factor)
  }
}

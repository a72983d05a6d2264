import CLinearAlgebra

/// QR with column pivoting by norm, `X P = Q R` (LAPACK dgeqp3).
///
/// A general rank-revealing factorisation. It is *not* the regression rank policy: dgeqp3 pivots
/// by remaining norm and may alias a different column set than R's `lm`; use `LeastSquaresQR`
/// for model fitting.
public struct PivotedQR: Sendable {
  /// Default tolerance on `|R_kk| / |R_00|` below which the trailing columns count as dependent.
  public static let defaultTolerance: Double = 1e-10

  /// Numerical rank: the number of leading diagonal entries with `|R_kk| > tolerance * |R_00|`.
  public let rank: Int
  /// Column permutation (0-based): column `k` of `X P` is column `pivots[k]` of X.
  public let pivots: [Int]
  /// The `min(n, p) x p` upper-trapezoidal factor R of `X P`.
  public let r: Matrix

  /// Factors `x` with column pivoting.
  ///
  /// - Parameters:
  ///   - x: An n x p matrix.
  ///   - tolerance: Relative tolerance on the diagonal of R for the rank.
  /// - Throws: `LinearAlgebraError.lapackFailure` if dgeqp3 reports an illegal argument.
  public init(_ x: Matrix, tolerance: Double = PivotedQR.defaultTolerance) throws {
    let n = x.rows
    let p = x.columns
    let k = min(n, p)
    var a = x
    var jpvt = [Int32](repeating: 0, count: p)
    var tau = [Double](repeating: 0, count: k)
    if k > 0 {
      let info = a.storage.withUnsafeMutableBufferPointer { pa in
        jpvt.withUnsafeMutableBufferPointer { pj in
          tau.withUnsafeMutableBufferPointer { pt in
            LAPACKE_dgeqp3(
              lapackColumnMajor, Int32(n), Int32(p), pa.baseAddress, lapackLeading(n),
              pj.baseAddress, pt.baseAddress)
          }
        }
      }
      try lapackCheck(info, "dgeqp3")
      pivots = jpvt.map { Int($0) - 1 }
    } else {
      pivots = Array(0..<p)
    }
    var upper = Matrix(rows: k, columns: p)
    for j in 0..<p { for i in 0..<min(j + 1, k) { upper[i, j] = a[i, j] } }
    r = upper
    let largest = k > 0 ? abs(upper[0, 0]) : 0
    var rank = 0
    while rank < k, largest > 0, abs(upper[rank, rank]) > tolerance * largest { rank += 1 }
    self.rank = rank
  }
}

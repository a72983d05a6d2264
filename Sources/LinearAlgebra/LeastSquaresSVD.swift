import CLinearAlgebra

/// Minimum-norm least squares by the divide-and-conquer SVD (LAPACK dgelsd).
///
/// For rank-deficient problems this returns the minimum-norm solution, which differs from R's
/// `lm` (which aliases columns); do not report it as regression estimates, use `LeastSquaresQR`.
public struct LeastSquaresSVD: Sendable {
  /// The minimum-norm least-squares solution, length `a.columns`.
  public let solution: [Double]
  /// Effective rank: singular values above `rcond * s_max` count.
  public let rank: Int
  /// Singular values of `a`, descending, length `min(a.rows, a.columns)`.
  public let singularValues: [Double]

  /// Solves `min ||a x - b||` with minimum `||x||`.
  ///
  /// - Parameters:
  ///   - a: An m x n matrix.
  ///   - b: Right-hand side of length m.
  ///   - rcond: Relative threshold for singular values; negative means machine precision.
  /// - Throws: `.dimensionMismatch` if `b.count != a.rows`; `.noConvergence` if the SVD fails;
  ///   `.lapackFailure` for an illegal argument.
  public init(solving a: Matrix, _ b: [Double], rcond: Double = -1) throws {
    guard b.count == a.rows else {
      throw LinearAlgebraError.dimensionMismatch(
        operation: "LeastSquaresSVD", detail: "b has \(b.count) entries, matrix has \(a.rows) rows")
    }
    let m = a.rows
    let n = a.columns
    let k = min(m, n)
    guard k > 0 else {
      solution = [Double](repeating: 0, count: n)
      rank = 0
      singularValues = []
      return
    }
    var work = a
    let ldb = max(m, n)
    var rhs = b + [Double](repeating: 0, count: ldb - m)
    var s = [Double](repeating: 0, count: k)
    var rankOut: Int32 = 0
    let info = work.storage.withUnsafeMutableBufferPointer { pa in
      rhs.withUnsafeMutableBufferPointer { pb in
        s.withUnsafeMutableBufferPointer { ps in
          LAPACKE_dgelsd(
            lapackColumnMajor, Int32(m), Int32(n), 1, pa.baseAddress, lapackLeading(m),
            pb.baseAddress, Int32(ldb), ps.baseAddress, rcond, &rankOut)
        }
      }
    }
    if info > 0 { throw LinearAlgebraError.noConvergence(routine: "dgelsd", info: Int(info)) }
    try lapackCheck(info, "dgelsd")
    solution = Array(rhs[0..<n])
    rank = Int(rankOut)
    singularValues = s
  }
}

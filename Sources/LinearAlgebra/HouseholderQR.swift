import CLinearAlgebra

/// Blocked Householder QR without pivoting, `X = Q R` (LAPACK dgeqrf), with `Q'` applied by
/// dormqr. Backward stable for any X, including rank-deficient ones; rank decisions are made
/// afterwards on the small R (see `LimitedPivotingQR`).
struct HouseholderQR: Sendable {
  /// dgeqrf output: R in the upper trapezoid, the reflectors below the diagonal.
  let packed: Matrix
  /// Scalar factors of the `min(rows, columns)` reflectors.
  let tau: [Double]

  /// Factors `x` (n x p).
  init(_ x: Matrix) throws {
    var a = x
    let n = x.rows
    let p = x.columns
    let k = min(n, p)
    var t = [Double](repeating: 0, count: k)
    if k > 0 {
      let info = a.storage.withUnsafeMutableBufferPointer { pa in
        t.withUnsafeMutableBufferPointer { pt in
          LAPACKE_dgeqrf(
            lapackColumnMajor, Int32(n), Int32(p), pa.baseAddress, lapackLeading(n),
            pt.baseAddress)
        }
      }
      try lapackCheck(info, "dgeqrf")
    }
    packed = a
    tau = t
  }

  /// Number of reflectors, `min(n, p)`: the row count of R.
  var reflectorCount: Int { tau.count }

  /// The `min(n, p) x p` upper-trapezoidal factor R.
  var r: Matrix {
    let m = reflectorCount
    var out = Matrix(rows: m, columns: packed.columns)
    for j in 0..<packed.columns {
      for i in 0..<min(j + 1, m) { out[i, j] = packed[i, j] }
    }
    return out
  }

  /// `Q' B` for `B` with `n` rows (dormqr); returns all n rows.
  func applyQTranspose(_ b: Matrix) -> Matrix { applyQ(b, transpose: true) }

  /// `Q B` or `Q' B` for `B` with `n` rows (dormqr); returns all n rows.
  func applyQ(_ b: Matrix, transpose: Bool) -> Matrix {
    precondition(b.rows == packed.rows, "applyQTranspose: \(b.rows) rows, need \(packed.rows)")
    var c = b
    let n = packed.rows
    guard reflectorCount > 0, b.columns > 0 else { return c }
    let side = lapackChar("L")
    let trans = lapackChar(transpose ? "T" : "N")
    let rowCount = Int32(n)
    let rhsCount = Int32(b.columns)
    let k = Int32(reflectorCount)
    // The _work variant skips LAPACKE's NaN scan: NaN in B propagates instead of failing.
    let info = packed.storage.withUnsafeBufferPointer { pa in
      tau.withUnsafeBufferPointer { pt in
        c.storage.withUnsafeMutableBufferPointer { pc in
          var query = 0.0
          let status = LAPACKE_dormqr_work(
            lapackColumnMajor, side, trans, rowCount, rhsCount, k, pa.baseAddress,
            lapackLeading(n), pt.baseAddress, pc.baseAddress, lapackLeading(n), &query, -1)
          guard status == 0 else { return status }
          let lwork = max(1, Int(query))
          var work = [Double](repeating: 0, count: lwork)
          return work.withUnsafeMutableBufferPointer { pw in
            LAPACKE_dormqr_work(
              lapackColumnMajor, side, trans, rowCount, rhsCount, k, pa.baseAddress,
              lapackLeading(n), pt.baseAddress, pc.baseAddress, lapackLeading(n), pw.baseAddress,
              Int32(lwork))
          }
        }
      }
    }
    // Arguments are consistent by construction; a failure here is a programmer error.
    precondition(info == 0, "dormqr failed with info \(info)")
    return c
  }
}

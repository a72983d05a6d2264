import CLinearAlgebra

/// Householder QR without pivoting of one block of rows, `X = Q R`, in compact-WY form (LAPACK
/// dgeqrt: recursive, level-3 factorisation of each panel, Elmroth & Gustavson 2000), with `Q` and
/// `Q'` applied by dgemqrt.
///
/// Faster than dgeqrf on thin matrices, whose panels dgeqrf factorises with level-2 operations. The
/// building block of `HouseholderQR`.
struct CompactWYQR: Sendable {
  /// dgeqrt output: R in the upper trapezoid, the reflectors below the diagonal.
  let packed: Matrix
  /// The triangular block factors T of the compact-WY representation (blockSize x k).
  let blockFactors: Matrix
  /// Panel width of the blocked factorisation.
  let blockSize: Int

  /// Panel width: one panel for up to 64 columns (all level-3 work inside dgeqrt3).
  static func blockSize(columns p: Int, reflectors k: Int) -> Int { max(1, min(k, 64)) }

  /// Factors `x` (n x p).
  /// - Throws: `LinearAlgebraError.lapackFailure` when `x` contains NaN (LAPACKE's check).
  init(_ x: Matrix) throws {
    var a = x
    let n = x.rows
    let p = x.columns
    let k = min(n, p)
    let nb = Self.blockSize(columns: p, reflectors: k)
    var t = Matrix(rows: nb, columns: k)
    if k > 0 {
      let info = a.storage.withUnsafeMutableBufferPointer { pa in
        t.storage.withUnsafeMutableBufferPointer { pt in
          LAPACKE_dgeqrt(
            lapackColumnMajor, Int32(n), Int32(p), Int32(nb), pa.baseAddress, lapackLeading(n),
            pt.baseAddress, lapackLeading(nb))
        }
      }
      try lapackCheck(info, "dgeqrt")
    }
    packed = a
    blockFactors = t
    blockSize = nb
  }

  /// Number of reflectors, `min(n, p)`: the row count of R.
  var reflectorCount: Int { blockFactors.columns }

  /// The `min(n, p) x p` upper-trapezoidal factor R.
  var r: Matrix { packed.upperTrapezoid() }

  /// `Q' B` for `B` with `n` rows; returns all n rows.
  func applyQTranspose(_ b: Matrix) -> Matrix { applyQ(b, transpose: true) }

  /// `Q B` or `Q' B` for `B` with `n` rows (dgemqrt); returns all n rows.
  func applyQ(_ b: Matrix, transpose: Bool) -> Matrix {
    precondition(b.rows == packed.rows, "applyQ: \(b.rows) rows, need \(packed.rows)")
    var c = b
    let n = packed.rows
    guard reflectorCount > 0, b.columns > 0 else { return c }
    var work = [Double](repeating: 0, count: max(1, blockSize * b.columns))
    // The _work variant skips LAPACKE's NaN scan: NaN in B propagates instead of failing.
    let info = packed.storage.withUnsafeBufferPointer { pa in
      blockFactors.storage.withUnsafeBufferPointer { pt in
        c.storage.withUnsafeMutableBufferPointer { pc in
          work.withUnsafeMutableBufferPointer { pw in
            LAPACKE_dgemqrt_work(
              lapackColumnMajor, lapackChar("L"), lapackChar(transpose ? "T" : "N"), Int32(n),
              Int32(b.columns), Int32(reflectorCount), Int32(blockSize), pa.baseAddress,
              lapackLeading(n), pt.baseAddress, lapackLeading(blockSize), pc.baseAddress,
              lapackLeading(n), pw.baseAddress)
          }
        }
      }
    }
    // Arguments are consistent by construction; a failure here is a programmer error.
    precondition(info == 0, "dgemqrt failed with info \(info)")
    return c
  }
}

extension Matrix {
  /// The upper trapezoid of an m x p matrix as a `min(m, p) x p` matrix (zeros below the
  /// diagonal): R of a factorisation that stores its reflectors below the diagonal.
  func upperTrapezoid() -> Matrix {
    let k = min(rows, columns)
    var out = Matrix(rows: k, columns: columns)
    for j in 0..<columns { for i in 0..<min(j + 1, k) { out[i, j] = self[i, j] } }
    return out
  }
}

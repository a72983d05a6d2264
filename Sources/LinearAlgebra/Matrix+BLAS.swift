import CLinearAlgebra

// Level-2 and level-3 BLAS products (dgemm, dgemv, dsyrk). Shape errors here are programmer errors
// and trap with a precondition; every BLAS dimension is converted to Int32 in this file only.

/// BLAS leading dimension: at least 1 even for empty matrices, as the reference BLAS requires.
@inline(__always) private func ld(_ rows: Int) -> Int32 { Int32(max(1, rows)) }

extension Matrix {
  /// The matrix product `a * b` (dgemm).
  ///
  /// - Parameters:
  ///   - a: Left factor, m x k.
  ///   - b: Right factor, k x n.
  /// - Returns: The m x n product.
  public static func * (a: Matrix, b: Matrix) -> Matrix {
    a.multiplied(by: b)
  }

  /// The product `op(self) * op(b)` where `op` optionally transposes (dgemm).
  ///
  /// - Parameters:
  ///   - b: Right factor.
  ///   - transposingSelf: Use `self'` instead of `self`.
  ///   - transposingOther: Use `b'` instead of `b`.
  /// - Returns: The product; its inner dimensions must agree (a precondition).
  public func multiplied(
    by b: Matrix, transposingSelf: Bool = false, transposingOther: Bool = false
  ) -> Matrix {
    let m = transposingSelf ? columns : rows
    let k = transposingSelf ? rows : columns
    let kb = transposingOther ? b.columns : b.rows
    let n = transposingOther ? b.rows : b.columns
    precondition(k == kb, "matrix product: inner dimensions \(k) and \(kb) differ")
    var c = Matrix(rows: m, columns: n)
    guard m > 0, n > 0, k > 0 else { return c }
    storage.withUnsafeBufferPointer { pa in
      b.storage.withUnsafeBufferPointer { pb in
        c.storage.withUnsafeMutableBufferPointer { pc in
          cblas_dgemm(
            CblasColMajor, transposingSelf ? CblasTrans : CblasNoTrans,
            transposingOther ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), 1.0, pa.baseAddress, ld(rows),
            pb.baseAddress, ld(b.rows), 0.0, pc.baseAddress, ld(m))
        }
      }
    }
    return c
  }

  /// The matrix-vector product `A v` (dgemv).
  ///
  /// - Parameter v: A vector of length `columns`.
  /// - Returns: A vector of length `rows`.
  public func multiplied(by v: [Double]) -> [Double] {
    precondition(v.count == columns, "A v: vector length \(v.count) != columns \(columns)")
    return gemv(v, transpose: false)
  }

  /// The product `A' v` (dgemv with the transpose), without forming `A'`.
  ///
  /// - Parameter v: A vector of length `rows`.
  /// - Returns: A vector of length `columns`.
  public func transposeMultiplied(by v: [Double]) -> [Double] {
    precondition(v.count == rows, "A' v: vector length \(v.count) != rows \(rows)")
    return gemv(v, transpose: true)
  }

  private func gemv(_ v: [Double], transpose: Bool) -> [Double] {
    var out = [Double](repeating: 0, count: transpose ? columns : rows)
    guard rows > 0, columns > 0 else { return out }
    // Tall `A v`: row blocks in parallel (dgemv is memory bound and OpenBLAS runs it on one
    // thread here); each output row is the same sum as in one call.
    let blockRows = 65_536
    if !transpose, rows >= 2 * blockRows {
      let blocks = (rows + blockRows - 1) / blockRows
      let n = rows
      let p = columns
      storage.withUnsafeBufferPointer { pa in
        v.withUnsafeBufferPointer { pv in
          out.withUnsafeMutableBufferPointer { po in
            let a = UncheckedSendableBox(pa)
            let x = UncheckedSendableBox(pv)
            let y = UncheckedSendableBox(po)
            ParallelLoop.forEach(blocks) { b in
              let first = b * blockRows
              let count = min(blockRows, n - first)
              cblas_dgemv(
                CblasColMajor, CblasNoTrans, Int32(count), Int32(p), 1.0,
                a.value.baseAddress.map { $0 + first }, ld(n), x.value.baseAddress, 1, 0.0,
                y.value.baseAddress.map { $0 + first }, 1)
            }
          }
        }
      }
      return out
    }
    storage.withUnsafeBufferPointer { pa in
      v.withUnsafeBufferPointer { pv in
        out.withUnsafeMutableBufferPointer { po in
          cblas_dgemv(
            CblasColMajor, transpose ? CblasTrans : CblasNoTrans, Int32(rows), Int32(columns),
            1.0, pa.baseAddress, ld(rows), pv.baseAddress, 1, 0.0, po.baseAddress, 1)
        }
      }
    }
    return out
  }

  /// The cross product `A'A` (dsyrk on the upper triangle, then mirrored).
  ///
  /// - Returns: The full symmetric `columns x columns` matrix.
  public func crossProduct() -> Matrix {
    var c = Matrix(rows: columns, columns: columns)
    guard columns > 0, rows > 0 else { return c }
    // Tall, thin designs: one dsyrk per row block, blocks in parallel, partial sums added. Each
    // block is read once while it is in cache, and both cores work (OpenBLAS does not thread a
    // thin dsyrk well, and its threads contend on a busy machine).
    let blockRows = 65_536
    let blocks = rows / blockRows
    if blocks >= 2, columns <= 512 {
      let p = columns
      var partials = [Double](repeating: 0, count: blocks * p * p)
      storage.withUnsafeBufferPointer { pa in
        partials.withUnsafeMutableBufferPointer { pp in
          let input = UncheckedSendableBox(pa)
          let output = UncheckedSendableBox(pp)
          ParallelLoop.forEach(blocks) { b in
            let first = b * blockRows
            let count = b == blocks - 1 ? rows - first : blockRows
            cblas_dsyrk(
              CblasColMajor, CblasUpper, CblasTrans, Int32(p), Int32(count), 1.0,
              input.value.baseAddress.map { $0 + first }, ld(rows), 0.0,
              output.value.baseAddress.map { $0 + b * p * p }, ld(p))
          }
        }
      }
      for b in 0..<blocks {
        for j in 0..<p {
          for i in 0...j { c.storage[i + j * p] += partials[b * p * p + i + j * p] }
        }
      }
      return c.symmetrized()
    }
    storage.withUnsafeBufferPointer { pa in
      c.storage.withUnsafeMutableBufferPointer { pc in
        cblas_dsyrk(
          CblasColMajor, CblasUpper, CblasTrans, Int32(columns), Int32(rows), 1.0,
          pa.baseAddress, ld(rows), 0.0, pc.baseAddress, ld(columns))
      }
    }
    return c.symmetrized()
  }

  /// The weighted cross product `A' diag(w) A`.
  ///
  /// Nonnegative weights use `dsyrk` on `diag(sqrt(w)) A` (exactly symmetric); weights with a
  /// negative entry fall back to `dgemm` on `A' (diag(w) A)`.
  /// - Parameter weights: One weight per row.
  /// - Returns: The full symmetric `columns x columns` matrix.
  public func crossProduct(weights: [Double]) -> Matrix {
    precondition(weights.count == rows, "A'WA: \(weights.count) weights for \(rows) rows")
    let nonnegative = weights.allSatisfy { $0 >= 0 }
    let factors = nonnegative ? weights.map { $0.squareRoot() } : weights
    var scaled = self
    scaled.storage.withUnsafeMutableBufferPointer { ps in
      factors.withUnsafeBufferPointer { pf in
        for j in 0..<columns {
          let base = j * rows
          for i in 0..<rows { ps[base + i] *= pf[i] }
        }
      }
    }
    if nonnegative { return scaled.crossProduct() }
    return multiplied(by: scaled, transposingSelf: true).symmetrized()
  }

  /// The cross product `A'B` (dgemm), without forming `A'`.
  ///
  /// - Parameter other: A matrix with the same number of rows.
  /// - Returns: The `columns x other.columns` product.
  public func crossProduct(with other: Matrix) -> Matrix {
    precondition(other.rows == rows, "A'B: row counts \(rows) and \(other.rows) differ")
    return multiplied(by: other, transposingSelf: true)
  }

  /// A copy of this square matrix with its upper triangle mirrored into the lower one.
  ///
  /// - Returns: The symmetric matrix whose upper triangle equals this one's.
  public func symmetrized() -> Matrix {
    precondition(rows == columns, "symmetrized: matrix is \(rows) x \(columns), not square")
    var s = self
    let n = rows
    s.storage.withUnsafeMutableBufferPointer { p in
      for j in 0..<n {
        for i in (j + 1)..<n { p[i + j * n] = p[j + i * n] }
      }
    }
    return s
  }
}

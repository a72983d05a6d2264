import CLinearAlgebra

/// The R factor alone of a tall matrix `[X y]`, by the same two-level tall-skinny Householder QR
/// as `HouseholderQR` but keeping no reflectors: each block of rows is copied into a per-thread
/// buffer that stays in cache, factorised (dgeqrt), and only its small triangle is kept; the
/// stacked triangles are factorised once more.
///
/// With the response appended as the last column, R's last column holds `Q'y` on the columns of
/// X (Golub & Van Loan, 5.3.3), so a least-squares problem with one response is solved in one
/// pass over X, without storing Q (n x p doubles) or applying it afterwards.
enum TallSkinnyR {
  /// The `min(n, p + 1) x (p + 1)` upper-trapezoidal R of `[x y]`.
  ///
  /// NaN or infinite input is not checked: it propagates into R, which the caller inspects.
  /// - Parameters:
  ///   - x: the n x p matrix.
  ///   - y: the appended column, n values.
  /// - Returns: R, whose last column holds `Q'y` above its last diagonal entry.
  static func factor(_ x: Matrix, appending y: [Double]) -> Matrix {
    precondition(y.count == x.rows, "TallSkinnyR: y has \(y.count) values, x has \(x.rows) rows")
    let n = x.rows
    let q = x.columns + 1
    let blocks = HouseholderQR.rowBlocks(rows: n, columns: q)
    var top: Matrix
    if blocks.count == 1 {
      top = Matrix(rows: n, columns: q)
      copyRows(x, y, 0..<n, into: &top.storage)
    } else {
      top = stackedBlockTriangles(x, y, blocks)
    }
    factorInPlace(&top)
    return top.upperTrapezoid()
  }

  /// The q x q R factors of the row blocks of `[x y]`, stacked (block b in rows
  /// `b*q ..< (b+1)*q`); blocks are factorised in parallel, each worker reusing one buffer.
  private static func stackedBlockTriangles(_ x: Matrix, _ y: [Double], _ blocks: [Range<Int>])
    -> Matrix
  {
    let q = x.columns + 1
    let stackedRows = blocks.count * q
    var stacked = Matrix(rows: stackedRows, columns: q)
    let workers = min(blocks.count, ProcessInfoCores.count)
    stacked.storage.withUnsafeMutableBufferPointer { ps in
      let out = UncheckedSendableBox(ps)
      ParallelLoop.forEach(workers) { worker in
        var buffer = Matrix(rows: 0, columns: q)
        for b in stride(from: worker, to: blocks.count, by: workers) {
          let rows = blocks[b].count
          if buffer.rows != rows { buffer = Matrix(rows: rows, columns: q) }
          copyRows(x, y, blocks[b], into: &buffer.storage)
          factorInPlace(&buffer)
          for j in 0..<q {
            for i in 0...j { out.value[j * stackedRows + b * q + i] = buffer.storage[j * rows + i] }
          }
        }
      }
    }
    return stacked
  }

  /// Copies rows `range` of `[x y]` into `target` (column-major, `range.count` rows).
  private static func copyRows(
    _ x: Matrix, _ y: [Double], _ range: Range<Int>, into target: inout [Double]
  ) {
    let rows = range.count
    let p = x.columns
    let n = x.rows
    x.storage.withUnsafeBufferPointer { px in
      target.withUnsafeMutableBufferPointer { pt in
        for j in 0..<p {
          let source = px[(j * n + range.lowerBound)..<(j * n + range.upperBound)]
          _ = UnsafeMutableBufferPointer(rebasing: pt[(j * rows)..<((j + 1) * rows)])
            .update(fromContentsOf: UnsafeBufferPointer(rebasing: source))
        }
      }
    }
    y.withUnsafeBufferPointer { py in
      target.withUnsafeMutableBufferPointer { pt in
        _ = UnsafeMutableBufferPointer(rebasing: pt[(p * rows)..<((p + 1) * rows)])
          .update(fromContentsOf: UnsafeBufferPointer(rebasing: py[range]))
      }
    }
  }

  /// Householder QR of `a` in place (dgeqrt, one panel): R in its upper trapezoid.
  ///
  /// The `_work` variant skips LAPACKE's NaN scan: NaN propagates into R.
  private static func factorInPlace(_ a: inout Matrix) {
    let m = a.rows
    let q = a.columns
    let k = min(m, q)
    guard k > 0 else { return }
    let nb = CompactWYQR.blockSize(columns: q, reflectors: k)
    var t = [Double](repeating: 0, count: nb * k)
    var work = [Double](repeating: 0, count: nb * q)
    let info = a.storage.withUnsafeMutableBufferPointer { pa in
      t.withUnsafeMutableBufferPointer { pt in
        work.withUnsafeMutableBufferPointer { pw in
          LAPACKE_dgeqrt_work(
            lapackColumnMajor, Int32(m), Int32(q), Int32(nb), pa.baseAddress, lapackLeading(m),
            pt.baseAddress, lapackLeading(nb), pw.baseAddress)
        }
      }
    }
    // Arguments are consistent by construction; a failure here is a programmer error.
    precondition(info == 0, "dgeqrt failed with info \(info)")
  }
}

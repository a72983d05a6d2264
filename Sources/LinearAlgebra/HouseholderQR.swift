/// Householder QR without pivoting of a tall matrix, `X = Q R`, as a flat tall-skinny QR (TSQR,
/// Demmel, Grigori, Hoemmen & Langou 2012): blocks of rows are factorised independently and in
/// parallel (`CompactWYQR`, sized to stay in cache), then their stacked R factors are factorised
/// once more.
///
/// Q is the product of the block reflectors and the top-level ones; it stays orthogonal, so the
/// factorisation is backward stable like a single Householder QR, reads X once, and uses both
/// cores. Rank decisions are made afterwards on the small R (`LimitedPivotingQR`).
///
/// Coordinates: `applyQTranspose` returns n rows whose first `reflectorCount` entries are the
/// coordinates along R's columns (as a plain Householder QR would); the rest are the
/// orthogonal-complement coordinates in a fixed block order. `applyQ` is its exact inverse.
struct HouseholderQR: Sendable {
  /// Rows per block; each block's work array fits in a core's cache.
  static let blockRows = 8192

  /// Number of rows of X.
  let rows: Int
  /// Row ranges of the blocks.
  let blocks: [Range<Int>]
  /// Factorisations of the blocks.
  let blockFactors: [CompactWYQR]
  /// Factorisation of the stacked block R factors; `nil` when there is one block.
  let top: CompactWYQR?

  /// Factors `x` (n x p).
  /// - Throws: `LinearAlgebraError.lapackFailure` when `x` contains NaN (LAPACKE's check).
  init(_ x: Matrix) throws {
    let n = x.rows
    let p = x.columns
    rows = n
    blocks = Self.rowBlocks(rows: n, columns: p)
    guard blocks.count > 1 else {
      blockFactors = [try CompactWYQR(x)]
      top = nil
      return
    }
    let count = blocks.count
    var factors = [CompactWYQR?](repeating: nil, count: count)
    var failure: (any Error)?
    let ranges = blocks
    factors.withUnsafeMutableBufferPointer { out in
      let slots = UncheckedSendableBox(out)
      ParallelLoop.forEach(count) { b in
        // A failure (NaN input) leaves the slot empty; it is reported below.
        slots.value[b] = try? CompactWYQR(x.rowBlock(ranges[b]))
      }
    }
    var done: [CompactWYQR] = []
    for factor in factors {
      guard let factor else {
        failure = LinearAlgebraError.lapackFailure(routine: "dgeqrt", info: -5)
        break
      }
      done.append(factor)
    }
    if let failure { throw failure }
    blockFactors = done
    // Stack the p x p R factors of the blocks and factor them once more.
    var stacked = Matrix(rows: count * p, columns: p)
    for (b, factor) in done.enumerated() {
      let r = factor.r
      for j in 0..<p { for i in 0...j { stacked[b * p + i, j] = r[i, j] } }
    }
    top = try CompactWYQR(stacked)
  }

  /// Row ranges of the blocks of a tall-skinny QR of an n x p matrix: `blockRows` rows each (at
  /// least 4p), the last block taking the remainder; one block when n is below two blocks or
  /// p is 0.
  static func rowBlocks(rows n: Int, columns p: Int) -> [Range<Int>] {
    let size = max(blockRows, 4 * p)
    guard n >= 2 * size, p > 0 else { return [0..<n] }
    let count = n / size
    return (0..<count).map { b in (b * size)..<(b == count - 1 ? n : (b + 1) * size) }
  }

  /// Number of rows of R, `min(n, p)`.
  var reflectorCount: Int { top?.reflectorCount ?? blockFactors[0].reflectorCount }

  /// The `min(n, p) x p` upper-trapezoidal factor R.
  var r: Matrix { top?.r ?? blockFactors[0].r }

  /// Rows of the stacked top-level problem (block count x p).
  private var topRows: Int { blocks.count * (top?.r.columns ?? 0) }

  /// `Q' B` for `B` with `n` rows; returns n rows (see the type's note on coordinates).
  func applyQTranspose(_ b: Matrix) -> Matrix { applyQ(b, transpose: true) }

  /// `Q B` or `Q' B` for `B` with `n` rows; returns n rows.
  func applyQ(_ b: Matrix, transpose: Bool) -> Matrix {
    precondition(b.rows == rows, "applyQ: \(b.rows) rows, need \(rows)")
    guard let top else { return blockFactors[0].applyQ(b, transpose: transpose) }
    return transpose ? applyTwoLevelQTranspose(b, top: top) : applyTwoLevelQ(b, top: top)
  }

  /// Row where block `b`'s orthogonal-complement coordinates start in the output.
  private func complementStart(_ b: Int, p: Int) -> Int { topRows + blocks[b].lowerBound - b * p }

  private func applyTwoLevelQTranspose(_ b: Matrix, top: CompactWYQR) -> Matrix {
    let p = top.r.columns
    let m = b.columns
    var out = Matrix(rows: rows, columns: m)
    var stacked = Matrix(rows: topRows, columns: m)
    out.storage.withUnsafeMutableBufferPointer { po in
      stacked.storage.withUnsafeMutableBufferPointer { ps in
        let output = UncheckedSendableBox(po)
        let head = UncheckedSendableBox(ps)
        ParallelLoop.forEach(blocks.count) { k in
          let w = blockFactors[k].applyQTranspose(b.rowBlock(blocks[k]))
          let length = blocks[k].count
          let start = complementStart(k, p: p)
          for j in 0..<m {
            for i in 0..<p { head.value[j * topRows + k * p + i] = w[i, j] }
            for i in p..<length { output.value[j * rows + start + i - p] = w[i, j] }
          }
        }
      }
    }
    let rotated = top.applyQTranspose(stacked)
    for j in 0..<m { for i in 0..<topRows { out[i, j] = rotated[i, j] } }
    return out
  }

  private func applyTwoLevelQ(_ c: Matrix, top: CompactWYQR) -> Matrix {
    let p = top.r.columns
    let m = c.columns
    let stacked = top.applyQ(c.rowBlock(0..<topRows), transpose: false)
    var out = Matrix(rows: rows, columns: m)
    out.storage.withUnsafeMutableBufferPointer { po in
      let output = UncheckedSendableBox(po)
      ParallelLoop.forEach(blocks.count) { k in
        let length = blocks[k].count
        let start = complementStart(k, p: p)
        var w = Matrix(rows: length, columns: m)
        for j in 0..<m {
          for i in 0..<p { w[i, j] = stacked[k * p + i, j] }
          for i in p..<length { w[i, j] = c[start + i - p, j] }
        }
        let y = blockFactors[k].applyQ(w, transpose: false)
        let first = blocks[k].lowerBound
        for j in 0..<m { for i in 0..<length { output.value[j * rows + first + i] = y[i, j] } }
      }
    }
    return out
  }
}

extension Matrix {
  /// The rows in `range`, all columns, as a new matrix.
  func rowBlock(_ range: Range<Int>) -> Matrix {
    var out = Matrix(rows: range.count, columns: columns)
    for j in 0..<columns {
      out.storage.replaceSubrange(
        (j * range.count)..<((j + 1) * range.count),
        with: storage[(j * rows + range.lowerBound)..<(j * rows + range.upperBound)])
    }
    return out
  }
}

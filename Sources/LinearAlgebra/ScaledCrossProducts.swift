import CLinearAlgebra
import Foundation

/// The products `X' S² X` and `X' S² t` of a design X with row scales s and a target t that are
/// computed block by block while the products are accumulated, plus a sum over the rows: one
/// pass over X for a step of iteratively reweighted least squares (IRLS).
public struct ScaledCrossProducts: Sendable {
  /// `X' diag(s²) X`, full and exactly symmetric.
  public let gram: Matrix
  /// `X' diag(s²) t`.
  public let vector: [Double]
  /// Sum of the values returned for the row blocks (such as a deviance), added in block order.
  public let total: Double
}

/// One row block handed to the function that computes its scales and targets.
///
/// The buffers belong to the calling worker and are valid only during the call.
public struct ScaledRowBlock {
  /// Rows of the block in the whole matrix.
  public let rows: Range<Int>
  /// `X_block b` for the coefficients given, empty when none were given.
  public let linear: UnsafeBufferPointer<Double>
  /// Row scales s to fill, one per row of the block.
  public let scale: UnsafeMutableBufferPointer<Double>
  /// Targets t to fill, one per row of the block.
  public let target: UnsafeMutableBufferPointer<Double>
}

extension Matrix {
  /// Rows per block of `scaledCrossProducts`: about 512 KiB of scaled rows, which stay in a
  /// core's L2 cache between the scaling and the rank-k update.
  /// - Parameter columns: number of columns of the matrix.
  /// - Returns: the block height.
  public static func scaledBlockRows(columns: Int) -> Int {
    max(256, min(8192, 65_536 / max(1, columns)))
  }

  /// Accumulates `X' diag(s²) X` and `X' diag(s²) t` over row blocks in parallel, without forming
  /// the scaled matrix: each block's dense columns are scaled into a small per-worker buffer for
  /// one `dsyrk` and one `dgemv`; indicator groups of `layout` are added by their codes.
  ///
  /// The block partials are summed in block order (the result does not depend on the number of
  /// threads).
  ///
  /// - Parameters:
  ///   - coefficients: when given (length `columns`), each block receives `X_block b` first,
  ///     e.g. to update a linear predictor in the same pass.
  ///   - layout: dense columns and indicator groups of this matrix (`IndicatorLayout(self)`);
  ///     `nil` treats every column as dense.
  ///   - blockRows: rows per block; `nil` uses `scaledBlockRows(columns:)`.
  ///   - fill: called once per block, possibly concurrently for different blocks: fills the
  ///     block's scales and targets and returns its contribution to `total`. It may write to
  ///     shared arrays only at the block's own rows.
  /// - Returns: the products and the total.
  public func scaledCrossProducts(
    coefficients: [Double]? = nil, layout: IndicatorLayout? = nil, blockRows: Int? = nil,
    _ fill: (ScaledRowBlock) -> Double
  ) -> ScaledCrossProducts {
    let n = rows
    let p = columns
    if let coefficients {
      precondition(coefficients.count == p, "X b: \(coefficients.count) coefficients, \(p) columns")
    }
    let layout = layout ?? IndicatorLayout(denseColumns: p)
    precondition(
      layout.dense.count + layout.groups.reduce(0) { $0 + $1.count } == p,
      "the layout does not describe this matrix")
    let size = max(1, blockRows ?? Self.scaledBlockRows(columns: layout.dense.count))
    let blocks = (n + size - 1) / size
    var grams = [Double](repeating: 0, count: blocks * p * p)
    var vectors = [Double](repeating: 0, count: blocks * p)
    var totals = [Double](repeating: 0, count: blocks)
    let queue = BlockQueue(count: blocks)
    storage.withUnsafeBufferPointer { px in
      (coefficients ?? []).withUnsafeBufferPointer { pb in
        grams.withUnsafeMutableBufferPointer { pg in
          guard let pgBase = pg.baseAddress else { return }
          vectors.withUnsafeMutableBufferPointer { pv in
            guard let pvBase = pv.baseAddress else { return }
            totals.withUnsafeMutableBufferPointer { pt in
              let shared = UncheckedSendableBox((px, pb, pg, pv, pt))
              ParallelLoop.forEach(min(blocks, ProcessInfoCores.count)) { _ in
                let (px, pb, _, _, pt) = shared.value
                let worker = ScaledBlockWorker(
                  x: px, rows: n, columns: p, coefficients: pb, layout: layout, size: size)
                defer { worker.deallocate() }
                while let block = queue.next() {
                  // Blocks are taken in turn (dynamic scheduling: a worker slowed down by
                  // another process does not hold up the pass); each has its own partials.
                  let first = block * size
                  pt[block] = worker.run(
                    rows: first..<min(n, first + size),
                    gram: pgBase + block * p * p, vector: pvBase + block * p,
                    fill)
                }
              }
            }
          }
        }
      }
    }
    var gram = Matrix(rows: p, columns: p)
    var vector = [Double](repeating: 0, count: p)
    var total = 0.0
    for block in 0..<blocks {
      let g = block * p * p
      for j in 0..<p {
        for i in 0...j { gram.storage[i + j * p] += grams[g + i + j * p] }
        vector[j] += vectors[block * p + j]
      }
      total += totals[block]
    }
    return ScaledCrossProducts(
      gram: p > 0 ? gram.symmetrized() : gram, vector: vector, total: total)
  }

  /// A copy with row i multiplied by `scale[i]`, written in one pass (columns in parallel for
  /// tall matrices).
  /// - Parameter scale: one factor per row.
  /// - Returns: `diag(scale) * self`.
  public func scalingRows(by scale: [Double]) -> Matrix {
    precondition(scale.count == rows, "row scaling: \(scale.count) factors for \(rows) rows")
    let n = rows
    let total = rows * columns
    let values = [Double](unsafeUninitializedCapacity: total) { out, initialized in
      storage.withUnsafeBufferPointer { px in
        scale.withUnsafeBufferPointer { ps in
          let shared = UncheckedSendableBox((px, ps, out))
          let threads = total >= 1 << 18 ? nil : 1
          ParallelLoop.forEach(columns, threads: threads) { j in
            let (px, ps, out) = shared.value
            let base = j * n
            for i in 0..<n { out.initializeElement(at: base + i, to: px[base + i] * ps[i]) }
          }
        }
      }
      initialized = total
    }
    return Matrix(rows: rows, columns: columns, storage: values)
  }
}

/// Hands out the block numbers from 0 upwards to workers, each exactly once.
private final class BlockQueue: @unchecked Sendable {
  private let lock = NSLock()
  private var taken = 0
  private let count: Int

  init(count: Int) { self.count = count }

  /// The next block not yet taken, or `nil` when all are.
  func next() -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard taken < count else { return nil }
    taken += 1
    return taken - 1
  }
}

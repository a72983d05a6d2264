import LinearAlgebra

/// Sums over observations computed in fixed chunks on several threads, the partial sums added
/// in chunk order (so the result does not depend on the number of threads).
enum ChunkedSum {
  /// Rows per chunk.
  static let chunk = 32_768

  /// Σ over chunks of `body(range)`.
  /// - Parameters:
  ///   - count: number of observations.
  ///   - body: the sum over one range of observations; called concurrently for disjoint ranges.
  /// - Returns: the total.
  static func sum(_ count: Int, _ body: (Range<Int>) -> Double) -> Double {
    let chunks = (count + chunk - 1) / chunk
    if chunks <= 1 { return body(0..<count) }
    var partials = [Double](repeating: 0, count: chunks)
    partials.withUnsafeMutableBufferPointer { out in
      ParallelLoop.forEach(chunks) { c in
        out[c] = body((c * chunk)..<min(count, (c + 1) * chunk))
      }
    }
    return partials.reduce(0, +)
  }
}

import Inference

/// Dense codes (0..<count, in order of first appearance) for integer keys, without hashing when
/// the keys span a range of at most a few times their number (identifiers, years, level codes):
/// a lookup table replaces the dictionary, which matters at a million rows.
enum DenseCodes {
  /// The cluster index of the keys.
  static func index(_ keys: [Int]) -> ClusterIndex {
    guard let low = keys.min(), let high = keys.max() else {
      return ClusterIndex(codes: [], count: 0)
    }
    let span = high.subtractingReportingOverflow(low)
    if !span.overflow, span.partialValue < max(4 * keys.count, 1 << 16) {
      var table = [Int32](repeating: -1, count: span.partialValue + 1)
      var codes = [Int32](repeating: 0, count: keys.count)
      var next: Int32 = 0
      keys.withUnsafeBufferPointer { k in
        table.withUnsafeMutableBufferPointer { t in
          for i in 0..<k.count {
            let slot = k[i] &- low
            if t[slot] < 0 {
              t[slot] = next
              next += 1
            }
            codes[i] = t[slot]
          }
        }
      }
      return ClusterIndex(codes: codes, count: Int(next))
    }
    // Keys spread over a wide range (e.g. hashed identifiers): the dictionary path.
    return ClusterIndex(keys: keys)
  }

  /// The index of `values[rows[i]]`, read in place (no copy of the keys) when they span a small
  /// range; otherwise as `index(_:)` on the gathered keys.
  static func index<Key: BinaryInteger>(_ values: [Key], rows: [Int]) -> ClusterIndex {
    guard !rows.isEmpty else { return ClusterIndex(codes: [], count: 0) }
    let (low, high) = values.withUnsafeBufferPointer { v in
      rows.withUnsafeBufferPointer { r in
        var low = Int(v[r[0]])
        var high = low
        for i in 0..<r.count {
          let key = Int(v[r[i]])
          low = min(low, key)
          high = max(high, key)
        }
        return (low, high)
      }
    }
    let span = high.subtractingReportingOverflow(low)
    guard !span.overflow, span.partialValue < max(4 * rows.count, 1 << 16) else {
      return index(rows.map { Int(values[$0]) })
    }
    var table = [Int32](repeating: -1, count: span.partialValue + 1)
    var codes = [Int32](repeating: 0, count: rows.count)
    var next: Int32 = 0
    values.withUnsafeBufferPointer { v in
      rows.withUnsafeBufferPointer { r in
        table.withUnsafeMutableBufferPointer { t in
          codes.withUnsafeMutableBufferPointer { c in
            for i in 0..<r.count {
              let slot = Int(v[r[i]]) &- low
              if t[slot] < 0 {
                t[slot] = next
                next += 1
              }
              c[i] = t[slot]
            }
          }
        }
      }
    }
    return ClusterIndex(codes: codes, count: Int(next))
  }

  /// The index of the pairs of two indices (a combined fixed effect `a^b`).
  static func intersection(_ a: ClusterIndex, _ b: ClusterIndex) -> ClusterIndex {
    index(zip(a.codes, b.codes).map { Int($0) * b.count + Int($1) })
  }
}

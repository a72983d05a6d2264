/// Cluster membership of each observation as dense integer codes 0..<count.
public struct ClusterIndex: Sendable, Equatable {
  /// `codes[i]` is the cluster of observation i.
  public let codes: [Int32]
  /// Number of distinct clusters.
  public let count: Int

  /// Creates an index from dense codes.
  /// - Parameters:
  ///   - codes: codes in 0..<count.
  ///   - count: number of clusters.
  public init(codes: [Int32], count: Int) {
    self.codes = codes
    self.count = count
  }

  /// Densifies arbitrary hashable keys, in order of first appearance.
  public init<Key: Hashable>(keys: [Key]) {
    var lookup: [Key: Int32] = [:]
    lookup.reserveCapacity(min(keys.count, 1 << 16))
    var codes = [Int32](repeating: 0, count: keys.count)
    for (i, key) in keys.enumerated() {
      if let code = lookup[key] {
        codes[i] = code
      } else {
        let code = Int32(lookup.count)
        lookup[key] = code
        codes[i] = code
      }
    }
    self.codes = codes
    self.count = lookup.count
  }

  /// The index of the intersection of two clusterings (pairs of codes), for two-way clustering.
  public func intersected(with other: ClusterIndex) -> ClusterIndex {
    precondition(codes.count == other.codes.count, "cluster indices of different lengths")
    let width = Int64(other.count)
    return ClusterIndex(keys: zip(codes, other.codes).map { Int64($0) * width + Int64($1) })
  }
}

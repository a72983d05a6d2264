import DataTable
import Inference

extension ClusterIndex {
  /// The clusters of `column` on the given table rows (missing values must already be excluded).
  /// Codes follow first appearance among `rows`.
  /// - Parameters:
  ///   - column: the cluster identifier column (any type).
  ///   - rows: table rows used by the model.
  public init(column: Column, rows: [Int]) {
    switch column.values {
    case .text(let codes, let levels):
      self.init(denseKeys: rows.map { Int(codes[$0]) }, range: levels.count)
    case .int(let values):
      let keys = rows.map { values[$0] }
      if let low = keys.min(), let high = keys.max(), high - low < 4 * max(keys.count, 1024) {
        self.init(denseKeys: keys.map { $0 - low }, range: high - low + 1)
      } else {
        self.init(keys: keys)
      }
    case .bool(let values): self.init(keys: rows.map { values[$0] })
    case .double(let values): self.init(keys: rows.map { values[$0].bitPattern })
    }
  }

  /// Densifies keys known to lie in 0..<range with an array instead of hashing.
  init(denseKeys: [Int], range: Int) {
    var lookup = [Int32](repeating: -1, count: range)
    var codes = [Int32](repeating: 0, count: denseKeys.count)
    var count: Int32 = 0
    for (i, key) in denseKeys.enumerated() {
      if lookup[key] < 0 {
        lookup[key] = count
        count += 1
      }
      codes[i] = lookup[key]
    }
    self.init(codes: codes, count: Int(count))
  }
}

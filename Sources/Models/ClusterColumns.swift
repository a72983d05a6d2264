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
    // Integer-like keys go through DenseCodes (a lookup table, no hashing, no generic dispatch).
    case .text(let codes, _): self = DenseCodes.index(codes, rows: rows)
    case .int(let values): self = DenseCodes.index(values, rows: rows)
    case .bool(let values): self = DenseCodes.index(rows.map { values[$0] ? 1 : 0 })
    case .double(let values): self.init(keys: rows.map { values[$0].bitPattern })
    }
  }
}

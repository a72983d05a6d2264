import DataTable
import Inference

extension ClusterIndex {
  /// The clusters of `column` on the given table rows (missing values must already be excluded).
  ///
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

extension ClusterIndex {
  /// The clusters of the column `name` on the rows a model used, for a cluster-robust
  /// covariance.
  /// - Throws: `DataError` for an unknown column; `ModelError` when the column is missing on a
  ///   used row or has fewer than two clusters there.
  static func model(column name: String, data: DataTable, rows: [Int]) throws -> ClusterIndex {
    let column = try data.column(named: name)
    if rows.contains(where: { column.isMissing($0) }) {
      throw ModelError.unsupported(
        "cluster column '\(name)' is missing on rows the model uses; "
          + "name it when fitting so those rows are dropped")
    }
    return try checked(ClusterIndex(column: column, rows: rows), name: name)
  }

  /// The cluster indices of one or two columns on the model rows (`model(column:...)` each).
  /// - Throws: `ModelError` for more than two columns, and as `model(column:data:rows:)`.
  static func indices(columns: [String], data: DataTable, rows: [Int]) throws -> [ClusterIndex] {
    guard columns.count == 1 || columns.count == 2 else {
      throw ModelError.unsupported("clustering takes one or two columns, not \(columns.count)")
    }
    return try columns.map { try model(column: $0, data: data, rows: rows) }
  }

  /// `index` when it has at least two clusters.
  /// - Throws: `ModelError.tooFewClusters` naming `name` otherwise.
  static func checked(_ index: ClusterIndex, name: String) throws -> ClusterIndex {
    if index.count < 2 { throw ModelError.tooFewClusters(column: name, count: index.count) }
    return index
  }
}

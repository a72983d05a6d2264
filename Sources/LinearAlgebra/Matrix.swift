/// A dense real matrix stored column-major in one contiguous buffer (the layout BLAS and LAPACK
/// use), so element (i, j) lives at `storage[i + j * rows]`.
public struct Matrix: Sendable, Equatable {
  /// Number of rows.
  public let rows: Int
  /// Number of columns.
  public let columns: Int
  /// Column-major elements; `storage.count == rows * columns`.
  public var storage: [Double]

  /// A matrix filled with `value`.
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && columns >= 0, "negative matrix dimension")
    self.rows = rows
    self.columns = columns
    self.storage = [Double](repeating: value, count: rows * columns)
  }

  /// A matrix over existing column-major storage.
  public init(rows: Int, columns: Int, storage: [Double]) {
    precondition(storage.count == rows * columns, "storage size does not match dimensions")
    self.rows = rows
    self.columns = columns
    self.storage = storage
  }

  /// A matrix from its columns (all of equal length).
  public init(columns list: [[Double]]) {
    let n = list.first?.count ?? 0
    precondition(list.allSatisfy { $0.count == n }, "columns of unequal length")
    self.rows = n
    self.columns = list.count
    self.storage = list.flatMap { $0 }
  }

  /// A matrix from its rows (all of equal length); convenient in tests.
  public init(rowMajor list: [[Double]]) {
    let p = list.first?.count ?? 0
    precondition(list.allSatisfy { $0.count == p }, "rows of unequal length")
    self.init(rows: list.count, columns: p)
    for i in 0..<rows { for j in 0..<p { storage[i + j * rows] = list[i][j] } }
  }

  /// The n x n identity.
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m.storage[i + i * n] = 1 }
    return m
  }

  /// Element (i, j).
  @inlinable public subscript(i: Int, j: Int) -> Double {
    get { storage[i + j * rows] }
    set { storage[i + j * rows] = newValue }
  }

  /// A copy of column `j`.
  public func column(_ j: Int) -> [Double] {
    Array(storage[(j * rows)..<((j + 1) * rows)])
  }

  /// The diagonal (of the leading square part).
  public var diagonal: [Double] {
    (0..<min(rows, columns)).map { self[$0, $0] }
  }

  /// The transpose.
  public var transposed: Matrix {
    var t = Matrix(rows: columns, columns: rows)
    for j in 0..<columns {
      for i in 0..<rows { t.storage[j + i * columns] = storage[i + j * rows] }
    }
    return t
  }

  /// The matrix made of the listed columns, in the listed order.
  public func selectingColumns(_ indices: [Int]) -> Matrix {
    var out = Matrix(rows: rows, columns: indices.count)
    for (k, j) in indices.enumerated() {
      out.storage.replaceSubrange(
        (k * rows)..<((k + 1) * rows), with: storage[(j * rows)..<((j + 1) * rows)])
    }
    return out
  }

  /// The square submatrix of the listed rows and columns (such as a covariance of kept terms).
  public func selecting(rows rowIndices: [Int], columns columnIndices: [Int]) -> Matrix {
    var out = Matrix(rows: rowIndices.count, columns: columnIndices.count)
    for (b, j) in columnIndices.enumerated() {
      for (a, i) in rowIndices.enumerated() { out[a, b] = self[i, j] }
    }
    return out
  }
}

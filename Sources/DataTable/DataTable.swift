/// A table of equally long, uniquely named, typed columns: the in-memory form of a data file.
///
/// Values are immutable; transforms return new tables. `source` remembers the file a table came
/// from so that later errors (unknown column, all-missing column) can name it.
public struct DataTable: Sendable, Equatable {
  /// The columns in file order.
  public let columns: [Column]
  /// Number of rows.
  public let rowCount: Int
  /// Where the table came from (a file path), for error messages; `nil` for tables built in code.
  public let source: String?
  private let indexByName: [String: Int]

  /// Creates a table from columns.
  /// - Parameters:
  ///   - columns: the columns; all must have the same length.
  ///   - source: optional description of the origin (file path) used in error messages.
  /// - Throws: `DataError.duplicateColumn` for a repeated name, `DataError.lengthMismatch` for
  ///   columns of different lengths.
  public init(columns: [Column], source: String? = nil) throws {
    var index: [String: Int] = [:]
    for (i, column) in columns.enumerated() {
      if let first = index[column.name] {
        throw DataError.duplicateColumn(
          name: column.name, firstPosition: first + 1, secondPosition: i + 1, source: source)
      }
      index[column.name] = i
    }
    let rows = columns.first?.count ?? 0
    for column in columns where column.count != rows {
      throw DataError.lengthMismatch(column: column.name, expected: rows, found: column.count)
    }
    self.columns = columns
    self.rowCount = rows
    self.source = source
    self.indexByName = index
  }

  /// Memberwise initialiser for tables whose invariants are already known to hold.
  private init(
    validated columns: [Column], rowCount: Int, source: String?, indexByName: [String: Int]
  ) {
    self.columns = columns
    self.rowCount = rowCount
    self.source = source
    self.indexByName = indexByName
  }

  /// Column names in order.
  public var columnNames: [String] { columns.map(\.name) }

  /// The column called `name`, or `nil`.
  public subscript(name: String) -> Column? {
    indexByName[name].map { columns[$0] }
  }

  /// The position of the column called `name`, or `nil`.
  public func index(of name: String) -> Int? { indexByName[name] }

  /// The column called `name`.
  /// - Throws: `DataError.unknownColumn` naming the nearest existing column.
  public func column(named name: String) throws -> Column {
    guard let column = self[name] else {
      throw DataError.unknownColumn(
        name: name, suggestion: NameSuggestion.nearest(to: name, among: columnNames),
        source: source)
    }
    return column
  }

  /// A copy holding only the given rows, in the given order.
  public func gathering(rows: [Int]) -> DataTable {
    DataTable(
      validated: columns.map { $0.gathering(rows: rows) }, rowCount: rows.count, source: source,
      indexByName: indexByName)
  }

  /// A copy with `column` added after the others, without rebuilding the name index: adding many
  /// columns one by one stays linear in their number.
  /// - Throws: `DataError.duplicateColumn` when the name is taken, `DataError.lengthMismatch` when
  ///   the length differs from `rowCount`.
  public func adding(_ column: Column) throws -> DataTable {
    if let first = indexByName[column.name] {
      throw DataError.duplicateColumn(
        name: column.name, firstPosition: first + 1, secondPosition: columns.count + 1,
        source: source)
    }
    guard columns.isEmpty || column.count == rowCount else {
      throw DataError.lengthMismatch(column: column.name, expected: rowCount, found: column.count)
    }
    var index = indexByName
    index[column.name] = columns.count
    return DataTable(
      validated: columns + [column], rowCount: columns.isEmpty ? column.count : rowCount,
      source: source, indexByName: index)
  }

  /// A copy with `column` added, or replacing the column of the same name.
  /// - Throws: `DataError.lengthMismatch` when the length differs from `rowCount`.
  public func replacingOrAdding(_ column: Column) throws -> DataTable {
    var list = columns
    if let i = indexByName[column.name] { list[i] = column } else { list.append(column) }
    return try DataTable(columns: list, source: source)
  }
}

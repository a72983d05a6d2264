/// Typed columns from the cells of a sheet: the header row, then one column per header cell
/// with its type inferred (or overridden) as the CSV reader does.
enum XLSXColumns {
  /// The table of a sheet's cells.
  /// - Parameters:
  ///   - cells: the non-empty cells with their positions.
  ///   - path: the workbook, for messages and as the table's source.
  ///   - options: missing tokens, type overrides, the columns to keep, number format of
  ///     numbers stored as text.
  ///   - date1904: the workbook's date system, for the report.
  ///   - report: receives notes on date and number-as-text columns.
  /// - Returns: the table.
  /// - Throws: `DataError` (`noRows`, `emptyColumnName`, `duplicateColumn`, `raggedRow`,
  ///   `badValue`, `badTypeOverride`, `unknownColumn`).
  static func table(
    _ cells: [XLSXParts.PlacedCell], path: String, options: CSVOptions, date1904: Bool,
    report: inout ReadReport
  ) throws -> DataTable {
    var rows: [Int: [(column: Int, value: XLSXParts.Cell)]] = [:]
    for cell in cells where !isBlank(cell.value) {
      rows[cell.row, default: []].append((cell.column, cell.value))
    }
    let rowNumbers = rows.keys.sorted()
    guard let headerRow = rowNumbers.first, let headerCells = rows[headerRow] else {
      throw DataError.emptyFile(file: path)
    }
    let width = headerCells.map(\.column).max() ?? 0
    var names = [String?](repeating: nil, count: width)
    for (column, value) in headerCells { names[column - 1] = text(of: value) }
    var seen: [String: Int] = [:]
    var header: [String] = []
    for (k, name) in names.enumerated() {
      guard let name, !name.isEmpty else {
        throw DataError.emptyColumnName(
          at: SourceLocation(file: path, line: headerRow, column: k + 1))
      }
      if let first = seen[name] {
        throw DataError.duplicateColumn(
          name: name, firstPosition: first, secondPosition: k + 1, source: path)
      }
      seen[name] = k + 1
      header.append(name)
    }
    let dataRows = Array(rowNumbers.dropFirst())
    guard !dataRows.isEmpty else { throw DataError.noRows(file: path) }
    var grid = [[XLSXParts.Cell?]](
      repeating: [XLSXParts.Cell?](repeating: nil, count: dataRows.count), count: width)
    for (r, number) in dataRows.enumerated() {
      for (column, value) in rows[number] ?? [] {
        guard column <= width else {
          throw DataError.raggedRow(
            at: SourceLocation(file: path, line: number, column: column), expected: width,
            found: column)
        }
        grid[column - 1][r] = value
      }
    }
    let selected = try ColumnSelection.positions(options, names: header, source: path)
    for name in options.types.keys where seen[name] == nil {
      throw DataError.badTypeOverride(
        column: name,
        reason: "no such column"
          + (NameSuggestion.nearest(to: name, among: header).map { "; did you mean '\($0)'?" } ?? "")
      )
    }
    var columns: [Column] = []
    for j in selected {
      let name = header[j]
      let tokens = options.missingTokens.union(options.columnMissingTokens[name] ?? [])
      let built = try SheetColumn(
        name: name, cells: grid[j], rows: dataRows, path: path, position: j + 1,
        missingTokens: tokens, format: options.numberFormat
      ).build(override: options.types[name])
      if let note = built.note {
        let system = date1904 && note.hasPrefix("dates") ? " (1904 date system)" : ""
        report.note(name) { $0.recognised = note + system }
      }
      if !built.missing.isEmpty { report.note(name) { $0.missingByKind = built.missing } }
      columns.append(built.column)
    }
    return try DataTable(columns: columns, source: path)
  }

  private static func isBlank(_ cell: XLSXParts.Cell) -> Bool {
    if case .text(let t) = cell { return t.isEmpty }
    return false
  }

  /// A cell as text: numbers in their shortest exact form (`2015`, `0.1`), dates as ISO 8601.
  static func text(of cell: XLSXParts.Cell) -> String {
    switch cell {
    case .number(let x): return numberText(x)
    case .date(let x, let iso): return iso ?? numberText(x)
    case .text(let t): return t
    case .bool(let b): return b ? "true" : "false"
    case .error(let e): return e
    }
  }

  static func numberText(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
    return String(x)
  }
}

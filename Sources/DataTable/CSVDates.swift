/// Columns of a text file declared `date` or `datetime` (`types: {start: date}`): parsed as text,
/// then read as ISO 8601 dates.
enum CSVDates {
  /// The column read as dates, or `badValue` at the first field that is not one.
  /// - Parameters:
  ///   - text: the column parsed as text.
  ///   - type: `.date` or `.datetime`.
  ///   - locate: the source location of the column's value in a row (for an error).
  /// - Returns: the date column (no note), or the error.
  static func column(
    _ text: Column, as type: ColumnType, locate: (Int) -> SourceLocation
  ) -> Result<(Column, String?), DataError> {
    let texts = (0..<text.count).map { text.stringValue($0) }
    do {
      let column = try Column.dates(text.name, texts: texts, as: type)
      return .success((column, nil))
    } catch {
      return .failure(
        .badValue(
          at: locate(error.row), column: text.name,
          value: texts[error.row] ?? "", expected: type))
    }
  }
}

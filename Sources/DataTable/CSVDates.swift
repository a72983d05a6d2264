/// Columns of a text file declared `date` or `datetime` (`types: {start: date}`): parsed as text,
/// then read as ISO 8601 dates.
enum CSVDates {
  /// The column read as dates, or `badValue` at the first field that is not one.
  /// - Parameters:
  ///   - text: the column parsed as text.
  ///   - type: `.date` or `.datetime`.
  ///   - parser: the chunk parser (for locating a value in an error).
  ///   - chunks: the parsed chunks.
  ///   - j: the column's position in the header.
  /// - Returns: the date column (no note), or the error.
  static func column(
    _ text: Column, as type: ColumnType, parser: ChunkParser,
    chunks: [(range: Range<Int>, outcome: ChunkOutcome)], column j: Int
  ) -> Result<(Column, String?), DataError> {
    let texts = (0..<text.count).map { text.stringValue($0) }
    do {
      let column = try Column.dates(text.name, texts: texts, as: type)
      return .success((column, nil))
    } catch {
      var before = 0
      var offset = 0
      for chunk in chunks {
        if error.row < before + chunk.outcome.rows {
          offset = parser.fieldOffset(
            row: error.row - before, column: j, from: chunk.range.lowerBound,
            limit: chunk.range.upperBound)
          break
        }
        before += chunk.outcome.rows
      }
      return .failure(
        .badValue(
          at: parser.input.location(at: offset, field: j + 1), column: text.name,
          value: texts[error.row] ?? "", expected: type))
    }
  }
}

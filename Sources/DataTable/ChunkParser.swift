/// Why a chunk stopped early (offsets are absolute byte offsets in the input).
enum ChunkFailure {
  case ragged(rowStart: Int, found: Int)
  case unclosedQuote(at: Int, field: Int)
  case malformedQuote(at: Int, field: Int)
  case badValue(RawField, column: Int, type: ColumnType)
  case invalidUTF8(at: Int, field: Int)
}

/// The parsed columns of one chunk of rows.
struct ChunkOutcome {
  /// One entry per selected column.
  var columns: [ColumnChunk]
  /// Rows parsed.
  var rows: Int
  /// Set when the chunk stopped at bad input.
  var failure: ChunkFailure?
  /// Set when the quote-parity split may have cut inside a quoted field (a stray `"` inside an
  /// unquoted field, or a quote still open at a chunk end): the caller reparses sequentially.
  var suspectBoundary: Bool
}

/// Parses the rows of one byte range into typed column chunks (selected columns only; the
/// others are tokenised and skipped).
struct ChunkParser: Sendable {
  let input: CSVInput
  let dialect: Dialect
  /// Type override of each column, by position in the header.
  let overrides: [ColumnType?]
  let settings: ParseSettings
  /// Settings of the columns with their own missing-value tokens, by position.
  let columnSettings: [Int: ParseSettings]
  /// Positions of the columns kept, ascending.
  let selected: [Int]
  /// For each position, its index in `selected`, or -1 when the column is skipped.
  private let slot: [Int]
  /// For each position, how many skipped columns start there before the next kept column or the
  /// last column (those fields end with a delimiter and can be passed over together).
  private let skipRun: [Int]
  /// Read plain numbers of number columns in one pass (`FieldScanner.nextNumber`): on unless
  /// the fields are whitespace separated or the delimiter could be part of a number.
  let numberFastPath: Bool

  private var columnCount: Int { overrides.count }
  private var skipsBlankLines: Bool { columnCount > 1 || dialect.whitespace }

  /// Creates a parser for rows of `overrides.count` fields, keeping the `selected` positions.
  ///
  /// `numberFastPath: false` (tests only) reads every field through the general path.
  init(
    input: CSVInput, dialect: Dialect, overrides: [ColumnType?], settings: ParseSettings,
    selected: [Int], columnSettings: [Int: ParseSettings] = [:], numberFastPath: Bool = true
  ) {
    self.input = input
    self.columnSettings = columnSettings
    self.dialect = dialect
    self.overrides = overrides
    self.settings = settings
    self.selected = selected
    var slot = [Int](repeating: -1, count: overrides.count)
    for (k, j) in selected.enumerated() { slot[j] = k }
    self.slot = slot
    var skipRun = [Int](repeating: 0, count: overrides.count)
    for j in stride(from: overrides.count - 2, through: 0, by: -1) where slot[j] < 0 {
      skipRun[j] = skipRun[j + 1] + 1
    }
    self.skipRun = skipRun
    let d = dialect.delimiter
    let delimiterInNumbers =
      (d &- 48) < 10 || d == UInt8(ascii: ".") || d == UInt8(ascii: "+")
      || d == UInt8(ascii: "-") || d | 0x20 == UInt8(ascii: "e")
      || (settings.decimalComma && d == UInt8(ascii: ","))
    self.numberFastPath =
      numberFastPath && !dialect.whitespace && !delimiterInNumbers && settings.grouped == nil
  }

  /// The settings of the column at `position`.
  func settings(for position: Int) -> ParseSettings { columnSettings[position] ?? settings }

  /// Parses the rows in `range`, which starts at a row start and ends after a row end.
  /// - Parameters:
  ///   - range: byte offsets of whole rows in the input.
  ///   - isLast: the range ends the input (an open quote is then an error, not a bad split).
  ///   - reserve: expected number of rows, for capacity.
  /// - Returns: the parsed column chunks and row count, with the bad input that stopped the
  ///   chunk, if any, and whether the split may have cut inside a quoted field.
  func parse(_ range: Range<Int>, isLast: Bool, reserve: Int) -> ChunkOutcome {
    var columns = selected.map {
      ColumnChunk(override: overrides[$0], settings: settings(for: $0), reserve: reserve)
    }
    return columns.withUnsafeMutableBufferPointer { columns in
      parse(range, isLast: isLast, into: columns)
    }
  }

  /// The row loop of `parse`, filling `columns` in place.
  private func parse(
    _ range: Range<Int>, isLast: Bool, into columns: UnsafeMutableBufferPointer<ColumnChunk>
  ) -> ChunkOutcome {
    var scanner = FieldScanner(
      input, dialect: dialect, start: range.lowerBound, limit: range.upperBound)
    var field = RawField()
    var scratch: [UInt8] = []
    var rows = 0
    let last = columnCount - 1
    func outcome(_ failure: ChunkFailure?, suspect: Bool = false) -> ChunkOutcome {
      ChunkOutcome(
        columns: Array(columns), rows: rows, failure: failure,
        suspectBoundary: suspect || (scanner.sawStrayQuote && !isLast))
    }
    while true {
      if skipsBlankLines { scanner.skipBlankLines() }
      if scanner.position >= range.upperBound { break }
      let rowStart = scanner.position
      var j = 0
      while j <= last {
        let run = skipRun[j]
        if run > 0, scanner.skipFields(run) {
          j += run
          continue
        }
        if numberFastPath, slot[j] >= 0,
          columns[slot[j]].addNumberInOnePass(&scanner, base: input.base, lastField: j == last)
        {
          j += 1
          continue
        }
        switch scanner.next(&field) {
        case .delimiter:
          if j == last {
            return outcome(
              .ragged(rowStart: rowStart, found: columnCount + remainingFields(&scanner)))
          }
        case .rowEnd:
          if j < last { return outcome(.ragged(rowStart: rowStart, found: j + 1)) }
        case .unclosedQuote:
          return outcome(.unclosedQuote(at: field.start, field: j + 1), suspect: !isLast)
        case .malformedQuote:
          return outcome(.malformedQuote(at: field.start, field: j + 1))
        }
        let column = j
        let k = slot[column]
        j += 1
        if k < 0 { continue }
        var result = columns[k].add(field, input.base, scratch: &scratch)
        if case .needsText = result {
          columns[k].restartAsText()
          refill(
            &columns[k], column: column, rows: rows, from: range.lowerBound,
            limit: range.upperBound)
          result = columns[k].add(field, input.base, scratch: &scratch)
        }
        switch result {
        case .ok, .needsText: break
        case .badValue(let type): return outcome(.badValue(field, column: column, type: type))
        case .invalidUTF8: return outcome(.invalidUTF8(at: field.start, field: column + 1))
        }
      }
      rows += 1
    }
    return outcome(nil)
  }

  /// Re-adds column `column` of the first `rows` rows from `start` (used after a kind change).
  func refill(_ chunk: inout ColumnChunk, column: Int, rows: Int, from start: Int, limit: Int) {
    var scanner = FieldScanner(input, dialect: dialect, start: start, limit: limit)
    var field = RawField()
    var scratch: [UInt8] = []
    for _ in 0..<rows {
      if skipsBlankLines { scanner.skipBlankLines() }
      for j in 0..<columnCount {
        _ = scanner.next(&field)
        if j == column { _ = chunk.add(field, input.base, scratch: &scratch) }
      }
    }
  }

  /// Column `column` of the `rows` rows of `range`, read as text.
  func textColumn(_ range: Range<Int>, column: Int, rows: Int) -> ColumnChunk {
    var chunk = ColumnChunk(override: .string, settings: settings(for: column), reserve: rows)
    refill(&chunk, column: column, rows: rows, from: range.lowerBound, limit: range.upperBound)
    return chunk
  }

  /// The byte offset of column `column` in row `row` (0-based, blank lines skipped as in
  /// parsing) of the rows starting at `start`, for locating a value in an error message.
  func fieldOffset(row: Int, column: Int, from start: Int, limit: Int) -> Int {
    var scanner = FieldScanner(input, dialect: dialect, start: start, limit: limit)
    var field = RawField()
    for r in 0...row {
      if skipsBlankLines { scanner.skipBlankLines() }
      for j in 0..<columnCount {
        _ = scanner.next(&field)
        if r == row, j == column { return field.start }
      }
    }
    return start
  }

  /// Counts the fields left in the current row (for a ragged-row message).
  private func remainingFields(_ scanner: inout FieldScanner) -> Int {
    var field = RawField()
    var count = 0
    while scanner.position <= scanner.limit {
      count += 1
      switch scanner.next(&field) {
      case .delimiter: continue
      case .rowEnd, .unclosedQuote, .malformedQuote: return count
      }
    }
    return count
  }
}

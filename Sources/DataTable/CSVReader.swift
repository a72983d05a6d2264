import Foundation

/// Reads delimited text files (CSV, semicolon or tab separated, whitespace separated) into a
/// `DataTable`, inferring column types.
///
/// Parses from bytes, in parallel chunks of rows.
public enum CSVReader {
  /// Reads the file at `path`.
  /// - Parameters:
  ///   - path: the file; also recorded as the table's `source`.
  ///   - options: delimiter, decimal comma, missing tokens, type overrides, threads, the
  ///     columns to read.
  /// - Returns: the table with one column per header field (or per selected column).
  /// - Throws: `DataError` (`cannotRead`, `emptyFile`, `noRows`, `raggedRow`, `unclosedQuote`,
  ///   `malformedQuote`, `badValue`, `duplicateColumn`, `emptyColumnName`, `invalidEncoding`,
  ///   `badTypeOverride`, `unknownColumn` for a selected name not in the header), naming file,
  ///   line and field.
  public static func read(path: String, options: CSVOptions = CSVOptions()) throws -> DataTable {
    try load(path: path, options: options).table
  }

  /// Reads the file at `path` and says how it was read (encoding, number formats detected).
  /// - Parameters:
  ///   - path: the file; also recorded as the table's `source`.
  ///   - options: as for `read(path:options:)`.
  /// - Returns: the table and its read report.
  /// - Throws: `DataError` as for `read(path:options:)`, and `undecodable` for bytes the
  ///   encoding cannot read, `numberFormat` for a column of numbers in an ambiguous format.
  public static func load(path: String, options: CSVOptions = CSVOptions()) throws -> LoadedTable {
    try load(path: path, options: options, tap: nil)
  }

  /// Reads the file at `path`, block by block when it is UTF-8 (`CSVStream`), else (and for
  /// input the streaming reader leaves to it) whole.
  /// - Parameters:
  ///   - path: the file.
  ///   - options: as for `read(path:options:)`.
  ///   - tap: sees the file's bytes in order, if given.
  ///   - blockSize: bytes per block of the streaming reader (tests lower it).
  /// - Returns: the table and its read report.
  /// - Throws: as `load(path:options:)`.
  static func load(
    path: String, options: CSVOptions, tap: ByteTap?, blockSize: Int = CSVStream.blockSize
  ) throws -> LoadedTable {
    if CSVStream.streams(options) {
      do {
        if let loaded = try CSVStream.readFile(
          path: path, options: options, tap: tap, blockSize: blockSize)
        {
          return loaded
        }
      } catch is StreamFallback {}
    }
    return try FileIO.withContents(path: path) { buffer in
      tap?.feed(UnsafeRawBufferPointer(buffer), at: 0)
      return try load(buffer, name: path, options: options)
    }
  }

  /// Reads CSV text held in memory.
  /// - Parameters:
  ///   - bytes: the file's bytes (UTF-8, optionally with a byte-order mark, or as
  ///     `options.encoding` says).
  ///   - name: the name used in error messages and as the table's `source`.
  ///   - options: delimiter, decimal comma, missing tokens, type overrides, threads, encoding.
  /// - Returns: the table.
  /// - Throws: `DataError` as for `read(path:options:)`.
  public static func read(bytes: [UInt8], name: String, options: CSVOptions = CSVOptions())
    throws -> DataTable
  {
    try bytes.withUnsafeBufferPointer { buffer in try load(buffer, name: name, options: options) }
      .table
  }

  /// Reads CSV bytes held in memory and says how they were read.
  /// - Parameters:
  ///   - bytes: the file's bytes.
  ///   - name: the name used in error messages and as the table's `source`.
  ///   - options: as for `read(bytes:name:options:)`.
  /// - Returns: the table and its read report.
  /// - Throws: `DataError` as for `load(path:options:)`.
  public static func load(bytes: [UInt8], name: String, options: CSVOptions = CSVOptions())
    throws -> LoadedTable
  {
    try bytes.withUnsafeBufferPointer { buffer in try load(buffer, name: name, options: options) }
  }

  /// Reads CSV bytes; `minimumChunk` (bytes per parallel chunk) is lowered, and the one-pass
  /// number reading (`ChunkParser.numberFastPath`) turned off, only by tests.
  static func read(
    _ buffer: UnsafeBufferPointer<UInt8>, name: String, options: CSVOptions,
    minimumChunk: Int = 1 << 20, numberFastPath: Bool = true
  ) throws -> DataTable {
    try load(
      buffer, name: name, options: options, minimumChunk: minimumChunk,
      numberFastPath: numberFastPath
    ).table
  }

  /// Decodes the bytes as the options say (UTF-8 read in place; other encodings converted to
  /// UTF-8 first), then parses them.
  static func load(
    _ buffer: UnsafeBufferPointer<UInt8>, name: String, options: CSVOptions,
    minimumChunk: Int = 1 << 20, numberFastPath: Bool = true
  ) throws -> LoadedTable {
    guard !buffer.isEmpty else { throw DataError.emptyFile(file: name) }
    var report = ReadReport(format: "CSV")
    func parseUTF8(_ bytes: UnsafeBufferPointer<UInt8>) throws -> DataTable {
      guard let base = bytes.baseAddress, !bytes.isEmpty else {
        throw DataError.emptyFile(file: name)
      }
      let input = CSVInput(base: base, count: bytes.count, name: name)
      return try parse(
        input, options: options, report: &report, minimumChunk: minimumChunk,
        numberFastPath: numberFastPath)
    }
    func converted(_ encoding: TextEncoding, _ convert: () throws(Transcoding.Failure) -> [UInt8])
      throws -> DataTable
    {
      let bytes: [UInt8]
      do {
        bytes = try convert()
      } catch {
        throw DataError.undecodable(
          file: name, line: error.line, encoding: encoding.rawValue, reason: error.reason)
      }
      report.encoding = encoding
      return try bytes.withUnsafeBufferPointer { try parseUTF8($0) }
    }
    let utf16BOM =
      buffer.count >= 2
      && (buffer[0] == 0xFF && buffer[1] == 0xFE
        || buffer[0] == 0xFE && buffer[1] == 0xFF)
    let table: DataTable
    switch options.encoding {
    case .utf16 where utf16BOM, nil where utf16BOM:
      table = try converted(.utf16) { () throws(Transcoding.Failure) in
        try Transcoding.utf16(buffer, from: 2, bigEndian: buffer[0] == 0xFE)
      }
    case .utf16:
      throw DataError.undecodable(
        file: name, line: 1, encoding: "utf-16",
        reason: "no byte-order mark (FF FE or FE FF) at the start")
    case .latin1, .windows1252:
      let encoding = options.encoding ?? .latin1
      table = try converted(encoding) { () throws(Transcoding.Failure) in
        try Transcoding.singleByte(buffer, windows1252: encoding == .windows1252)
      }
    case .utf8:
      report.encoding = .utf8
      table = try parseUTF8(buffer)
    case nil:
      do {
        report.encoding = .utf8
        table = try parseUTF8(buffer)
      } catch DataError.invalidEncoding(let at) {
        report = ReadReport(format: "CSV")
        let bytes: [UInt8]
        do {
          bytes = try Transcoding.singleByte(buffer, windows1252: true)
        } catch {
          throw DataError.undecodable(
            file: name, line: at.line, encoding: "utf-8",
            reason: "the text is not valid UTF-8 (field \(at.column ?? 1)), nor Windows-1252 "
              + "(line \(error.line): \(error.reason))")
        }
        report.encoding = .windows1252
        report.encodingDetected = true
        table = try bytes.withUnsafeBufferPointer { try parseUTF8($0) }
      }
    }
    return LoadedTable(table: table, report: report)
  }

  private static func parse(
    _ input: CSVInput, options: CSVOptions, report: inout ReadReport, minimumChunk: Int,
    numberFastPath: Bool
  ) throws -> DataTable {
    let headerStart = CSVStream.headerStart(input.base, count: input.count)
    guard headerStart < input.count else { throw DataError.emptyFile(file: input.name) }
    let layout = try CSVLayout(input, headerStart: headerStart, options: options)
    let dataStart = layout.dataStart
    var dataEnd = input.count
    while dataEnd > dataStart, input.base[dataEnd - 1] == 10 || input.base[dataEnd - 1] == 13 {
      dataEnd -= 1
    }
    let tabSeparated = !layout.dialect.whitespace && layout.dialect.delimiter == 9
    guard dataEnd > dataStart,
      tabSeparated || (dataStart..<dataEnd).contains(where: { !isBlank(input.base[$0]) })
    else { throw DataError.noRows(file: input.name) }
    let parser = layout.parser(input, numberFastPath: numberFastPath)
    let threads = max(1, options.threads ?? ProcessInfo.processInfo.activeProcessorCount)
    let outcomes = parseChunks(
      parser, dataStart..<dataEnd, threads: threads, minimumChunk: minimumChunk)
    return try assemble(
      parser, outcomes, names: layout.names, threads: threads, formats: layout.formats,
      report: &report)
  }

  /// Space, tab, carriage return or newline.
  static func isBlank(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 }

  /// Parses the data in parallel chunks; reparses in one piece if a split looks unsafe.
  static func parseChunks(
    _ parser: ChunkParser, _ data: Range<Int>, threads: Int, minimumChunk: Int
  ) -> [(range: Range<Int>, outcome: ChunkOutcome)] {
    let pieces =
      parser.dialect.whitespace || threads == 1
      ? 1 : max(1, min(threads * 4, data.count / max(minimumChunk, 1)))
    let ranges = CSVChunking.split(parser.input, data, pieces: pieces, threads: threads)
    let rowsPerByte = estimateRowsPerByte(parser.input, data)
    let outcomes = Parallel.map(ranges.count, threads: threads) { k in
      parser.parse(
        ranges[k], isLast: k == ranges.count - 1,
        reserve: Int(Double(ranges[k].count) * rowsPerByte * 1.05) + 16)
    }
    for outcome in outcomes {
      if outcome.suspectBoundary {
        let whole = parser.parse(
          data, isLast: true, reserve: Int(Double(data.count) * rowsPerByte) + 16)
        return [(data, whole)]
      }
      if outcome.failure != nil { break }
    }
    return Array(zip(ranges, outcomes)).map { (range: $0.0, outcome: $0.1) }
  }

  /// Newlines per byte in the first 64 KB of data, for reserving capacity.
  static func estimateRowsPerByte(_ input: CSVInput, _ data: Range<Int>) -> Double {
    let sample = data.lowerBound..<min(data.upperBound, data.lowerBound + 65536)
    var lines = 1
    for i in sample where input.base[i] == 10 { lines += 1 }
    return Double(lines) / Double(max(sample.count, 1))
  }

  /// Turns chunk failures into errors, resolves column types and concatenates the chunks.
  private static func assemble(
    _ parser: ChunkParser, _ chunks: [(range: Range<Int>, outcome: ChunkOutcome)],
    names: [String], threads: Int, formats: [NumberConvention], report: inout ReadReport
  ) throws -> DataTable {
    let input = parser.input
    for chunk in chunks {
      if let failure = chunk.outcome.failure {
        throw error(failure, input: input, names: names)
      }
    }
    let selected = parser.selected
    var kinds = [[MissingCount]](repeating: [], count: selected.count)
    let columns = Parallel.map(selected.count, threads: threads) {
      slot -> Result<(Column, String?), DataError> in
      let j = selected[slot]
      let pieces = chunks.map { $0.outcome.columns[slot] }
      let inferred = parser.overrides[j] == nil
      switch TypeInference.resolve(pieces, override: parser.overrides[j]) {
      case .badValue(let field, let expected):
        let bad = DataError.badValue(
          at: input.location(at: field.start, field: j + 1), column: names[j],
          value: input.text(of: field), expected: expected)
        guard inferred else { return .failure(bad) }
        let text = textColumn(parser, chunks, pieces, column: j, name: names[j]).column
        return NumberRescue.numbers(
          in: text, formats: formats, settings: parser.settings, badValue: bad,
          locate: locator(parser, chunks, column: j))
      case .type(let type):
        let column = textColumn(parser, chunks, pieces, column: j, name: names[j], as: type)
          .column
        return finish(
          column, type: type, override: parser.overrides[j], formats: formats,
          settings: parser.settings, locate: locator(parser, chunks, column: j))
      }
    }
    var resolved: [Column] = []
    for (slot, result) in columns.enumerated() {
      let (column, note) = try result.get()
      if let note { report.note(column.name) { $0.recognised = note } }
      kinds[slot] = missingKinds(
        chunks.map { $0.outcome.columns[slot] }, settings: parser.settings(for: selected[slot]))
      if !kinds[slot].isEmpty, column.missingCount > 0 {
        report.note(column.name) { $0.missingByKind = kinds[slot] }
      }
      resolved.append(column)
    }
    return try DataTable(columns: resolved, source: input.name)
  }

  /// A column of a resolved type as the table holds it: a declared date column read as dates,
  /// an inferred text column as numbers when it is numbers in another format (`NumberRescue`).
  /// - Parameters:
  ///   - column: the column assembled as `type`.
  ///   - type: its resolved type.
  ///   - override: its type override, if any.
  ///   - formats: the number formats tried on inferred text.
  ///   - settings: how numbers were read.
  ///   - locate: the source location of the column's value in a row (for an error).
  /// - Returns: the column with any note on how it was read, or the error.
  static func finish(
    _ column: Column, type: ResolvedType, override: ColumnType?, formats: [NumberConvention],
    settings: ParseSettings, locate: (Int) -> SourceLocation
  ) -> Result<(Column, String?), DataError> {
    if let date = override, date == .date || date == .datetime {
      return CSVDates.column(column, as: date, locate: locate)
    }
    guard override == nil, case .text = type else { return .success((column, nil)) }
    return NumberRescue.numbers(
      in: column, formats: formats, settings: settings, badValue: nil, locate: locate)
  }

  /// Locates the value of column `j` in a row (counted over the chunks) in the input.
  private static func locator(
    _ parser: ChunkParser, _ chunks: [(range: Range<Int>, outcome: ChunkOutcome)], column j: Int
  ) -> (Int) -> SourceLocation {
    { row in
      var before = 0
      for chunk in chunks {
        if row < before + chunk.outcome.rows {
          let offset = parser.fieldOffset(
            row: row - before, column: j, from: chunk.range.lowerBound,
            limit: chunk.range.upperBound)
          return parser.input.location(at: offset, field: j + 1)
        }
        before += chunk.outcome.rows
      }
      return parser.input.location(at: 0, field: j + 1)
    }
  }

  /// The missing values of a column by kind (`empty`, `NA`, a declared code), from its chunks.
  static func missingKinds(_ pieces: [ColumnChunk], settings: ParseSettings) -> [MissingCount] {
    let names = settings.missing.kinds
    var totals = [Int](repeating: 0, count: names.count)
    for piece in pieces {
      for (k, count) in piece.missingKinds.enumerated() { totals[k] += count }
    }
    return names.indices.filter { totals[$0] > 0 }.map {
      MissingCount(kind: names[$0], count: totals[$0])
    }
  }

  /// Assembles a column of a resolved type; for text, chunks parsed as another kind are read
  /// again as text first.
  private static func textColumn(
    _ parser: ChunkParser, _ chunks: [(range: Range<Int>, outcome: ChunkOutcome)],
    _ pieces: [ColumnChunk], column j: Int, name: String,
    as type: ResolvedType = .text(.string)
  ) -> (column: Column, chunks: [ColumnChunk]) {
    var converted = pieces
    if case .text = type {
      for (k, piece) in pieces.enumerated()
      where piece.kind != .text && (piece.kind != .empty || piece.sawQuotedEmpty) {
        converted[k] = parser.textColumn(
          chunks[k].range, column: j, rows: chunks[k].outcome.rows)
      }
    }
    return (TypeInference.assemble(name, converted, as: type), converted)
  }

  /// The `DataError` for a chunk failure, with line numbers counted from the start of the file.
  private static func error(_ failure: ChunkFailure, input: CSVInput, names: [String]) -> DataError
  {
    switch failure {
    case .ragged(let rowStart, let found):
      return .raggedRow(at: input.location(at: rowStart), expected: names.count, found: found)
    case .unclosedQuote(let at, let field):
      return .unclosedQuote(at: input.location(at: at, field: field))
    case .malformedQuote(let at, let field):
      return .malformedQuote(at: input.location(at: at, field: field))
    case .badValue(let field, let column, let type):
      return .badValue(
        at: input.location(at: field.start, field: column + 1), column: names[column],
        value: input.text(of: field), expected: type)
    case .invalidUTF8(let at, let field):
      return .invalidEncoding(at: input.location(at: at, field: field))
    }
  }
}

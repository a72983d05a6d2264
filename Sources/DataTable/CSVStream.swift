import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Raised inside the streaming reader for input it does not settle on its own.
///
/// Such input is bad input whose error message must name a line, a column whose type is only
/// known once earlier blocks (already released) are read again as text, or a number format or
/// date to check against those blocks. The caller then reads the whole text the classic way (`CSVReader.load(_:name:options:)`), which
/// gives the same table or the same error as before streaming existed.
struct StreamFallback: Error {}

/// Delimited text read as it arrives, block by block: each block's complete rows are parsed (in
/// parallel chunks) into typed column chunks, and the block's bytes are no longer needed; the
/// partial row at its end is handed back, to start the next block.
///
/// Text columns are dictionary-encoded as they are parsed (`LevelDictionary`: a code per row, a
/// string per distinct level), so a column of 26 million short labels costs 4 bytes a row. Types
/// are inferred per chunk as in the whole-text reader and settled once every block is in
/// (`TypeInference.resolve`), so they are the same as if the text had been read at once.
struct CSVStream {
  /// Bytes per block: large enough for the parallel chunks of one block to keep every core busy,
  /// small enough to be nothing beside the columns.
  static let blockSize = 16 << 20

  /// The file name for messages and the table's `source`.
  let name: String
  let options: CSVOptions
  let threads: Int
  private var layout: CSVLayout?
  /// The parsed chunks of each selected column, in row order.
  private var pieces: [[ColumnChunk]] = []
  /// Some data row had bytes; some data byte was not blank.
  private var sawBytes = false
  private var sawValue = false

  /// A reader of the text of `name`, with the options of `CSVReader`.
  init(name: String, options: CSVOptions) {
    self.name = name
    self.options = options
    threads = max(1, options.threads ?? ProcessInfo.processInfo.activeProcessorCount)
  }

  /// Whether the options let the text be read block by block: UTF-8 (declared or to be checked;
  /// text that turns out not to be UTF-8 is read again whole, to detect its encoding), fields not
  /// separated by runs of blanks (whose quoting rules the block cuts do not follow).
  static func streams(_ options: CSVOptions) -> Bool {
    (options.encoding == nil || options.encoding == .utf8) && options.delimiter != .whitespace
  }

  /// The offset of the header: after a UTF-8 byte-order mark and any leading blanks.
  static func headerStart(_ base: UnsafePointer<UInt8>, count: Int) -> Int {
    let bom = count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF
    var start = bom ? 3 : 0
    while start < count, CSVReader.isBlank(base[start]) { start += 1 }
    return start
  }

  /// Parses the complete rows at the start of `block`.
  ///
  /// The first block starts the text; each later one starts with the bytes an earlier call did
  /// not consume.
  /// - Parameters:
  ///   - block: the bytes.
  ///   - isLast: the block ends the text (everything is consumed).
  /// - Returns: the number of bytes consumed (0 when not even the header is complete: pass a
  ///   longer block).
  /// - Throws: `StreamFallback`.
  mutating func consume(_ block: UnsafeBufferPointer<UInt8>, isLast: Bool) throws -> Int {
    guard let base = block.baseAddress, !block.isEmpty else {
      if isLast, layout == nil { throw StreamFallback() }
      return 0
    }
    let input = CSVInput(base: base, count: block.count, name: name)
    var start = 0
    if layout == nil {
      let utf16 =
        block.count >= 2
        && (base[0] == 0xFF && base[1] == 0xFE
          || base[0] == 0xFE && base[1] == 0xFF)
      let headerStart = Self.headerStart(base, count: block.count)
      if utf16 || (isLast && headerStart >= block.count) { throw StreamFallback() }
      guard isLast || Self.lastRowEnd(base, from: headerStart, count: block.count) != nil else {
        return 0
      }
      guard let made = try? CSVLayout(input, headerStart: headerStart, options: options),
        !made.dialect.whitespace
      else { throw StreamFallback() }
      layout = made
      pieces = Array(repeating: [], count: made.selected.count)
      start = made.dataStart
    }
    guard let layout else { throw StreamFallback() }
    var end = block.count
    if isLast {
      while end > start, base[end - 1] == 10 || base[end - 1] == 13 { end -= 1 }
    } else {
      guard let cut = Self.lastRowEnd(base, from: start, count: block.count) else { return start }
      end = cut
    }
    if end > start { try parse(start..<end, of: input, layout: layout) }
    return isLast ? block.count : end
  }

  /// Parses whole rows in parallel chunks and keeps their column chunks.
  private mutating func parse(_ data: Range<Int>, of input: CSVInput, layout: CSVLayout) throws {
    sawBytes = true
    if !sawValue { sawValue = data.contains { !CSVReader.isBlank(input.base[$0]) } }
    let parser = layout.parser(input)
    let count = threads == 1 ? 1 : max(1, min(threads * 4, data.count / (1 << 20)))
    let ranges = CSVChunking.split(input, data, pieces: count, threads: threads)
    let rowsPerByte = CSVReader.estimateRowsPerByte(input, data)
    // `isLast: false` throughout: a stray quote anywhere may have misplaced a block cut, so it
    // sends the read to the whole-text reader, as does any bad input.
    let outcomes = Parallel.map(ranges.count, threads: threads) { k in
      parser.parse(
        ranges[k], isLast: false, reserve: Int(Double(ranges[k].count) * rowsPerByte * 1.05) + 16)
    }
    for outcome in outcomes {
      if outcome.failure != nil || outcome.suspectBoundary { throw StreamFallback() }
      for slot in pieces.indices { pieces[slot].append(outcome.columns[slot]) }
    }
  }

  /// The table, once the last block is consumed; the chunks of each column are released as soon
  /// as the column is assembled.
  /// - Parameter report: notes on columns read as numbers in another format, and missing values
  ///   by kind.
  /// - Returns: the table of the selected columns.
  /// - Throws: `StreamFallback` when a column needs its text again (see the type), or no data
  ///   row was read (the whole-text reader names the problem).
  mutating func finish(report: inout ReadReport) throws -> DataTable {
    guard let layout else { throw StreamFallback() }
    let tabSeparated = layout.dialect.delimiter == 9
    guard sawBytes, tabSeparated || sawValue else { throw StreamFallback() }
    var columns: [Column] = []
    for slot in pieces.indices {
      let j = layout.selected[slot]
      let chunks = pieces[slot]
      pieces[slot] = []
      let override = layout.overrides[j]
      guard case .type(let type) = TypeInference.resolve(chunks, override: override) else {
        throw StreamFallback()
      }
      if case .text = type,
        chunks.contains(where: { $0.kind != .text && ($0.kind != .empty || $0.sawQuotedEmpty) })
      {
        throw StreamFallback()
      }
      let assembled = TypeInference.assemble(layout.names[j], chunks, as: type)
      let settings = layout.columnSettings[j] ?? layout.settings
      let finished = CSVReader.finish(
        assembled, type: type, override: override, formats: layout.formats,
        settings: layout.settings, locate: { _ in SourceLocation(file: name, line: 0) })
      guard case .success(let (column, note)) = finished else { throw StreamFallback() }
      if let note { report.note(column.name) { $0.recognised = note } }
      let kinds = CSVReader.missingKinds(chunks, settings: settings)
      if !kinds.isEmpty, column.missingCount > 0 {
        report.note(column.name) { $0.missingByKind = kinds }
      }
      columns.append(column)
    }
    report.encoding = .utf8
    return try DataTable(columns: columns, source: name)
  }

  /// The offset just after the last newline in `from..<count` that lies outside double quotes
  /// (counted from `from`, a row start), or `nil`.
  static func lastRowEnd(_ base: UnsafePointer<UInt8>, from: Int, count: Int) -> Int? {
    guard from < count else { return nil }
    if memchr(base + from, 34, count - from) == nil {
      var p = count
      while p > from {
        if base[p - 1] == 10 { return p }
        p -= 1
      }
      return nil
    }
    var inQuotes = false
    var last: Int?
    for p in from..<count {
      let c = base[p]
      if c == 34 {
        inQuotes.toggle()
      } else if c == 10, !inQuotes {
        last = p + 1
      }
    }
    return last
  }
}

import Foundation
import Testing

@testable import DataTable

/// The streaming reader (`CSVStream`) parses a file block by block, carrying the partial row at
/// each block's end over to the next: its tables and read reports equal those of the whole-text
/// reader, whether it settles the file itself or leaves it to the whole-text reader (bad input,
/// a column whose type changes late); the provenance tap sees every byte once.
@Suite struct CSVStreamTests {
  /// Small blocks, so that a test file of some hundred kilobytes spans many of them.
  static let block = 1 << 14

  /// Expects equal tables (doubles compared bit for bit) and equal read reports.
  static func expectSame(_ a: LoadedTable, _ b: LoadedTable) {
    #expect(a.report == b.report)
    expectSameTable(a.table, b.table)
  }

  /// Streams `bytes` from a file in small blocks and expects the whole-text reader's table; the
  /// tap must see exactly the file.
  /// - Returns: whether the streaming reader settled the file itself.
  @discardableResult
  static func expectStreamed(_ bytes: [UInt8], options: CSVOptions = CSVOptions()) throws -> Bool {
    let path = try fixture(bytes: bytes)
    var seen: [UInt8] = []
    let tap = ByteTap { seen += $0 }
    let streamed = try CSVReader.load(path: path, options: options, tap: tap, blockSize: block)
    let whole = try CSVReader.load(bytes: bytes, name: path, options: options)
    expectSame(streamed, whole)
    #expect(seen == bytes)
    do {
      return try CSVStream.readFile(path: path, options: options, tap: nil, blockSize: block)
        != nil
    } catch is StreamFallback {
      return false
    }
  }

  @Test func quotedNewlinesAcrossBlocks() throws {
    let bytes = CSVParallelTests.generated(rows: 6_000)
    #expect(bytes.count > 20 * Self.block)
    #expect(try Self.expectStreamed(bytes))
  }

  @Test func intsThatTurnDoubleInALaterBlock() throws {
    var text = "id,x,label\n"
    for i in 0..<20_000 { text += "\(i),\(i % 9),L\(i % 4)\n" }
    text += "20000,2.5,L1\n"
    #expect(try Self.expectStreamed(Array(text.utf8)))
  }

  @Test func textInALaterBlockIsReadWhole() throws {
    // The column is numbers for many blocks, then text: its earlier blocks are needed again, as
    // text, so the whole-text reader reads it; the result is the same.
    var text = "id,code\n"
    for i in 0..<20_000 { text += "\(i),\(i % 50)\n" }
    for i in 0..<20_000 { text += "\(20_000 + i),c\(i % 50)\n" }
    #expect(try !Self.expectStreamed(Array(text.utf8)))
  }

  @Test func decimalCommaAndMissingKindsStream() throws {
    var text = "regio;inkomen;score\n"
    for i in 0..<15_000 {
      let amount = i % 13 == 0 ? "-99" : "\(1 + i % 9).\(100 + i % 900),\(10 + i % 89)"
      text += "Li\u{E8}ge \(i % 3);\(amount);\(i % 17 == 0 ? "NA" : "\(i % 7),5")\n"
    }
    var options = CSVOptions()
    options.columnMissingTokens = ["inkomen": ["-99"]]
    #expect(try Self.expectStreamed(Array(text.utf8), options: options))
  }

  @Test func selectedColumnsStream() throws {
    var options = CSVOptions()
    options.columns = ["track", "ses", "absent"]
    options.ignoresUnknownColumns = true
    let bytes = CSVParallelTests.generated(rows: 4_000)
    #expect(try Self.expectStreamed(bytes, options: options))
    let path = try fixture(bytes: bytes)
    let table = try CSVReader.load(path: path, options: options, tap: nil, blockSize: Self.block)
    #expect(table.table.columnNames == ["track", "ses"])
  }

  @Test func headerLongerThanABlock() throws {
    let names = (0..<40).map { "a_rather_long_column_name_\($0)" }
    var text = names.joined(separator: ",") + "\n"
    for i in 0..<500 { text += (0..<40).map { String(i * $0) }.joined(separator: ",") + "\n" }
    let path = try fixture(text)
    let streamed = try CSVStream.readFile(
      path: path, options: CSVOptions(), tap: nil, blockSize: 64)
    let whole = try CSVReader.load(bytes: Array(text.utf8), name: path)
    try Self.expectSame(#require(streamed), whole)
  }

  @Test func errorInALaterBlockNamesItsLine() throws {
    var text = "a,b\n"
    for i in 0..<30_000 { text += "\(i),\(i % 3)\n" }
    text += "1,2,3\n"
    let path = try fixture(text)
    let error = dataError {
      _ = try CSVReader.load(path: path, options: CSVOptions(), tap: nil, blockSize: Self.block)
    }
    #expect(
      error == .raggedRow(at: SourceLocation(file: path, line: 30_002), expected: 2, found: 3))
  }

  @Test func gzipStreamsInBlocks() throws {
    let bytes = CSVParallelTests.generated(rows: 6_000)
    let compressed = try DecompressionTests.gzip(bytes)
    let path = try fixture(bytes: compressed, name: "data.csv.gz")
    var seen: [UInt8] = []
    let tap = ByteTap { seen += $0 }
    let streamed = try CSVStream.readCompressed(
      path: path, zstd: false, options: CSVOptions(), tap: tap, blockSize: Self.block)
    Self.expectSame(streamed, try CSVReader.load(bytes: bytes, name: path))
    #expect(seen == compressed)
  }

  @Test func zstdFallbackFeedsTheTapOnce() throws {
    // Text in the last block sends the read to the whole-text reader after the tap has seen
    // part of the file: it still sees each byte once.
    var text = "id,code\n"
    for i in 0..<30_000 { text += "\(i),\(i % 50)\n" }
    for i in 0..<30_000 { text += "\(30_000 + i),t\(i % 50)\n" }
    let compressed = try DecompressionTests.zstd(Array(text.utf8))
    let path = try fixture(bytes: compressed, name: "data.csv.zst")
    var seen: [UInt8] = []
    let tap = ByteTap { seen += $0 }
    let loaded = try DataReader.readCompressed(
      path: path, zstd: true, options: CSVOptions(), tap: tap, blockSize: Self.block)
    try tap.complete(path: path)
    Self.expectSame(loaded, try CSVReader.load(bytes: Array(text.utf8), name: path))
    #expect(seen == compressed)
  }
}

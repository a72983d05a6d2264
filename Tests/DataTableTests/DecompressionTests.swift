import CZstd
import Foundation
import Testing

@testable import DataTable

#if canImport(CZlib)
  import CZlib
#elseif canImport(zlib)
  import zlib
#endif

/// Compressed input is decompressed as it is read, under a size limit: a small file that
/// inflates to far more than the limit (a decompression bomb) is refused naming the file and the
/// limit; several gzip members or zstd frames are all read.
@Suite struct DecompressionTests {
  /// `count` rows of `0,0` under a header `a,b`, as text bytes.
  static func zeros(rows count: Int) -> [UInt8] {
    Array("a,b\n".utf8)
      + [UInt8](repeating: 0, count: count * 4).enumerated().map {
        $0.offset % 4 == 1 ? 44 : $0.offset % 4 == 3 ? 10 : 48
      }
  }

  /// One gzip member of `bytes`, written by zlib's deflate.
  static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
    var stream = z_stream()
    let level = Z_BEST_COMPRESSION
    let started = deflateInit2_(
      &stream, level, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY, zlibVersion(),
      Int32(MemoryLayout<z_stream>.size))
    try #require(started == Z_OK)
    defer { deflateEnd(&stream) }
    var input = bytes
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 64)
    let status = input.withUnsafeMutableBufferPointer { inBuffer in
      output.withUnsafeMutableBufferPointer { outBuffer in
        stream.next_in = inBuffer.baseAddress
        stream.avail_in = UInt32(inBuffer.count)
        stream.next_out = outBuffer.baseAddress
        stream.avail_out = UInt32(outBuffer.count)
        return deflate(&stream, Z_FINISH)
      }
    }
    try #require(status == Z_STREAM_END)
    return Array(output.prefix(Int(stream.total_out)))
  }

  /// One zstd frame of `bytes`.
  static func zstd(_ bytes: [UInt8]) throws -> [UInt8] {
    var output = [UInt8](repeating: 0, count: ZSTD_compressBound(bytes.count))
    let size = bytes.withUnsafeBytes { inBuffer in
      output.withUnsafeMutableBytes { outBuffer in
        ZSTD_compress(
          outBuffer.baseAddress, outBuffer.count, inBuffer.baseAddress, inBuffer.count, 19)
      }
    }
    try #require(ZSTD_isError(size) == 0)
    return Array(output.prefix(size))
  }

  @Test(arguments: ["gz", "zst"])
  func aSmallFileThatInflatesPastTheLimitIsRefused(_ ext: String) throws {
    let text = Self.zeros(rows: 4 << 20)  // 16 MiB of text
    let packed = try ext == "gz" ? Self.gzip(text) : Self.zstd(text)
    #expect(packed.count < 64 << 10)
    let path = try fixture(bytes: packed, name: "bomb.csv.\(ext)")
    var options = CSVOptions()
    options.decompressedLimit = 1 << 20
    let error = dataError { _ = try DataReader.read(path: path, options: options) }
    guard case .badFile(let file, let reason) = error else {
      Issue.record("expected badFile, got \(String(describing: error))")
      return
    }
    #expect(file == path)
    #expect(reason.contains("more than 1 MiB"))
    #expect(reason.contains("--max-decompressed"))
  }

  @Test(arguments: ["gz", "zst"])
  func aFileAtTheLimitIsReadAndOneByteMoreIsNot(_ ext: String) throws {
    let text = Self.zeros(rows: 1000)
    let packed = try ext == "gz" ? Self.gzip(text) : Self.zstd(text)
    let path = try fixture(bytes: packed, name: "exact.csv.\(ext)")
    var options = CSVOptions()
    options.decompressedLimit = text.count
    let table = try DataReader.read(path: path, options: options)
    #expect(table.rowCount == 1000)
    options.decompressedLimit = text.count - 1
    guard case .badFile = dataError({ _ = try DataReader.read(path: path, options: options) })
    else {
      Issue.record("expected badFile one byte under the size")
      return
    }
  }

  @Test func everyGzipMemberIsRead() throws {
    let first = Array("a,b\n1,2\n3,4\n".utf8)
    let second = Array("5,6\n".utf8)
    let third = Self.zeros(rows: 3).dropFirst(4)  // rows without a header
    var packed = try Self.gzip(first) + Self.gzip(second) + Self.gzip(Array(third))
    let path = try fixture(bytes: packed, name: "members.csv.gz")
    let table = try DataReader.read(path: path)
    #expect(table.rowCount == 6)
    #expect(try table.column(named: "a").doubles() == [1, 3, 5, 0, 0, 0])
    // Zero padding after the last member is ignored; other trailing bytes are refused.
    packed += [UInt8](repeating: 0, count: 512)
    let padded = try fixture(bytes: packed, name: "padded.csv.gz")
    #expect(try DataReader.read(path: padded).rowCount == 6)
    let garbage = try fixture(bytes: packed + [1, 2, 3], name: "garbage.csv.gz")
    guard case .badFile = dataError({ _ = try DataReader.read(path: garbage) }) else {
      Issue.record("expected badFile for bytes after the padding")
      return
    }
  }

  @Test func everyZstdFrameIsRead() throws {
    let packed = try Self.zstd(Array("a,b\n1,2\n".utf8)) + Self.zstd(Array("3,4\n5,6\n".utf8))
    let path = try fixture(bytes: packed, name: "frames.csv.zst")
    let table = try DataReader.read(path: path)
    #expect(try table.column(named: "b").doubles() == [2, 4, 6])
  }

  @Test func aLargeFileReadsAcrossManyInputPieces() throws {
    // Several MiB of varied text: the decoder crosses 1 MiB input pieces and grows its output.
    var text = Array("id,x\n".utf8)
    for i in 0..<300_000 { text += Array("\(i),\(i % 97)\n".utf8) }
    for (ext, packed) in try [("gz", Self.gzip(text)), ("zst", Self.zstd(text))] {
      let path = try fixture(bytes: packed, name: "large.csv.\(ext)")
      let table = try DataReader.read(path: path)
      #expect(table.rowCount == 300_000)
      let sum = try table.column(named: "x").doubles()?.reduce(0, +)
      #expect(sum == Double((0..<300_000).map { $0 % 97 }.reduce(0, +)))
    }
  }

  @Test func byteSizesReadAsWritten() {
    #expect(ByteSize.parse("4G") == 4 << 30)
    #expect(ByteSize.parse("512MiB") == 512 << 20)
    #expect(ByteSize.parse("800 kb") == 800 << 10)
    #expect(ByteSize.parse("1000") == 1000)
    #expect(ByteSize.parse("1000b") == 1000)
    #expect(ByteSize.parse("4X") == nil)
    #expect(ByteSize.parse("G") == nil)
    #expect(ByteSize.parse("-1") == nil)
    #expect(DecompressedOutput.describe(bytes: 4 << 30) == "4 GiB")
    #expect(DecompressedOutput.describe(bytes: 1000) == "1000 bytes")
  }
}

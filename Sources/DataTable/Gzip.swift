import Foundation
import ZIPFoundation

/// Decompression of gzip files (RFC 1952), through ZIPFoundation's raw-deflate decoder.
enum Gzip {
  /// The bytes of the gzip file at `path`, decompressed.
  ///
  /// One member is read (as `gzip` writes); the trailer's length and CRC-32 are checked, so a
  /// truncated, corrupt or multi-member file is refused rather than read in part.
  /// - Throws: `DataError.cannotRead` or `DataError.badFile` with the reason.
  static func decompress(path: String) throws -> [UInt8] {
    let input = try FileIO.withContents(path: path) { Data(buffer: $0) }
    let bad = { (reason: String) in DataError.badFile(file: path, reason: reason) }
    guard input.count >= 18, input[0] == 0x1F, input[1] == 0x8B else {
      throw bad("not a gzip file (no gzip header)")
    }
    guard input[2] == 8 else { throw bad("unknown gzip compression method \(input[2])") }
    let flags = input[3]
    var start = 10
    if flags & 4 != 0 {
      guard start + 2 <= input.count else { throw bad("truncated gzip header") }
      start += 2 + Int(input[start]) + Int(input[start + 1]) << 8
    }
    for flag: UInt8 in [8, 16] where flags & flag != 0 {
      while start < input.count, input[start] != 0 { start += 1 }
      start += 1
    }
    if flags & 2 != 0 { start += 2 }
    guard start + 8 <= input.count else { throw bad("truncated gzip header") }
    let body = input.subdata(in: start..<(input.count - 8))
    let chunk = 1 << 20
    var output = Data()
    let crc: UInt32
    do {
      crc = try Data.decompress(
        size: Int64(body.count), bufferSize: chunk, skipCRC32: false,
        provider: { position, size in
          guard position <= body.count else { throw CocoaError(.fileReadCorruptFile) }
          let end = min(body.count, Int(position) + size)
          // The decoder takes every chunk as `size` bytes long: pad the last one with zeros.
          var piece = body.subdata(in: Int(position)..<end)
          if piece.count < size { piece.append(Data(count: size - piece.count)) }
          return piece
        },
        consumer: { output.append($0) })
    } catch {
      throw bad("the gzip data is corrupt or truncated")
    }
    let tail = input.suffix(8).map { UInt32($0) }
    let storedCRC = tail[0] | tail[1] << 8 | tail[2] << 16 | tail[3] << 24
    let storedSize = tail[4] | tail[5] << 8 | tail[6] << 16 | tail[7] << 24
    guard storedCRC == crc, storedSize == UInt32(truncatingIfNeeded: output.count) else {
      throw bad(
        "the gzip data does not match its checksum (corrupt, truncated, or several gzip members "
          + "concatenated: decompress it and read the plain file)")
    }
    return [UInt8](output)
  }
}

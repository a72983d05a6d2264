import CZstd
import Foundation

/// Decompression of Zstandard files (RFC 8878) through libzstd's streaming decoder.
enum Zstd {
  /// The bytes of the `.zst` file at `path`, decompressed.
  ///
  /// Every frame is read (`zstd` may concatenate several); the input is streamed in 1 MiB
  /// pieces and the output grows as it comes. A file that ends inside a frame, or whose data
  /// is corrupt, is refused rather than read in part.
  /// - Throws: `DataError.cannotRead` or `DataError.badFile` with the reason.
  static func decompress(path: String) throws -> [UInt8] {
    let bad = { (reason: String) in DataError.badFile(file: path, reason: reason) }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw DataError.cannotRead(file: path, reason: "cannot open the file")
    }
    defer { try? handle.close() }
    guard let stream = ZSTD_createDStream() else { throw bad("the zstd decoder could not start") }
    defer { ZSTD_freeDStream(stream) }
    ZSTD_initDStream(stream)
    let chunk = 1 << 20
    var output: [UInt8] = []
    var piece = [UInt8](repeating: 0, count: ZSTD_DStreamOutSize())
    var pending = 0  // the decoder's hint: 0 when the last frame ended
    var sawInput = false
    while true {
      let data: Data
      do {
        data = try handle.read(upToCount: chunk) ?? Data()
      } catch {
        throw DataError.cannotRead(file: path, reason: error.localizedDescription)
      }
      if data.isEmpty { break }
      if !sawInput {
        guard data.count >= 4, data.prefix(4) == Data([0x28, 0xB5, 0x2F, 0xFD]) else {
          throw bad("not a zstd file (no zstd frame header)")
        }
        sawInput = true
      }
      try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
        var input = ZSTD_inBuffer(src: raw.baseAddress, size: raw.count, pos: 0)
        while input.pos < input.size {
          let produced = try piece.withUnsafeMutableBytes { out -> Int in
            var buffer = ZSTD_outBuffer(dst: out.baseAddress, size: out.count, pos: 0)
            let hint = ZSTD_decompressStream(stream, &buffer, &input)
            if ZSTD_isError(hint) != 0 {
              let name = String(cString: ZSTD_getErrorName(hint))
              throw bad("the zstd data is corrupt (\(name))")
            }
            pending = hint
            return buffer.pos
          }
          output.append(contentsOf: piece[0..<produced])
        }
      }
    }
    guard sawInput else { throw bad("the file is empty, not zstd data") }
    // Flush what the decoder still holds once the input is consumed (0: the last frame ended).
    while pending != 0 {
      var empty = ZSTD_inBuffer(src: nil, size: 0, pos: 0)
      let produced = try piece.withUnsafeMutableBytes { out -> Int in
        var buffer = ZSTD_outBuffer(dst: out.baseAddress, size: out.count, pos: 0)
        let hint = ZSTD_decompressStream(stream, &buffer, &empty)
        if ZSTD_isError(hint) != 0 {
          throw bad("the zstd data is corrupt (\(String(cString: ZSTD_getErrorName(hint))))")
        }
        pending = hint
        return buffer.pos
      }
      if produced == 0 { break }
      output.append(contentsOf: piece[0..<produced])
    }
    guard pending == 0 else {
      throw bad("the zstd data ends inside a frame (the file is truncated)")
    }
    return output
  }
}

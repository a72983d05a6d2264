import CZstd

/// Streaming decompression of Zstandard files (RFC 8878) with libzstd.
enum Zstd {
  /// The bytes of the `.zst` file at `path`, decompressed.
  ///
  /// The file is read in 1 MiB pieces and decoded as it comes into a buffer that stops at
  /// `limit` bytes. Every frame is read (`zstd` may concatenate several). A file that ends inside
  /// a frame, or whose data is corrupt, is refused rather than read in part.
  /// - Parameters:
  ///   - path: the file.
  ///   - limit: the most decompressed bytes accepted.
  ///   - tap: sees the compressed bytes as they are read, if given.
  /// - Returns: the decompressed bytes.
  /// - Throws: `DataError.cannotRead`, or `DataError.badFile` with the reason (not zstd,
  ///   corrupt, truncated, larger than `limit`).
  static func decompress(path: String, limit: Int, tap: ByteTap? = nil) throws -> [UInt8] {
    var output = DecompressedOutput(
      file: path, limit: limit, sizeHint: FileIO.size(path: path).map { $0 * 6 } ?? 0)
    try decode(path: path, into: &output, tap: tap)
    return output.finish()
  }

  /// Decompresses the `.zst` file at `path` into `output` (collected whole or handed on in
  /// blocks), as `decompress(path:limit:tap:)` describes.
  /// - Parameters:
  ///   - path: the file.
  ///   - output: receives the decompressed bytes.
  ///   - tap: sees the compressed bytes as they are read, if given.
  /// - Throws: as `decompress(path:limit:tap:)`, and what the output's delivery throws.
  static func decode(path: String, into output: inout DecompressedOutput, tap: ByteTap?) throws {
    let bad = { (reason: String) in DataError.badFile(file: path, reason: reason) }
    guard let stream = ZSTD_createDStream() else { throw bad("the zstd decoder could not start") }
    defer { ZSTD_freeDStream(stream) }
    ZSTD_initDStream(stream)
    var pending = 0  // the decoder's hint: 0 when the last frame ended
    var sawInput = false
    func decode(_ input: inout ZSTD_inBuffer) throws {
      try output.write { out, space in
        var buffer = ZSTD_outBuffer(dst: out, size: space, pos: 0)
        let hint = ZSTD_decompressStream(stream, &buffer, &input)
        if ZSTD_isError(hint) != 0 {
          throw bad("the zstd data is corrupt (\(String(cString: ZSTD_getErrorName(hint))))")
        }
        pending = hint
        return buffer.pos
      }
    }
    try FileIO.forEachPiece(path: path) { piece, at in
      tap?.feed(UnsafeRawBufferPointer(piece), at: at)
      if !sawInput {
        guard piece.count >= 4, Array(piece.prefix(4)) == [0x28, 0xB5, 0x2F, 0xFD] else {
          throw bad("not a zstd file (no zstd frame header)")
        }
        sawInput = true
      }
      var input = ZSTD_inBuffer(src: piece.baseAddress, size: piece.count, pos: 0)
      while input.pos < input.size { try decode(&input) }
    }
    guard sawInput else { throw bad("the file is empty, not zstd data") }
    // Flush what the decoder still holds once the input is consumed (0: the last frame ended).
    while pending != 0 {
      let before = output.count
      var empty = ZSTD_inBuffer(src: nil, size: 0, pos: 0)
      try decode(&empty)
      if output.count == before { break }
    }
    guard pending == 0 else {
      throw bad("the zstd data ends inside a frame (the file is truncated)")
    }
  }
}

#if canImport(CZlib)
  import CZlib
#elseif canImport(zlib)
  import zlib
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Streaming decompression of gzip files (RFC 1952) with zlib.
enum Gzip {
  /// The bytes of the gzip file at `path`, decompressed.
  ///
  /// The file is read in 1 MiB pieces and inflated as it comes into a buffer that stops at
  /// `limit` bytes. Every member is read (`cat a.gz b.gz`, `pigz` and `bgzip` write several);
  /// zlib checks each member's CRC-32 and length, so a truncated or corrupt file is refused
  /// rather than read in part. Zero bytes after the last member (tape padding) are ignored.
  /// - Parameters:
  ///   - path: the file.
  ///   - limit: the most decompressed bytes accepted.
  ///   - tap: sees the compressed bytes as they are read, if given.
  /// - Returns: the decompressed bytes.
  /// - Throws: `DataError.cannotRead`, or `DataError.badFile` with the reason (not gzip,
  ///   corrupt, truncated, larger than `limit`).
  static func decompress(path: String, limit: Int, tap: ByteTap? = nil) throws -> [UInt8] {
    var output = DecompressedOutput(file: path, limit: limit, sizeHint: sizeHint(path: path))
    try decompress(path: path, into: &output, tap: tap)
    return output.finish()
  }

  /// Decompresses the gzip file at `path` into `output` (collected whole or handed on in
  /// blocks), as `decompress(path:limit:tap:)` describes.
  /// - Parameters:
  ///   - path: the file.
  ///   - output: receives the decompressed bytes.
  ///   - tap: sees the compressed bytes as they are read, if given.
  /// - Throws: as `decompress(path:limit:tap:)`, and what the output's delivery throws.
  static func decompress(path: String, into output: inout DecompressedOutput, tap: ByteTap?) throws
  {
    let bad = { (reason: String) in DataError.badFile(file: path, reason: reason) }
    var stream = z_stream()
    guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else { throw bad("the gzip decoder could not start") }
    defer { inflateEnd(&stream) }
    var inMember = false
    var members = 0
    var padding = false
    try FileIO.forEachPiece(path: path) { piece, at in
      tap?.feed(UnsafeRawBufferPointer(piece), at: at)
      guard let base = piece.baseAddress else { return }
      var offset = 0
      while offset < piece.count {
        if !inMember {
          // Between members: zero padding to the end, or the next member's header.
          if base[offset] == 0 || padding {
            guard base[offset] == 0 else {
              throw bad("data after the zero padding of the gzip file")
            }
            padding = true
            offset += 1
            continue
          }
          if members > 0 { inflateReset(&stream) }
          inMember = true
        }
        stream.next_in = UnsafeMutablePointer(mutating: base + offset)
        stream.avail_in = UInt32(piece.count - offset)
        var status = Z_OK
        try output.write { out, space in
          stream.next_out = out
          stream.avail_out = UInt32(min(space, Int(UInt32.max)))
          status = inflate(&stream, Z_NO_FLUSH)
          return Int(stream.next_out - out)
        }
        offset = piece.count - Int(stream.avail_in)
        switch status {
        case Z_STREAM_END:
          inMember = false
          members += 1
        case Z_OK, Z_BUF_ERROR: break
        default:
          let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
          throw bad(
            members == 0 && output.count == 0 && message.contains("header")
              ? "not a gzip file (\(message))" : "the gzip data is corrupt (\(message))")
        }
      }
    }
    // The decoder may still hold output once all input is in (its window is flushed lazily).
    while inMember {
      var status = Z_OK
      let before = output.count
      try output.write { out, space in
        stream.next_in = nil
        stream.avail_in = 0
        stream.next_out = out
        stream.avail_out = UInt32(min(space, Int(UInt32.max)))
        status = inflate(&stream, Z_NO_FLUSH)
        return Int(stream.next_out - out)
      }
      if status == Z_STREAM_END {
        inMember = false
        members += 1
      } else if output.count == before {
        break
      }
    }
    guard members > 0 || inMember else {
      throw bad(
        padding ? "the gzip file holds only zero bytes" : "the file is empty, not gzip data")
    }
    guard !inMember else { throw bad("the gzip data ends inside a member (the file is truncated)") }
  }

  /// The size to reserve: the last member's stored length (ISIZE, the size modulo 4 GiB, exact
  /// for the usual one-member file) when it is at least the compressed size, else four times
  /// the compressed size; room for the decoder's last write is added so that the buffer need
  /// not grow (and be copied) at the end.
  private static func sizeHint(path: String) -> Int {
    guard let size = FileIO.size(path: path), size >= 18 else { return 0 }
    var trailer = [UInt8](repeating: 0, count: 4)
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return size * 4 }
    defer { close(fd) }
    let got = trailer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 4, off_t(size - 4)) }
    let stored = got == 4 ? trailer.reversed().reduce(0) { $0 << 8 | Int($1) } : 0
    return (stored >= size ? stored : size * 4) + 1 << 16 + 1
  }
}

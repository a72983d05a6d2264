/// The growing output of a streaming decompressor, refused once it passes a size limit.
///
/// Decoders write straight into the free space at its end (no intermediate copies); the buffer
/// never grows past `limit + 1` bytes, so a decompression bomb costs at most the limit in memory
/// before it is refused.
struct DecompressedOutput {
  /// The file being decompressed, for the error message.
  let file: String
  /// The most bytes accepted.
  let limit: Int
  /// The buffer; bytes `0..<count` are the output so far.
  private var bytes: [UInt8] = []
  /// The number of output bytes.
  private(set) var count = 0

  /// An empty output for `file`, accepting at most `limit` bytes.
  /// - Parameters:
  ///   - file: the compressed file's name.
  ///   - limit: the most bytes accepted (`CSVOptions.decompressedLimit`).
  ///   - sizeHint: the expected size (e.g. a few times the compressed size), reserved up front.
  init(file: String, limit: Int, sizeHint: Int) {
    self.file = file
    self.limit = max(limit, 0)
    bytes = [UInt8](repeating: 0, count: min(max(sizeHint, 1 << 16), Self.ceiling(self.limit)))
  }

  /// The capacity never exceeds the limit plus one byte (the byte that proves the limit passed).
  private static func ceiling(_ limit: Int) -> Int { limit == .max ? limit : limit + 1 }

  /// Lets `body` write into the free space at the end (at least 64 KiB unless the limit is near)
  /// and counts the bytes it says it wrote.
  /// - Parameter body: receives the free space's start and size; returns the bytes written.
  /// - Throws: `DataError.badFile` naming the file and the limit once the output passes it, or
  ///   what `body` throws.
  mutating func write(_ body: (UnsafeMutablePointer<UInt8>, Int) throws -> Int) throws {
    if bytes.count - count < 1 << 16, bytes.count < Self.ceiling(limit) {
      let grown = min(Self.ceiling(limit), max(bytes.count * 2, count + 1 << 20))
      bytes.append(contentsOf: repeatElement(0, count: grown - bytes.count))
    }
    let start = count
    let written = try bytes.withUnsafeMutableBufferPointer { buffer -> Int in
      guard let base = buffer.baseAddress else { return 0 }
      return try body(base + start, buffer.count - start)
    }
    count += written
    if count > limit { throw tooLarge }
  }

  /// The refusal of output larger than the limit.
  var tooLarge: DataError {
    .badFile(
      file: file,
      reason: "decompresses to more than \(Self.describe(bytes: limit)), the limit for "
        + "compressed input (a decompression bomb, or a larger file than expected: raise the "
        + "limit with --max-decompressed or data.max_decompressed, or decompress the file first)")
  }

  /// The output, trimmed to its length.
  mutating func finish() -> [UInt8] {
    bytes.removeLast(bytes.count - count)
    return bytes
  }

  /// A byte count as people write it: `4 GiB`, `512 MiB`, `1000 bytes`.
  static func describe(bytes: Int) -> String {
    for (unit, shift) in [("GiB", 30), ("MiB", 20), ("KiB", 10)]
    where bytes >= 1 << shift && bytes % (1 << shift) == 0 {
      return "\(bytes >> shift) \(unit)"
    }
    return "\(bytes) bytes"
  }
}

/// The growing output of a streaming decompressor, refused once it passes a size limit.
///
/// Decoders write straight into the free space at its end (no intermediate copies). Collected
/// whole, the buffer never grows past `limit + 1` bytes, so a decompression bomb costs at most the
/// limit in memory before it is refused. Delivered in blocks (`init(file:limit:blockSize:deliver:)`)
/// the output is handed on whenever the buffer fills, and only the part the receiver did not
/// consume (a partial row) is kept: memory stays at about one block, and the limit still bounds
/// the total.
struct DecompressedOutput {
  /// Receives the bytes held (and whether they end the output); returns how many it consumed.
  typealias Delivery = (UnsafeBufferPointer<UInt8>, Bool) throws -> Int

  /// The file being decompressed, for the error message.
  let file: String
  /// The most bytes accepted.
  let limit: Int
  /// The buffer; bytes `0..<held` are output not yet delivered.
  private var bytes: [UInt8] = []
  private var held = 0
  private let deliver: Delivery?
  /// The number of output bytes so far.
  private(set) var count = 0

  /// An empty output for `file`, collected whole, accepting at most `limit` bytes.
  /// - Parameters:
  ///   - file: the compressed file's name.
  ///   - limit: the most bytes accepted (`CSVOptions.decompressedLimit`).
  ///   - sizeHint: the expected size (e.g. a few times the compressed size), reserved up front.
  init(file: String, limit: Int, sizeHint: Int) {
    self.file = file
    self.limit = max(limit, 0)
    deliver = nil
    bytes = [UInt8](repeating: 0, count: min(max(sizeHint, 1 << 16), Self.ceiling(self.limit)))
  }

  /// An empty output for `file` handed on in blocks of about `blockSize` bytes.
  /// - Parameters:
  ///   - file: the compressed file's name.
  ///   - limit: the most bytes accepted in all.
  ///   - blockSize: the bytes held before they are delivered.
  ///   - deliver: receives the held bytes; the bytes it does not consume are delivered again
  ///     at the start of the next block (the buffer grows when it consumes none).
  init(file: String, limit: Int, blockSize: Int, deliver: @escaping Delivery) {
    self.file = file
    self.limit = max(limit, 0)
    self.deliver = deliver
    bytes = [UInt8](repeating: 0, count: max(blockSize, 1 << 16) + 1 << 16)
  }

  /// The capacity never exceeds the limit plus one byte (the byte that proves the limit passed).
  private static func ceiling(_ limit: Int) -> Int { limit == .max ? limit : limit + 1 }

  /// Lets `body` write into the free space at the end (at least 64 KiB unless the limit is near)
  /// and counts the bytes it says it wrote.
  /// - Parameter body: receives the free space's start and size; returns the bytes written.
  /// - Throws: `DataError.badFile` naming the file and the limit once the output passes it, or
  ///   what `body` or the delivery throws.
  mutating func write(_ body: (UnsafeMutablePointer<UInt8>, Int) throws -> Int) throws {
    if bytes.count - held < 1 << 16, deliver != nil { try flush(isLast: false) }
    if bytes.count - held < 1 << 16, deliver != nil || bytes.count < Self.ceiling(limit) {
      let wanted = max(bytes.count * 2, held + 1 << 20)
      let grown = deliver == nil ? min(Self.ceiling(limit), wanted) : wanted
      bytes.append(contentsOf: repeatElement(0, count: grown - bytes.count))
    }
    let start = held
    let written = try bytes.withUnsafeMutableBufferPointer { buffer -> Int in
      guard let base = buffer.baseAddress else { return 0 }
      return try body(base + start, buffer.count - start)
    }
    held += written
    count += written
    if count > limit { throw tooLarge }
  }

  /// Delivers the held bytes and keeps those not consumed, at the start of the buffer.
  private mutating func flush(isLast: Bool) throws {
    guard let deliver else { return }
    let consumed = try bytes.withUnsafeBufferPointer { buffer in
      try deliver(UnsafeBufferPointer(rebasing: buffer[0..<held]), isLast)
    }
    guard consumed > 0 else { return }
    bytes.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      base.update(from: base + consumed, count: held - consumed)
    }
    held -= consumed
  }

  /// The refusal of output larger than the limit.
  var tooLarge: DataError {
    .badFile(
      file: file,
      reason: "decompresses to more than \(Self.describe(bytes: limit)), the limit for "
        + "compressed input (a decompression bomb, or a larger file than expected: raise the "
        + "limit with --max-decompressed or data.max_decompressed, or decompress the file first)")
  }

  /// The output collected whole, trimmed to its length.
  mutating func finish() -> [UInt8] {
    bytes.removeLast(bytes.count - held)
    return bytes
  }

  /// Delivers the last bytes of an output handed on in blocks.
  /// - Throws: what the delivery throws.
  mutating func finishDelivery() throws {
    try flush(isLast: true)
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

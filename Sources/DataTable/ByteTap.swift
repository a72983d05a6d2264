#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Sees every byte of a data file once, in order, as the reader reads it: a provenance hash is
/// then computed on the reading pass instead of a second read of the file.
///
/// Readers feed it the file's bytes (the compressed bytes of a `.gz` or `.zst` file) with their
/// offsets; bytes it has seen are skipped when a reader reads them again (a fallback to the
/// whole-text reader), and `complete(path:)` feeds what no reader read (formats read by a
/// library, or a read that stopped early).
public final class ByteTap: @unchecked Sendable {
  // Fed from the reading thread only (one read at a time).
  private let body: (UnsafeRawBufferPointer) -> Void
  /// The number of leading bytes of the file seen so far.
  public private(set) var count = 0

  /// A tap that passes each new run of bytes to `body`, in file order.
  /// - Parameter body: receives the bytes (valid only during the call).
  public init(_ body: @escaping (UnsafeRawBufferPointer) -> Void) {
    self.body = body
  }

  /// Feeds `bytes`, which start at `offset` in the file; only the part after the bytes seen so
  /// far is passed on (a gap, which a reader never leaves, is left to `complete(path:)`).
  func feed(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
    guard offset <= count, offset + bytes.count > count else { return }
    body(UnsafeRawBufferPointer(rebasing: bytes[(count - offset)...]))
    count = offset + bytes.count
  }

  /// Feeds the rest of the file at `path`, from the first byte not seen yet to the end.
  /// - Throws: `DataError.cannotRead`.
  public func complete(path: String) throws {
    try FileIO.forEachPiece(path: path, from: count) { piece, offset in
      feed(UnsafeRawBufferPointer(piece), at: offset)
    }
  }
}

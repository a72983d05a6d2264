#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whole-file reads (memory-mapped) and atomic writes with POSIX calls.
enum FileIO {
  /// Calls `body` with the bytes of the file at `path`.
  ///
  /// A regular file is memory-mapped (read-only, pre-faulted), which avoids copying and zeroing
  /// the whole file; like data.table's fread this assumes nobody truncates the file while it is
  /// being parsed. Anything else (pipes, special files, or a failed map) is read into memory.
  /// - Throws: `DataError.cannotRead` with the system's reason, or what `body` throws.
  static func withContents<R>(
    path: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R
  ) throws -> R {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw DataError.cannotRead(file: path, reason: systemError()) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      throw DataError.cannotRead(file: path, reason: systemError())
    }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      throw DataError.cannotRead(file: path, reason: "is a directory")
    }
    let size = Int(info.st_size)
    if (info.st_mode & S_IFMT) == S_IFREG, size > 0, let mapped = map(fd, size: size) {
      defer { munmap(mapped, size) }
      return try body(
        UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: size))
    }
    let bytes = try readAll(fd, path: path, sizeHint: size)
    return try bytes.withUnsafeBufferPointer(body)
  }

  /// Calls `body` with the file at `path` in consecutive pieces of up to `pieceSize` bytes (one
  /// reused buffer) and the offset of each, for decoders that stream.
  /// - Parameters:
  ///   - path: the file.
  ///   - start: the offset of the first byte read.
  ///   - pieceSize: the most bytes per piece.
  ///   - body: receives each piece and its offset in the file.
  /// - Throws: `DataError.cannotRead` with the system's reason, or what `body` throws.
  static func forEachPiece(
    path: String, from start: Int = 0, pieceSize: Int = 1 << 20,
    _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void
  ) throws {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw DataError.cannotRead(file: path, reason: systemError()) }
    defer { close(fd) }
    if start > 0, lseek(fd, off_t(start), SEEK_SET) < 0 {
      throw DataError.cannotRead(file: path, reason: systemError())
    }
    var offset = start
    let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(pieceSize, 1))
    defer { buffer.deallocate() }
    guard let base = buffer.baseAddress else { return }
    while true {
      let got = read(fd, base, buffer.count)
      if got < 0 {
        if errno == EINTR { continue }
        throw DataError.cannotRead(file: path, reason: systemError())
      }
      if got == 0 { return }
      try body(UnsafeBufferPointer(start: base, count: got), offset)
      offset += got
    }
  }

  /// The size in bytes of the regular file at `path`, or `nil`.
  static func size(path: String) -> Int? {
    var info = stat()
    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    return Int(info.st_size)
  }

  /// A read-only private mapping of the first `size` bytes of `fd`, or `nil`.
  private static func map(_ fd: Int32, size: Int) -> UnsafeMutableRawPointer? {
    #if os(Linux)
      let flags = MAP_PRIVATE | MAP_POPULATE
    #else
      let flags = MAP_PRIVATE
    #endif
    guard let pointer = mmap(nil, size, PROT_READ, flags, fd, 0),
      pointer != UnsafeMutableRawPointer(bitPattern: -1)
    else { return nil }
    return pointer
  }

  /// Reads `fd` to its end.
  private static func readAll(_ fd: Int32, path: String, sizeHint: Int) throws(DataError) -> [UInt8]
  {
    var bytes = [UInt8](repeating: 0, count: max(sizeHint, 0))
    var filled = 0
    while true {
      if filled == bytes.count {
        // The file may have grown since fstat (or be a pipe): read on in larger steps.
        bytes.append(contentsOf: repeatElement(0, count: max(65536, bytes.count / 2)))
      }
      let got = bytes.withUnsafeMutableBytes { buffer -> Int in
        guard let start = buffer.baseAddress else { return 0 }
        return read(fd, start + filled, buffer.count - filled)
      }
      if got < 0 {
        if errno == EINTR { continue }
        throw .cannotRead(file: path, reason: systemError())
      }
      if got == 0 { break }
      filled += got
    }
    bytes.removeLast(bytes.count - filled)
    return bytes
  }

  /// Writes `bytes` to a temporary file in the folder of `path`, then renames it over `path`,
  /// so readers never see a half-written file.
  /// - Throws: `DataError.cannotWrite` with the system's reason.
  static func writeAtomically(_ bytes: [UInt8], to path: String) throws(DataError) {
    var template = Array((path + ".tmp-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
      guard let start = buffer.baseAddress else { return -1 }
      return mkstemp(start)
    }
    guard fd >= 0 else { throw .cannotWrite(file: path, reason: systemError()) }
    let temporary = String(
      decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var written = 0
    var failure: String?
    while written < bytes.count {
      let n = bytes.withUnsafeBytes { buffer -> Int in
        guard let start = buffer.baseAddress else { return 0 }
        return write(fd, start + written, buffer.count - written)
      }
      if n < 0 {
        if errno == EINTR { continue }
        failure = systemError()
        break
      }
      written += n
    }
    if failure == nil, fchmod(fd, 0o644) != 0 { failure = systemError() }
    if close(fd) != 0, failure == nil { failure = systemError() }
    if failure == nil, rename(temporary, path) != 0 { failure = systemError() }
    if let failure {
      unlink(temporary)
      throw .cannotWrite(file: path, reason: failure)
    }
  }

  static func systemError() -> String {
    guard let message = strerror(errno) else { return "error \(errno)" }
    return String(cString: message)
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension CSVStream {
  /// Reads the regular file at `path` block by block through a read-only mapping: each block's
  /// pages are faulted in ahead of the parser and released once its rows are parsed, so the
  /// process holds about one block of the file, never the whole text.
  /// - Parameters:
  ///   - path: the file.
  ///   - options: the reading options (`streams(_:)` holds).
  ///   - tap: sees the file's bytes in order, if given.
  ///   - blockSize: bytes per block (tests lower it).
  /// - Returns: the table and its read report; `nil` when `path` is not a non-empty regular file
  ///   that can be mapped (the caller reads it whole).
  /// - Throws: `StreamFallback`, `DataError.cannotRead`.
  static func readFile(
    path: String, options: CSVOptions, tap: ByteTap?, blockSize: Int = CSVStream.blockSize
  ) throws -> LoadedTable? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw DataError.cannotRead(file: path, reason: FileIO.systemError()) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else {
      return nil
    }
    let size = Int(info.st_size)
    guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0),
      mapped != UnsafeMutableRawPointer(bitPattern: -1)
    else { return nil }
    defer { munmap(mapped, size) }
    let base = mapped.assumingMemoryBound(to: UInt8.self)
    let page = max(Int(sysconf(Int32(_SC_PAGESIZE))), 4096)
    _ = madvise(mapped, size, MADV_SEQUENTIAL)
    var stream = CSVStream(name: path, options: options)
    var position = 0
    var released = 0
    var window = max(blockSize, 1)
    while true {
      let end = min(size, position + window)
      let isLast = end == size
      _ = madvise(mapped + position / page * page, end - position / page * page, MADV_WILLNEED)
      let consumed = try stream.consume(
        UnsafeBufferPointer(start: base + position, count: end - position), isLast: isLast)
      tap?.feed(UnsafeRawBufferPointer(start: base + position, count: consumed), at: position)
      if isLast { break }
      if consumed == 0 {
        window *= 2
        continue
      }
      position += consumed
      window = max(blockSize, 1)
      // The parsed pages leave the process (a private, unwritten file mapping reads them again
      // from the file should they be touched).
      let upTo = position / page * page
      if upTo > released {
        _ = madvise(mapped + released, upTo - released, MADV_DONTNEED)
        released = upTo
      }
    }
    var report = ReadReport(format: "CSV")
    let table = try stream.finish(report: &report)
    return LoadedTable(table: table, report: report)
  }

  /// Reads a gzip or Zstandard file, decompressed in blocks that are parsed as they come: the
  /// decompressed text is never held whole.
  /// - Parameters:
  ///   - path: the file.
  ///   - zstd: a `.zst` file (else gzip).
  ///   - options: the reading options (`streams(_:)` holds).
  ///   - tap: sees the compressed bytes in order, if given.
  ///   - blockSize: bytes per block (tests lower it).
  /// - Returns: the table and its read report.
  /// - Throws: `StreamFallback`, or the decompressor's `DataError`.
  static func readCompressed(
    path: String, zstd: Bool, options: CSVOptions, tap: ByteTap?,
    blockSize: Int = CSVStream.blockSize
  ) throws -> LoadedTable {
    var stream = CSVStream(name: path, options: options)
    var output = DecompressedOutput(
      file: path, limit: options.decompressedLimit, blockSize: blockSize
    ) { block, isLast in try stream.consume(block, isLast: isLast) }
    if zstd {
      try Zstd.decode(path: path, into: &output, tap: tap)
    } else {
      try Gzip.decompress(path: path, into: &output, tap: tap)
    }
    try output.finishDelivery()
    var report = ReadReport(format: "CSV")
    let table = try stream.finish(report: &report)
    return LoadedTable(table: table, report: report)
  }
}

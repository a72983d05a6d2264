import CReadStat

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// ReadStat input from a memory-mapped file: ReadStat's own input issues one `read` system call
/// per row (or smaller piece), which costs more than the parsing on a large `.dta` or `.sav`;
/// from memory a read is a copy.
final class StatFileIO {
  /// The mapped file, or `nil` before `open` and after `close`.
  private var base: UnsafeMutableRawPointer?
  private var size = 0
  private var position = 0

  /// Hands ReadStat these handlers and this object as their context.
  /// - Parameter parser: the parser.
  func install(on parser: UnsafeMutablePointer<readstat_parser_t>) {
    readstat_set_open_handler(parser) { path, context in
      guard let path, let context else { return -1 }
      return Unmanaged<StatFileIO>.fromOpaque(context).takeUnretainedValue().openFile(path)
    }
    readstat_set_close_handler(parser) { context in
      guard let context else { return -1 }
      Unmanaged<StatFileIO>.fromOpaque(context).takeUnretainedValue().closeFile()
      return 0
    }
    readstat_set_seek_handler(parser) { offset, whence, context in
      guard let context else { return -1 }
      return Unmanaged<StatFileIO>.fromOpaque(context).takeUnretainedValue()
        .seek(Int(offset), whence: whence)
    }
    readstat_set_read_handler(parser) { buffer, count, context in
      guard let context, let buffer else { return -1 }
      return Unmanaged<StatFileIO>.fromOpaque(context).takeUnretainedValue()
        .read(into: buffer, count: count)
    }
    readstat_set_update_handler(parser) { _, progress, user, context in
      guard let progress, let context else { return READSTAT_OK }
      let io = Unmanaged<StatFileIO>.fromOpaque(context).takeUnretainedValue()
      let done = io.size == 0 ? 1 : Double(io.position) / Double(io.size)
      return progress(done, user) == READSTAT_HANDLER_OK ? READSTAT_OK : READSTAT_ERROR_USER_ABORT
    }
    readstat_set_io_ctx(parser, Unmanaged.passUnretained(self).toOpaque())
  }

  private func openFile(_ path: UnsafePointer<CChar>) -> Int32 {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return -1 }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return -1 }
    size = Int(info.st_size)
    position = 0
    guard size > 0 else {
      base = nil
      return 0
    }
    guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0),
      mapped != UnsafeMutableRawPointer(bitPattern: -1)
    else { return -1 }
    base = mapped
    return 0
  }

  private func closeFile() {
    if let base { munmap(base, size) }
    base = nil
    size = 0
    position = 0
  }

  private func seek(_ offset: Int, whence: readstat_io_flags_t) -> readstat_off_t {
    let target: Int
    switch whence {
    case READSTAT_SEEK_SET: target = offset
    case READSTAT_SEEK_CUR: target = position + offset
    default: target = size + offset
    }
    guard target >= 0, target <= size else { return -1 }
    position = target
    return readstat_off_t(target)
  }

  private func read(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
    let n = min(count, size - position)
    guard n > 0, let base else { return 0 }
    buffer.copyMemory(from: base + position, byteCount: n)
    position += n
    return n
  }
}

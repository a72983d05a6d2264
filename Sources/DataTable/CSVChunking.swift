import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Splitting the data rows into byte ranges that start at row starts, for parallel parsing.
enum CSVChunking {
  /// Splits `range` into about `pieces` ranges, each cut just after a newline that lies outside
  /// double quotes.
  ///
  /// Quote parity is counted from the start of `range` (per piece, in parallel, then summed), which
  /// is exact for RFC 4180 input; a stray quote inside an unquoted field is caught by the chunk
  /// parser (`ChunkOutcome.suspectBoundary`), and the caller then parses sequentially.
  static func split(_ input: CSVInput, _ range: Range<Int>, pieces: Int, threads: Int)
    -> [Range<Int>]
  {
    guard pieces > 1, range.count > 1 else { return [range] }
    let base = input.base
    let targets = (0...pieces).map { range.lowerBound + range.count / pieces * $0 }
    let hasQuotes = memchr(base + range.lowerBound, 34, range.count) != nil
    let quotes =
      hasQuotes
      ? Parallel.map(pieces, threads: threads) {
        quoteCount(
          base, from: targets[$0], to: $0 == pieces - 1 ? range.upperBound : targets[$0 + 1])
      } : []
    var cuts = [range.lowerBound]
    var quotesBefore = 0
    for k in 1..<pieces {
      let target = targets[k]
      quotesBefore += hasQuotes ? quotes[k - 1] : 0
      guard let previous = cuts.last, target > previous else { continue }
      var p = target
      if hasQuotes {
        var parity = quotesBefore & 1
        while p < range.upperBound {
          let c = base[p]
          if c == 34 {
            parity ^= 1
          } else if c == 10, parity == 0 {
            break
          }
          p += 1
        }
      } else if let hit = memchr(base + p, 10, range.upperBound - p) {
        p = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
      } else {
        p = range.upperBound
      }
      if p + 1 >= range.upperBound { break }
      cuts.append(p + 1)
    }
    cuts.append(range.upperBound)
    return zip(cuts, cuts.dropFirst()).map { $0..<$1 }
  }

  /// Number of `"` bytes in `[from, to)`, eight bytes at a time.
  private static func quoteCount(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
    let raw = UnsafeRawPointer(base)
    var count = 0
    var i = from
    let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    while i + 8 <= to {
      // Exact zero-byte count of word ^ '"'s: a byte is zero iff its high bit stays clear in
      // ((x & 0x7F..) + 0x7F..) | x.
      let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ 0x2222_2222_2222_2222
      let y = ~(((x & low7) &+ low7) | x | low7)
      count &+= y.nonzeroBitCount
      i += 8
    }
    while i < to {
      count &+= base[i] == 34 ? 1 : 0
      i += 1
    }
    return count
  }
}

/// Runs independent jobs on several threads.
enum Parallel {
  /// `(0..<count).map(body)`, evaluated on up to `threads` threads.
  static func map<T>(_ count: Int, threads: Int, _ body: (Int) -> T) -> [T] {
    if threads <= 1 || count <= 1 { return (0..<count).map(body) }
    let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    defer {
      _ = results.deinitialize()
      results.deallocate()
    }
    let box = UncheckedSendable(results)
    let workers = min(threads, count)
    withoutActuallyEscaping(body) { body in
      let job = UncheckedSendable(body)
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        var i = worker
        while i < count {
          box.value[i] = job.value(i)
          i += workers
        }
      }
    }
    return results.compactMap { $0 }
  }
}

/// Hands a value to other threads when the code guarantees they touch disjoint parts of it.
struct UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}

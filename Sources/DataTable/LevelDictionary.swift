#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a text level would be as a value, used to tell a text column from a numeric column
/// with a few bad entries.
enum LevelClass: UInt8 {
  case int, double, bool, other

  /// True for `.int` and `.double`.
  var isNumeric: Bool { self == .int || self == .double }
}

/// Dictionary encoding of byte strings: an open-addressing hash table keyed by the bytes
/// themselves, so that a `String` is made only once per distinct level, never per field.
struct LevelDictionary {
  /// Distinct values in order of first appearance.
  private(set) var levels: [String] = []
  /// Occurrences of each level.
  private(set) var counts = ValueBuffer<Int>()
  /// Class of each level (filled only when `classify` is on).
  private(set) var classes: [LevelClass] = []
  private var slots: [Int32]
  private var hashes: [UInt64] = []
  private var keyStarts: [Int] = []
  private var keyLengths: [Int] = []
  private var arena: [UInt8] = []
  private let classify: Bool
  private let settings: ParseSettings?

  /// Creates an empty dictionary.
  /// - Parameters:
  ///   - classify: record for every level whether it reads as a number or a boolean.
  ///   - settings: how numbers are read when classifying.
  init(classify: Bool, settings: ParseSettings? = nil) {
    slots = [Int32](repeating: -1, count: 64)
    self.classify = classify
    self.settings = settings
  }

  /// The result of a lookup.
  enum Lookup {
    case existing(Int32)
    case inserted(Int32)
    case invalidUTF8
  }

  /// The code of the `n` bytes at `p`, inserting a new level when unseen.
  @inline(__always)
  mutating func code(_ p: UnsafePointer<UInt8>, _ n: Int) -> Lookup {
    let h = Self.hash(p, n)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: h) & mask
    while true {
      let index = slots[slot]
      if index < 0 { break }
      let i = Int(index)
      if hashes[i] == h, keyLengths[i] == n, equalsKey(i, p, n) {
        counts[i] += 1
        return .existing(index)
      }
      slot = (slot + 1) & mask
    }
    guard let text = String(validating: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    else { return .invalidUTF8 }
    let code = Int32(levels.count)
    levels.append(text)
    counts.append(1)
    hashes.append(h)
    keyStarts.append(arena.count)
    keyLengths.append(n)
    arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
    if classify, let settings { classes.append(Self.classOf(p, n, settings: settings)) }
    slots[slot] = code
    if levels.count * 2 > slots.count { grow() }
    return .inserted(code)
  }

  @inline(__always)
  private func equalsKey(_ i: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    if n == 0 { return true }
    return arena.withUnsafeBufferPointer { buffer in
      guard let a = buffer.baseAddress else { return false }
      let key = a + keyStarts[i]
      if n > 16 { return memcmp(key, p, n) == 0 }
      for k in 0..<n where key[k] != p[k] { return false }
      return true
    }
  }

  private mutating func grow() {
    var bigger = [Int32](repeating: -1, count: slots.count * 2)
    let mask = bigger.count - 1
    for (i, h) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: h) & mask
      while bigger[slot] >= 0 { slot = (slot + 1) & mask }
      bigger[slot] = Int32(i)
    }
    slots = bigger
  }

  /// Whether a level reads as an integer, a double, a boolean or neither.
  static func classOf(_ p: UnsafePointer<UInt8>, _ n: Int, settings: ParseSettings) -> LevelClass {
    switch settings.number(p, n) {
    case .int: return .int
    case .double: return .double
    case .none: return FieldParsing.bool(p, n) == nil ? .other : .bool
    }
  }

  /// A fast 64-bit hash of short byte strings (word-at-a-time multiply-xorshift).
  @inline(__always)
  static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
    let raw = UnsafeRawPointer(p)
    var i = 0
    while i + 8 <= n {
      let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      h = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
      h ^= h >> 32
      i += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while i < n {
      tail |= UInt64(p[i]) << shift
      shift += 8
      i += 1
    }
    h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
    h ^= h >> 29
    h = h &* 0x9E37_79B9_7F4A_7C15
    return h ^ (h >> 32)
  }
}

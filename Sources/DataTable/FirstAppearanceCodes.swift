/// Dense integer codes for distinct values, numbered 0, 1, 2 in order of first appearance.
///
/// The one place that gives each new value the next free code: text columns number their
/// levels this way, panel indexes their units, and disclosure control its learners.
/// `code(for:)` is inlinable, so that callers in other modules get it specialised for their key
/// type, and remembers the last value: runs of one value (a learner's rows) skip the lookup.
public struct FirstAppearanceCodes<Key: Hashable> {
  /// The distinct values seen so far, in order of first appearance; a value's code is its index.
  public var keys: [Key] { seen }
  @usableFromInline var seen: [Key] = []
  @usableFromInline var lookup: [Key: Int] = [:]
  @usableFromInline var last: (key: Key, code: Int)?

  /// Creates an empty numbering.
  public init() {}

  /// Number of distinct values seen so far (the next free code).
  public var count: Int { seen.count }

  /// The code of `key`, giving it the next free code when it has not been seen before.
  /// - Parameter key: the value to number.
  /// - Returns: a code in `0..<count`.
  @inlinable
  public mutating func code(for key: Key) -> Int {
    if let last, last.key == key { return last.code }
    let code: Int
    if let known = lookup[key] {
      code = known
    } else {
      code = seen.count
      lookup[key] = code
      seen.append(key)
    }
    last = (key, code)
    return code
  }
}

/// Dense integer codes for distinct values, numbered 0, 1, 2 in order of first appearance.
///
/// The one place that gives each new value the next free code: text columns number their
/// levels this way, panel indexes their units, and disclosure control its learners.
public struct FirstAppearanceCodes<Key: Hashable> {
  /// The distinct values seen so far, in order of first appearance; a value's code is its index.
  public private(set) var keys: [Key] = []
  private var lookup: [Key: Int] = [:]

  /// Creates an empty numbering.
  public init() {}

  /// Number of distinct values seen so far (the next free code).
  public var count: Int { keys.count }

  /// The code of `key`, giving it the next free code when it has not been seen before.
  /// - Parameter key: the value to number.
  /// - Returns: a code in `0..<count`.
  public mutating func code(for key: Key) -> Int {
    if let code = lookup[key] { return code }
    let code = keys.count
    lookup[key] = code
    keys.append(key)
    return code
  }
}

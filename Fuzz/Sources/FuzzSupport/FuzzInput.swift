/// Reads a fuzzer's byte string as a sequence of small decisions (a count, a choice, a number)
/// followed by free text, so that one input describes a whole case (a table and a model).
public struct FuzzInput {
  private let bytes: [UInt8]
  private var position = 0

  /// Wraps the fuzzer's bytes.
  public init(_ start: UnsafeRawPointer, count: Int) {
    bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
  }

  /// True when every byte has been consumed.
  public var isExhausted: Bool { position >= bytes.count }

  /// The next byte, or 0 past the end.
  public mutating func byte() -> UInt8 {
    guard position < bytes.count else { return 0 }
    defer { position += 1 }
    return bytes[position]
  }

  /// A choice in `0..<count` (count >= 1).
  public mutating func choice(_ count: Int) -> Int { Int(byte()) % max(count, 1) }

  /// A number drawn from a small set that includes the awkward ones (0, negative, huge, tiny,
  /// non-integer, missing as NaN).
  public mutating func number() -> Double {
    let awkward: [Double] = [0, 1, -1, 0.5, 2, 1e300, -1e300, 1e-300, 3.25, 7, 100, .nan]
    let b = byte()
    if b < 48 { return awkward[Int(b) % awkward.count] }
    return Double(Int(b) - 150) / 8
  }

  /// The remaining bytes as text (invalid UTF-8 repaired).
  public mutating func rest() -> String {
    defer { position = bytes.count }
    guard position < bytes.count else { return "" }
    return String(decoding: bytes[position...], as: UTF8.self)
  }

  /// The remaining bytes.
  public mutating func restBytes() -> [UInt8] {
    defer { position = bytes.count }
    guard position < bytes.count else { return [] }
    return Array(bytes[position...])
  }
}

/// A small table as CSV text: `y`, `x`, `z` (numbers), `g` (text with few levels), `id` and
/// `t` (a panel of units observed over periods), `w` (positive weights), `b` (0/1).
public enum FuzzTable {
  /// Draws the table's size and values from `input`.
  public static func csv(from input: inout FuzzInput) -> String {
    let units = 1 + input.choice(8)
    let periods = 1 + input.choice(5)
    var lines = ["y,x,z,g,id,t,w,b"]
    for unit in 0..<units {
      for period in 0..<periods {
        let y = input.number()
        let x = input.number()
        let z = input.number()
        let g = ["a", "b", "c", ""][input.choice(4)]
        let w = abs(input.number()) + 0.5
        let b = input.choice(2)
        lines.append(
          [text(y), text(x), text(z), g, "\(unit + 1)", "\(2015 + period)", text(w), "\(b)"]
            .joined(separator: ","))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func text(_ value: Double) -> String { value.isNaN ? "NA" : "\(value)" }
}

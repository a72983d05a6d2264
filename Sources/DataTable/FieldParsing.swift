#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A field read as a number: an integer that fits `Int`, a double, or not a number at all.
enum NumberValue: Equatable {
  case int(Int)
  case double(Double)
  case none
}

/// Parsers for numbers and booleans straight from the bytes of one field (no `String`).
enum FieldParsing {
  /// Powers of ten that are exact doubles (10^0 through 10^22).
  static let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]

  /// Reads `[sign] digits [. digits] [e [sign] digits]` or `[sign] Inf|Infinity` from `n` bytes.
  ///
  /// Integers without a decimal point or exponent that fit `Int` come back as `.int`; every other
  /// number as a correctly rounded `.double`: exactly representable cases by Clinger's fast path
  /// (an integer mantissa of at most 2^53 times or divided by an exact power of ten <= 10^22),
  /// the rest by `strtod` on a stack copy. Anything else, including trailing text, is `.none`.
  /// - Parameters:
  ///   - p: first byte of the field (already trimmed).
  ///   - n: number of bytes.
  ///   - decimalComma: accept `,` as well as `.` as the decimal separator.
  /// - Returns: `.int`, `.double`, or `.none` when the bytes are not exactly one number.
  @inline(__always)
  static func number(_ p: UnsafePointer<UInt8>, _ n: Int, decimalComma: Bool) -> NumberValue {
    guard n > 0 else { return .none }
    let signed = p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+")
    if n > (signed ? 1 : 0), p[signed ? 1 : 0] | 0x20 == UInt8(ascii: "i") {
      guard isInfinity(p + (signed ? 1 : 0), n - (signed ? 1 : 0)) else { return .none }
      return .double(p[0] == UInt8(ascii: "-") ? -.infinity : .infinity)
    }
    let (value, length) = leadingNumber(p, n, decimalComma: decimalComma)
    return length == n ? value : .none
  }

  /// The longest start of the `n` bytes at `p` that has the form
  /// `[sign] digits [. digits] [e [sign] digits]`, read as `number` reads it, and its length;
  /// `(.none, 0)` when there is no digit, or when an exponent mark has no digits after it.
  ///
  /// (`Inf` is not read here; `number` handles it.) The CSV reader uses it to read a number and
  /// find where its field ends in one pass.
  @inline(__always)
  static func leadingNumber(_ p: UnsafePointer<UInt8>, _ n: Int, decimalComma: Bool)
    -> (value: NumberValue, length: Int)
  {
    var i = 0
    guard n > 0 else { return (.none, 0) }
    var negative = false
    if p[0] == UInt8(ascii: "-") {
      negative = true
      i = 1
    } else if p[0] == UInt8(ascii: "+") {
      i = 1
    }
    var read = DecimalDigits()
    read.scan(p, n, from: &i, fraction: false)
    var isInteger = true
    if i < n, p[i] == UInt8(ascii: ".") || (decimalComma && p[i] == UInt8(ascii: ",")) {
      isInteger = false
      i += 1
      read.scan(p, n, from: &i, fraction: true)
    }
    guard read.count > 0 else { return (.none, 0) }
    let (mantissa, dropped) = (read.mantissa, read.dropped)
    var exponent = read.exponent
    if i < n, p[i] | 0x20 == UInt8(ascii: "e") {
      isInteger = false
      i += 1
      var exponentNegative = false
      if i < n, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
        exponentNegative = p[i] == UInt8(ascii: "-")
        i += 1
      }
      var value = 0
      var exponentDigits = 0
      while i < n {
        let d = p[i] &- 48
        if d > 9 { break }
        if value < 1_000_000 { value = value * 10 + Int(d) }
        exponentDigits += 1
        i += 1
      }
      guard exponentDigits > 0 else { return (.none, 0) }
      exponent += exponentNegative ? -value : value
    }
    if isInteger, exponent == 0 {
      if !negative, mantissa <= UInt64(Int.max) { return (.int(Int(mantissa)), i) }
      if negative, mantissa <= UInt64(Int.max) + 1 {
        return (.int(mantissa == UInt64(Int.max) + 1 ? Int.min : -Int(mantissa)), i)
      }
    }
    if mantissa == 0 { return (.double(negative ? -0.0 : 0.0), i) }
    if !dropped, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
      let m = Double(mantissa)
      let value = exponent < 0 ? m / exactPowersOfTen[-exponent] : m * exactPowersOfTen[exponent]
      return (.double(negative ? -value : value), i)
    }
    return (.double(slowDouble(p, i)), i)
  }

  /// `strtod` on a NUL-terminated stack copy with `,` turned into `.`; only called on text that
  /// `number` has already validated as a decimal number.
  static func slowDouble(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: n + 1) { buffer -> Double in
      for k in 0..<n {
        let c = p[k] == UInt8(ascii: ",") ? UInt8(ascii: ".") : p[k]
        buffer[k] = CChar(bitPattern: c)
      }
      buffer[n] = 0
      guard let start = buffer.baseAddress else { return .nan }
      return strtod(start, nil)
    }
  }

  /// True for `inf` or `infinity` in any letter case.
  static func isInfinity(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    let word: StaticString = "infinity"
    guard n == 3 || n == 8 else { return false }
    let w = word.utf8Start
    for k in 0..<n where p[k] | 0x20 != w[k] { return false }
    return true
  }

  /// Reads `true`/`false`, `TRUE`/`FALSE` or `True`/`False`; with `allowDigits`, also `1`/`0`.
  @inline(__always)
  static func bool(_ p: UnsafePointer<UInt8>, _ n: Int, allowDigits: Bool = false) -> Bool? {
    if n == 4 {
      if matches(p, "true") || matches(p, "TRUE") || matches(p, "True") { return true }
    } else if n == 5 {
      if matches(p, "false") || matches(p, "FALSE") || matches(p, "False") { return false }
    } else if n == 1, allowDigits {
      if p[0] == UInt8(ascii: "1") { return true }
      if p[0] == UInt8(ascii: "0") { return false }
    }
    return nil
  }

  /// True when the bytes at `p` start with `word` (ASCII, length checked by the caller).
  @inline(__always)
  private static func matches(_ p: UnsafePointer<UInt8>, _ word: StaticString) -> Bool {
    let w = word.utf8Start
    for k in 0..<word.utf8CodeUnitCount where p[k] != w[k] { return false }
    return true
  }
}

/// The decimal digits of a number read so far: the first 19 significant ones as an integer
/// mantissa, and the power of ten that the later integer digits and the fraction add.
private struct DecimalDigits {
  /// The significant digits as an integer (at most 19, so it cannot overflow).
  var mantissa: UInt64 = 0
  /// Significant digits in `mantissa` (leading zeros do not count).
  var significant = 0
  /// The power of ten that scales `mantissa` to the value read.
  var exponent = 0
  /// All digits read.
  var count = 0
  /// Whether a non-zero digit did not fit in `mantissa` (the value is then inexact).
  var dropped = false

  /// Reads the run of digits that starts at `p[i]`, advancing `i` past it.
  /// - Parameters:
  ///   - p: the field's bytes.
  ///   - n: number of bytes.
  ///   - i: where the digits start; on return, the first byte that is not a digit.
  ///   - fraction: whether the digits follow the decimal point (each one divides by ten) rather
  ///     than precede it (each one past the mantissa multiplies by ten).
  @inline(__always)
  mutating func scan(_ p: UnsafePointer<UInt8>, _ n: Int, from i: inout Int, fraction: Bool) {
    while i < n {
      let d = p[i] &- 48
      if d > 9 { break }
      count += 1
      if significant < 19 {
        if mantissa != 0 || d != 0 {
          mantissa = mantissa &* 10 &+ UInt64(d)
          significant += 1
        }
        if fraction { exponent -= 1 }
      } else {
        if !fraction { exponent += 1 }
        if d != 0 { dropped = true }
      }
      i += 1
    }
  }
}

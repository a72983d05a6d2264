/// How numbers are written: the decimal mark and an optional thousands separator.
///
/// `1.234.567,89` is `NumberConvention(decimal: ",", thousands: ".")`, `1 234,5` is
/// `NumberConvention(decimal: ",", thousands: " ")` (a no-break space counts as a space) and
/// `1,234.5` is `NumberConvention(decimal: ".", thousands: ",")`.
public struct NumberConvention: Sendable, Equatable, Hashable, CustomStringConvertible {
  /// The decimal mark: `.` or `,`.
  public let decimal: Character
  /// The thousands separator (`.`, `,` or space), or `nil` for none.
  public let thousands: Character?

  /// Creates a format.
  /// - Parameters:
  ///   - decimal: `.` or `,`.
  ///   - thousands: `.`, `,`, space, or `nil`.
  /// - Throws: `DataError.badOption` for other characters or equal marks.
  public init(decimal: Character, thousands: Character? = nil) throws(DataError) {
    guard decimal == "." || decimal == "," else {
      throw .badOption(
        name: "decimal", reason: "the decimal mark must be '.' or ',', not '\(decimal)'")
    }
    if let thousands {
      guard thousands == "." || thousands == "," || thousands == " " else {
        throw .badOption(
          name: "thousands",
          reason: "the thousands separator must be '.', ',' or a space, not '\(thousands)'")
      }
      guard thousands != decimal else {
        throw .badOption(
          name: "thousands",
          reason: "the thousands separator cannot be the decimal mark '\(decimal)'")
      }
    }
    self.decimal = decimal
    self.thousands = thousands
  }

  private init(checked decimal: Character, _ thousands: Character?) {
    self.decimal = decimal
    self.thousands = thousands
  }

  /// The formats tried on a text column whose values are not numbers as the file's default
  /// reads them: decimal comma with `.` or space thousands, decimal point with `,` thousands,
  /// and plain decimal comma or point.
  static let candidates: [NumberConvention] = [
    NumberConvention(checked: ",", "."), NumberConvention(checked: ",", " "),
    NumberConvention(checked: ".", ","), NumberConvention(checked: ",", nil),
    NumberConvention(checked: ".", nil),
  ]

  /// `decimal ','` or `decimal ',', thousands '.'`.
  public var description: String {
    "decimal '\(decimal)'" + (thousands.map { ", thousands '\($0)'" } ?? "")
  }

  /// The command-line options that declare this format.
  public var options: String {
    "--decimal \(decimal == "," ? "," : ".")"
      + (thousands.map { " --thousands \($0 == " " ? "' '" : String($0))" } ?? "")
  }

  /// Reads the `n` bytes at `p` as one number written in this format.
  ///
  /// Thousands separators must group the integer digits by three (`1.234.567`, not `12.34`);
  /// an exponent is accepted only without separators. Anything else is `.none`.
  /// - Parameters:
  ///   - p: the field's first byte (trimmed).
  ///   - n: the number of bytes.
  /// - Returns: `.int`, `.double` or `.none`.
  func parse(_ p: UnsafePointer<UInt8>, _ n: Int) -> NumberValue {
    let dec: UInt8 = decimal == "," ? 44 : 46
    let sep: UInt8 = thousands.map { $0 == "," ? 44 : $0 == "." ? 46 : 32 } ?? 0
    return Self.parse(p, n, decimal: dec, thousands: sep)
  }

  /// `parse` with the marks as bytes (`thousands` 0 for none).
  static func parse(_ p: UnsafePointer<UInt8>, _ n: Int, decimal: UInt8, thousands: UInt8)
    -> NumberValue
  {
    guard n > 0, n < 400 else { return .none }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n + 1) { out -> NumberValue in
      guard let start = out.baseAddress else { return .none }
      var k = 0
      var i = 0
      if p[0] == 45 || p[0] == 43 {
        out[k] = p[0]
        k += 1
        i = 1
      }
      var digits = 0
      var group = 0
      var groups = 0
      while i < n {
        let c = p[i]
        if c &- 48 < 10 {
          out[k] = c
          k += 1
          digits += 1
          group += 1
          i += 1
          continue
        }
        let width = separatorWidth(p, n, at: i, thousands: thousands)
        guard width > 0 else { break }
        // The first group has 1-3 digits, each later one exactly 3.
        if groups == 0 ? (group < 1 || group > 3) : group != 3 { return .none }
        groups += 1
        group = 0
        i += width
        guard i < n, p[i] &- 48 < 10 else { return .none }
      }
      if groups > 0, group != 3 { return .none }
      if i < n, p[i] == decimal {
        out[k] = 46
        k += 1
        i += 1
        var fraction = 0
        while i < n, p[i] &- 48 < 10 {
          out[k] = p[i]
          k += 1
          fraction += 1
          i += 1
        }
        guard fraction > 0 else { return .none }
      } else if i < n, groups == 0, p[i] | 0x20 == 101 {
        while i < n {
          out[k] = p[i]
          k += 1
          i += 1
        }
      }
      guard i == n, digits > 0 || k > 1 else { return .none }
      return FieldParsing.number(start, k, decimalComma: false)
    }
  }

  /// The byte length of the thousands separator at `p[i]`, or 0: the separator itself, and for a
  /// space also a no-break space (U+00A0) or a narrow no-break space (U+202F).
  @inline(__always)
  private static func separatorWidth(
    _ p: UnsafePointer<UInt8>, _ n: Int, at i: Int, thousands: UInt8
  ) -> Int {
    guard thousands != 0 else { return 0 }
    if p[i] == thousands { return 1 }
    guard thousands == 32 else { return 0 }
    if p[i] == 0xC2, i + 1 < n, p[i + 1] == 0xA0 { return 2 }
    if p[i] == 0xE2, i + 2 < n, p[i + 1] == 0x80, p[i + 2] == 0xAF { return 3 }
    return 0
  }
}

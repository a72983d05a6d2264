/// A plain monospaced table: a header row and data rows, first column left-aligned and the rest
/// right-aligned, columns separated by two spaces.
public struct TextTable: Sendable {
  /// Column headers.
  public var header: [String]
  /// Data rows (each as long as `header`).
  public var rows: [[String]]

  /// Creates a table.
  public init(header: [String], rows: [[String]] = []) {
    self.header = header
    self.rows = rows
  }

  /// The table as lines of text.
  public func rendered() -> String {
    let all = [header] + rows
    let widths = header.indices.map { j in
      all.map { $0.indices.contains(j) ? $0[j].count : 0 }.max() ?? 0
    }
    return all.map { row in
      row.enumerated().map { j, cell in
        let pad = String(repeating: " ", count: max(0, widths[j] - cell.count))
        return j == 0 ? cell + pad : pad + cell
      }.joined(separator: "  ")
    }.joined(separator: "\n")
  }
}

/// Number formatting for human-readable tables (JSON keeps full precision).
public enum NumberFormat {
  /// `digits` significant digits, switching to scientific notation for very large/small values.
  public static func significant(_ x: Double?, digits: Int = 6) -> String {
    guard let x else { return "" }
    if x.isNaN { return "NA" }
    if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
    if x == 0 { return "0" }
    let magnitude = abs(x)
    if magnitude >= 1e-4 && magnitude < 1e9 {
      let decimals = max(0, digits - 1 - Int((magnitude).log10Floor))
      return trimmed(fixed(x, decimals: decimals))
    }
    return scientific(x, digits: digits)
  }

  /// A p-value: 3 significant digits, `< 2.2e-16` below machine epsilon as R prints.
  public static func pValue(_ p: Double) -> String {
    if p.isNaN { return "NA" }
    if p < 2.220446049250313e-16 { return "< 2.2e-16" }
    return significant(p, digits: 3)
  }

  static func fixed(_ x: Double, decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (x * scale).rounded() / scale
    if decimals == 0 { return String(Int64(rounded)) }
    let negative = rounded < 0
    let integerPart = Int64(abs(rounded))
    let fraction = Int64(((abs(rounded) - Double(integerPart)) * scale).rounded())
    var fractionText = String(fraction)
    while fractionText.count < decimals { fractionText = "0" + fractionText }
    if fractionText.count > decimals {  // rounding carried into the integer part
      return (negative ? "-" : "") + String(integerPart + 1) + "."
        + String(repeating: "0", count: decimals)
    }
    return (negative ? "-" : "") + String(integerPart) + "." + fractionText
  }

  static func trimmed(_ s: String) -> String {
    guard s.contains(".") else { return s }
    var t = s
    while t.hasSuffix("0") { t.removeLast() }
    if t.hasSuffix(".") { t.removeLast() }
    return t
  }

  static func scientific(_ x: Double, digits: Int) -> String {
    var exponent = Int(abs(x).log10Floor)
    var mantissa = x / pow10(exponent)
    let text = trimmed(fixed(mantissa, decimals: digits - 1))
    if let value = Double(text), abs(value) >= 10 {
      exponent += 1
      mantissa = x / pow10(exponent)
      return trimmed(fixed(mantissa, decimals: digits - 1)) + "e" + String(exponent)
    }
    return text + "e" + String(exponent)
  }

  static func pow10(_ e: Int) -> Double {
    var result = 1.0
    if e >= 0 { for _ in 0..<e { result *= 10 } } else { for _ in 0..<(-e) { result /= 10 } }
    return result
  }
}

extension Double {
  /// floor(log10(self)) for positive finite values, exact at powers of ten.
  var log10Floor: Double {
    var e = 0.0
    var v = self
    while v >= 10 { v /= 10; e += 1 }
    while v < 1 { v *= 10; e -= 1 }
    return e
  }
}

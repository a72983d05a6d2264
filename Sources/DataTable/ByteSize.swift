import Foundation

/// Sizes in bytes as users write them in options: `4G`, `4GiB`, `512M`, `800k`, `1000000`.
public enum ByteSize {
  /// The number of bytes `text` names.
  ///
  /// A whole number with an optional unit `K`, `M`, `G` or `T` (powers of 1024; `KB`, `KiB`...
  /// and lower case accepted).
  /// - Parameter text: the size as written.
  /// - Returns: the bytes, or `nil` for anything else.
  public static func parse(_ text: String) -> Int? {
    let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
    let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, let number = Int(digits) else { return nil }
    var unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
    for suffix in ["ib", "b"] where unit.hasSuffix(suffix) {
      unit = String(unit.dropLast(suffix.count))
      break
    }
    let shifts = ["": 0, "k": 10, "m": 20, "g": 30, "t": 40]
    guard let shift = shifts[unit] else { return nil }
    let (bytes, overflow) = number.multipliedReportingOverflow(by: 1 << shift)
    return overflow ? nil : bytes
  }

  /// The sizes `parse` reads, for messages.
  public static let accepted = "a number of bytes, or with a unit: 800K, 512M, 4G"
}

/// The character encoding of a text data file.
public enum TextEncoding: String, Sendable, Equatable, CaseIterable {
  /// UTF-8, with or without a byte-order mark.
  case utf8 = "utf-8"
  /// UTF-16 with a byte-order mark (little or big endian).
  case utf16 = "utf-16"
  /// ISO-8859-1: every byte is the code point of the same number.
  case latin1 = "latin1"
  /// Windows-1252: Latin-1 with printable characters (`€`, `‘`, `’`, `Š`...) at 0x80-0x9F.
  case windows1252 = "windows-1252"

  /// Reads the names users write: `utf8`, `UTF-8`, `utf-16`, `latin1`, `latin-1`, `iso-8859-1`,
  /// `windows-1252`, `cp1252`; `nil` for anything else.
  /// - Parameter name: the name as written (case and `-`/`_` are ignored).
  public init?(name: String) {
    let key = name.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " }
    switch key {
    case "utf8", "utf8bom", "utf8sig": self = .utf8
    case "utf16", "utf16le", "utf16be", "ucs2": self = .utf16
    case "latin1", "iso88591", "l1", "iso885915", "latin9": self = .latin1
    case "windows1252", "cp1252", "win1252", "ansi": self = .windows1252
    default: return nil
    }
  }

  /// The names accepted by `init(name:)`, for messages.
  public static let acceptedNames = "utf-8, utf-16, latin1, windows-1252"
}

/// Conversions of whole inputs to UTF-8, done up front so that the CSV parser only sees UTF-8.
enum Transcoding {
  /// The code points of Windows-1252 bytes 0x80-0x9F; 0 marks the five undefined bytes.
  static let windows1252High: [UInt16] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
    0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
  ]

  /// A conversion failure: the 1-based line where it happened and the reason.
  struct Failure: Error {
    let line: Int
    let reason: String

    /// A failure on the line after the text already converted into `out`.
    init(after out: [UInt8], reason: String) {
      var lines = 1
      for byte in out where byte == 10 { lines += 1 }
      self.line = lines
      self.reason = reason
    }
  }

  /// Latin-1 or Windows-1252 bytes as UTF-8.
  /// - Throws: `Failure` at the first byte Windows-1252 leaves undefined (0x81, 0x8D, 0x8F,
  ///   0x90, 0x9D); Latin-1 accepts every byte.
  static func singleByte(_ input: UnsafeBufferPointer<UInt8>, windows1252: Bool) throws(Failure)
    -> [UInt8]
  {
    var out: [UInt8] = []
    out.reserveCapacity(input.count + input.count / 16 + 16)
    for byte in input {
      if byte < 0x80 {
        out.append(byte)
        continue
      }
      var scalar = UInt32(byte)
      if windows1252, byte < 0xA0 {
        scalar = UInt32(windows1252High[Int(byte - 0x80)])
        if scalar == 0 {
          throw Failure(
            after: out,
            reason: "byte 0x\(String(byte, radix: 16, uppercase: true)) is not Windows-1252")
        }
      }
      appendUTF8(scalar, to: &out)
    }
    return out
  }

  /// UTF-16 bytes (after the byte-order mark) as UTF-8.
  /// - Throws: `Failure` for an odd byte count or an unpaired surrogate.
  static func utf16(_ input: UnsafeBufferPointer<UInt8>, from start: Int, bigEndian: Bool)
    throws(Failure) -> [UInt8]
  {
    var out: [UInt8] = []
    out.reserveCapacity(input.count)
    var i = start
    func unit(_ k: Int) -> UInt32 {
      bigEndian
        ? UInt32(input[k]) << 8 | UInt32(input[k + 1])
        : UInt32(input[k + 1]) << 8 | UInt32(input[k])
    }
    while i + 1 < input.count {
      let u = unit(i)
      if u >= 0xD800, u < 0xDC00 {
        guard i + 3 < input.count else {
          throw Failure(after: out, reason: "unpaired UTF-16 surrogate")
        }
        let low = unit(i + 2)
        guard low >= 0xDC00, low < 0xE000 else {
          throw Failure(after: out, reason: "unpaired UTF-16 surrogate")
        }
        appendUTF8(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00), to: &out)
        i += 4
        continue
      }
      if u >= 0xDC00, u < 0xE000 { throw Failure(after: out, reason: "unpaired UTF-16 surrogate") }
      appendUTF8(u, to: &out)
      i += 2
    }
    if i < input.count { throw Failure(after: out, reason: "odd number of bytes in UTF-16 text") }
    return out
  }

  /// Appends the UTF-8 bytes of one Unicode scalar value.
  @inline(__always)
  static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
      out.append(UInt8(scalar))
    case 0x80..<0x800:
      out.append(UInt8(0xC0 | scalar >> 6))
      out.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
      out.append(UInt8(0xE0 | scalar >> 12))
      out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
      out.append(UInt8(0x80 | scalar & 0x3F))
    default:
      out.append(UInt8(0xF0 | scalar >> 18))
      out.append(UInt8(0x80 | (scalar >> 12) & 0x3F))
      out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
      out.append(UInt8(0x80 | scalar & 0x3F))
    }
  }
}

/// A small pull scanner for the XML of spreadsheet parts: start and end tags with attributes,
/// and text, decoded from UTF-8 bytes with the five named entities and character references.
///
/// Enough for workbook parts (no DTDs, no namespaces beyond dropping a prefix); processing
/// instructions, comments and doctype declarations are skipped.
struct XMLScanner {
  /// One thing found in the document.
  enum Event {
    /// `<name attr="v">` (`selfClosing` for `<name/>`); `name` without namespace prefix.
    case start(name: String, attributes: [String: String], selfClosing: Bool)
    /// `</name>`.
    case end(name: String)
    /// Text between tags (entities decoded).
    case text(String)
  }

  /// A malformed document; `offset` is the byte where it was noticed.
  struct Malformed: Error {
    let offset: Int
    let reason: String
  }

  private let bytes: [UInt8]
  private var i = 0

  /// Creates a scanner over a document's bytes.
  init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// The next event, or `nil` at the end of the document.
  mutating func next() throws(Malformed) -> Event? {
    while i < bytes.count {
      if bytes[i] != 60 {
        let start = i
        while i < bytes.count, bytes[i] != 60 { i += 1 }
        return .text(try decode(start, i))
      }
      // At '<'.
      guard i + 1 < bytes.count else {
        throw Malformed(offset: i, reason: "document ends in a tag")
      }
      let c = bytes[i + 1]
      if c == 63 {  // <? ... ?>
        try skip(past: [63, 62])
        continue
      }
      if c == 33 {  // <!-- -->, <![CDATA[ ]]>, <!DOCTYPE >
        if starts(with: "<!--") {
          try skip(past: [45, 45, 62])
          continue
        }
        if starts(with: "<![CDATA[") {
          let start = i + 9
          try skip(past: [93, 93, 62])
          return .text(String(decoding: bytes[start..<(i - 3)], as: UTF8.self))
        }
        try skip(past: [62])
        continue
      }
      if c == 47 {  // </name>
        i += 2
        let name = readName()
        while i < bytes.count, bytes[i] != 62 { i += 1 }
        guard i < bytes.count else { throw Malformed(offset: i, reason: "unclosed end tag") }
        i += 1
        return .end(name: name)
      }
      i += 1
      let name = readName()
      guard !name.isEmpty else { throw Malformed(offset: i, reason: "a tag without a name") }
      var attributes: [String: String] = [:]
      while true {
        while i < bytes.count, isSpace(bytes[i]) { i += 1 }
        guard i < bytes.count else { throw Malformed(offset: i, reason: "unclosed tag <\(name)") }
        if bytes[i] == 62 {
          i += 1
          return .start(name: name, attributes: attributes, selfClosing: false)
        }
        if bytes[i] == 47 {
          guard i + 1 < bytes.count, bytes[i + 1] == 62 else {
            throw Malformed(offset: i, reason: "bad '/' in tag <\(name)")
          }
          i += 2
          return .start(name: name, attributes: attributes, selfClosing: true)
        }
        let key = readName()
        guard !key.isEmpty else { throw Malformed(offset: i, reason: "bad attribute in <\(name)") }
        while i < bytes.count, isSpace(bytes[i]) { i += 1 }
        guard i < bytes.count, bytes[i] == 61 else {
          throw Malformed(offset: i, reason: "attribute \(key) of <\(name)> has no value")
        }
        i += 1
        while i < bytes.count, isSpace(bytes[i]) { i += 1 }
        guard i < bytes.count, bytes[i] == 34 || bytes[i] == 39 else {
          throw Malformed(offset: i, reason: "attribute \(key) of <\(name)> is not quoted")
        }
        let quote = bytes[i]
        i += 1
        let start = i
        while i < bytes.count, bytes[i] != quote { i += 1 }
        guard i < bytes.count else { throw Malformed(offset: start, reason: "unclosed attribute") }
        attributes[key] = try decode(start, i)
        i += 1
      }
    }
    return nil
  }

  /// All text up to the end tag of the element just started (nested tags' text included).
  mutating func textOfElement() throws(Malformed) -> String {
    var depth = 1
    var text = ""
    while depth > 0, let event = try next() {
      switch event {
      case .start(_, _, let selfClosing): if !selfClosing { depth += 1 }
      case .end: depth -= 1
      case .text(let t): text += t
      }
    }
    return text
  }

  /// Skips to the end tag of the element just started.
  mutating func skipElement() throws(Malformed) {
    var depth = 1
    while depth > 0, let event = try next() {
      switch event {
      case .start(_, _, let selfClosing): if !selfClosing { depth += 1 }
      case .end: depth -= 1
      case .text: break
      }
    }
  }

  private func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 }

  private func starts(with text: StaticString) -> Bool {
    let n = text.utf8CodeUnitCount
    guard i + n <= bytes.count else { return false }
    let p = text.utf8Start
    for k in 0..<n where bytes[i + k] != p[k] { return false }
    return true
  }

  private mutating func skip(past terminator: [UInt8]) throws(Malformed) {
    let start = i
    while i + terminator.count <= bytes.count {
      if bytes[i..<(i + terminator.count)].elementsEqual(terminator) {
        i += terminator.count
        return
      }
      i += 1
    }
    throw Malformed(offset: start, reason: "unterminated markup")
  }

  /// A tag or attribute name, without its namespace prefix.
  private mutating func readName() -> String {
    var local = i
    while i < bytes.count {
      let c = bytes[i]
      if isSpace(c) || c == 62 || c == 47 || c == 61 { break }
      if c == 58 { local = i + 1 }
      i += 1
    }
    return String(decoding: bytes[local..<i], as: UTF8.self)
  }

  /// The text of bytes `[from, to)` with entities decoded.
  private func decode(_ from: Int, _ to: Int) throws(Malformed) -> String {
    guard bytes[from..<to].contains(38) else {
      return String(decoding: bytes[from..<to], as: UTF8.self)
    }
    var out: [UInt8] = []
    out.reserveCapacity(to - from)
    var k = from
    while k < to {
      guard bytes[k] == 38 else {
        out.append(bytes[k])
        k += 1
        continue
      }
      guard let semicolon = bytes[k..<to].firstIndex(of: 59), semicolon - k <= 10 else {
        throw Malformed(offset: k, reason: "unterminated entity")
      }
      let entity = String(decoding: bytes[(k + 1)..<semicolon], as: UTF8.self)
      switch entity {
      case "amp": out.append(38)
      case "lt": out.append(60)
      case "gt": out.append(62)
      case "quot": out.append(34)
      case "apos": out.append(39)
      default:
        let hex = entity.hasPrefix("#x") || entity.hasPrefix("#X")
        guard entity.hasPrefix("#"),
          let code = UInt32(entity.dropFirst(hex ? 2 : 1), radix: hex ? 16 : 10),
          let scalar = Unicode.Scalar(code)
        else { throw Malformed(offset: k, reason: "unknown entity &\(entity);") }
        Transcoding.appendUTF8(scalar.value, to: &out)
      }
      k = semicolon + 1
    }
    return String(decoding: out, as: UTF8.self)
  }
}

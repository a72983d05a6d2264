/// A scan of YAML text, before it is composed, for keys that are not plain names in a document
/// that defines anchors.
///
/// Yams checks every mapping for duplicate keys by hashing the key nodes, and a key that is an
/// alias (or a list or mapping holding aliases) is hashed with all of its expansion: nine aliases
/// of nine aliases, eight levels deep, take minutes before any budget of ours can apply. Specs
/// only use plain names as keys (`SpecNodeConverter` refuses the rest), so when the text defines
/// an anchor (`&name`), an explicit key (`? `), an alias used as a key (`*name:`) or a list or
/// mapping used as a key (`]:` or `}:`) is refused here, at its line. The scan skips comments
/// and quoted scalars, which it takes to start only where a scalar can start (after `:`, `-`,
/// `?`, `[`, `{`, `,` or at a line start) and to end at the line's end at the latest: text it
/// reads as YAML that is not (a block scalar, the second line of a quoted scalar) can only cause
/// a refusal, never a miss, and only in a document with anchors.
enum SpecKeyScan {
  /// The first such key as an issue, or `nil`.
  /// - Parameters:
  ///   - text: the YAML.
  ///   - lineOffset: added to the line (a spec inside a Markdown notebook).
  /// - Returns: the issue naming the first refused key and its line, or `nil` when none is found.
  static func issue(_ text: String, lineOffset: Int = 0) -> SpecIssue? {
    let bytes = Array(text.utf8)
    var sawAnchor = false
    var firstKey: (line: Int, what: String)?
    var line = 1
    var i = 0
    var quote: UInt8?
    var previous: UInt8 = ascii("\n")
    // The last non-blank byte of the line so far (a newline at the line start).
    var lastSignificant: UInt8 = ascii("\n")
    while i < bytes.count {
      let c = bytes[i]
      if c == ascii("\n") {
        line += 1
        quote = nil
        previous = c
        lastSignificant = c
        i += 1
        continue
      }
      if let open = quote {
        if open == ascii("\""), c == ascii("\\") {
          i += 2
          continue
        }
        if c == open {
          if open == ascii("'"), i + 1 < bytes.count, bytes[i + 1] == ascii("'") {
            i += 2
            continue
          }
          quote = nil
        }
        previous = c
        lastSignificant = c
        i += 1
        continue
      }
      let tokenStart = isSpace(previous) || "[{,".utf8.contains(previous)
      if c == ascii("#"), isSpace(previous) {
        while i < bytes.count, bytes[i] != ascii("\n") { i += 1 }
        continue
      }
      if c == ascii("\"") || c == ascii("'"), "\n:-?[{,".utf8.contains(lastSignificant) {
        quote = c
      } else if tokenStart, c == ascii("&") || c == ascii("!") {
        // An anchor or tag: skip its name; a quoted scalar may still start after it.
        if c == ascii("&") { sawAnchor = true }
        while i < bytes.count, !isSpace(bytes[i]) { i += 1 }
        previous = ascii(" ")
        continue
      } else if tokenStart, c == ascii("?"), i + 1 >= bytes.count || isSpace(bytes[i + 1]) {
        if firstKey == nil { firstKey = (line, "an explicit key ('? ')") }
      } else if tokenStart, c == ascii("*") {
        var end = i + 1
        while end < bytes.count, !isSpace(bytes[end]), !",[]{}:".utf8.contains(bytes[end]) {
          end += 1
        }
        if firstKey == nil, isKeyIndicator(bytes, after: end) {
          firstKey = (line, "an alias used as a key")
        }
      } else if c == ascii("]") || c == ascii("}") {
        if firstKey == nil, isKeyIndicator(bytes, after: i + 1) {
          firstKey = (line, "a list or mapping used as a key")
        }
      }
      previous = c
      if !isSpace(c) { lastSignificant = c }
      i += 1
    }
    guard sawAnchor, let key = firstKey else { return nil }
    return SpecIssue(
      keyPath: "(yaml)", line: key.line + lineOffset,
      message: "\(key.what) in a document with anchors; keys must be plain names")
  }

  /// True when spaces then `:` and a space, line end, end of text or flow punctuation follow
  /// position `start`: the text before is a mapping key.
  private static func isKeyIndicator(_ bytes: [UInt8], after start: Int) -> Bool {
    var k = start
    while k < bytes.count, bytes[k] == ascii(" ") || bytes[k] == ascii("\t") { k += 1 }
    guard k < bytes.count, bytes[k] == ascii(":") else { return false }
    return k + 1 >= bytes.count || isSpace(bytes[k + 1]) || ",]}".utf8.contains(bytes[k + 1])
  }

  private static func isSpace(_ c: UInt8) -> Bool {
    c == ascii(" ") || c == ascii("\t") || c == ascii("\n") || c == ascii("\r")
  }

  private static func ascii(_ s: Unicode.Scalar) -> UInt8 { UInt8(ascii: s) }
}

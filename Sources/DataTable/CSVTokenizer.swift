#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bytes of one CSV input, shared read-only by the parsing threads.
struct CSVInput: @unchecked Sendable {
  /// First byte of the input (the caller keeps the buffer alive while parsing).
  let base: UnsafePointer<UInt8>
  /// Number of bytes.
  let count: Int
  /// File name for error messages.
  let name: String

  /// The 1-based physical line holding byte `offset` (newlines inside quotes count).
  func line(at offset: Int) -> Int {
    var lines = 1
    for i in 0..<min(offset, count) where base[i] == 10 { lines += 1 }
    return lines
  }

  /// A source location for byte `offset`, with an optional 1-based field number.
  func location(at offset: Int, field: Int? = nil) -> SourceLocation {
    SourceLocation(file: name, line: line(at: offset), column: field)
  }

  /// The field's text for messages (quotes removed, invalid UTF-8 repaired).
  func text(of field: RawField) -> String {
    String(
      decoding: UnsafeBufferPointer(start: base + field.start, count: field.end - field.start),
      as: UTF8.self)
  }
}

/// How fields are separated.
struct Dialect: Sendable {
  /// The delimiter byte; ignored when `whitespace` is true.
  var delimiter: UInt8
  /// Fields separated by runs of spaces and tabs; `'` as well as `"` quotes.
  var whitespace: Bool
}

/// One field's content bounds (inside any quotes) and how it was written.
struct RawField {
  /// Offset of the first content byte; for a problem, the offset of the problem.
  var start = 0
  /// Offset after the last content byte.
  var end = 0
  /// The field was quoted (so it is never a missing token).
  var quoted = false
  /// The quoted content contains doubled quotes that must be unescaped.
  var escaped = false
  /// The quote character used.
  var quote: UInt8 = 34
}

/// What ended a field.
enum ScanStatus {
  /// A delimiter: another field of the same row follows.
  case delimiter
  /// A newline or the end of the input: the row is complete.
  case rowEnd
  /// A quote opened at `field.start` is never closed.
  case unclosedQuote
  /// Text at `field.start` follows a closing quote.
  case malformedQuote
}

/// Splits bytes into fields, one at a time, RFC 4180 style (or whitespace-separated).
struct FieldScanner {
  let base: UnsafePointer<UInt8>
  /// Offset after the last byte this scanner may read.
  let limit: Int
  let dialect: Dialect
  /// Offset of the next unread byte.
  var position: Int
  /// Set when a `"` appears inside an unquoted field (it is kept as text).
  var sawStrayQuote = false

  /// Creates a scanner over `[start, limit)`.
  init(_ input: CSVInput, dialect: Dialect, start: Int, limit: Int) {
    self.base = input.base
    self.limit = limit
    self.dialect = dialect
    self.position = start
  }

  /// Skips empty lines (`\n`, `\r\n`, and in whitespace mode lines of blanks).
  @inline(__always)
  mutating func skipBlankLines() {
    var p = position
    while p < limit {
      var q = p
      while q < limit, base[q] == 13 || (dialect.whitespace && (base[q] == 32 || base[q] == 9)) {
        q += 1
      }
      guard q < limit, base[q] == 10 else { break }
      p = q + 1
    }
    position = p
  }

  /// Reads the next field into `field` and says what ended it.
  @inline(__always)
  mutating func next(_ field: inout RawField) -> ScanStatus {
    dialect.whitespace ? nextSpaced(&field) : nextDelimited(&field)
  }

  /// A blank: space, or tab unless tab is the delimiter, or carriage return.
  @inline(__always)
  private func isBlank(_ c: UInt8) -> Bool {
    c == 32 || c == 13 || (c == 9 && dialect.delimiter != 9)
  }

  @inline(__always)
  private mutating func nextDelimited(_ field: inout RawField) -> ScanStatus {
    let delimiter = dialect.delimiter
    var p = position
    while p < limit, base[p] == 32 || (base[p] == 9 && delimiter != 9) { p += 1 }
    if p < limit, base[p] == 34 { return quoted(&field, open: p) }
    let start = p
    p = endOfUnquoted(from: p, delimiter: delimiter)
    var end = p
    while end > start, isBlank(base[end - 1]) { end -= 1 }
    field.start = start
    field.end = end
    field.quoted = false
    field.escaped = false
    if p < limit, base[p] == delimiter {
      position = p + 1
      return .delimiter
    }
    position = p < limit ? p + 1 : p
    return .rowEnd
  }

  /// Reads a field that is a plain number (`FieldParsing.leadingNumber`, unquoted, no blanks)
  /// ending exactly at a delimiter, a newline, CR LF or the end of the range, in one pass: the
  /// value, the field's bounds and what ended it.
  ///
  /// For anything else (quotes, blanks, text, `Inf`, an empty field) it returns `nil` and consumes
  /// nothing, and the caller reads the field with `next`, which gives the same field for every
  /// input this accepts.
  @inline(__always)
  mutating func nextNumber(decimalComma: Bool)
    -> (value: NumberValue, field: RawField, status: ScanStatus)?
  {
    let start = position
    guard start < limit else { return nil }
    let (value, length) = FieldParsing.leadingNumber(
      base + start, limit - start, decimalComma: decimalComma)
    guard length > 0 else { return nil }
    let end = start + length
    let status: ScanStatus
    let next: Int
    if end == limit {
      status = .rowEnd
      next = end
    } else if base[end] == dialect.delimiter {
      status = .delimiter
      next = end + 1
    } else if base[end] == 10 {
      status = .rowEnd
      next = end + 1
    } else if base[end] == 13, end + 1 < limit, base[end + 1] == 10 {
      status = .rowEnd
      next = end + 2
    } else {
      return nil
    }
    position = next
    return (value, RawField(start: start, end: end), status)
  }

  /// Skips `count` fields that each end with a delimiter (columns the read does not keep), counting
  /// delimiters eight bytes at a time.
  ///
  /// Only unquoted, delimited fields are skipped: when a quote, a newline or the end of the range
  /// comes first, nothing is consumed and the result is false, so the caller reads those fields one
  /// by one (with the usual checks).
  @inline(__always)
  mutating func skipFields(_ count: Int) -> Bool {
    if dialect.whitespace || count <= 0 { return false }
    let delimiter = dialect.delimiter
    let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    let ones: UInt64 = 0x0101_0101_0101_0101
    let delimiters = UInt64(delimiter) &* ones
    let newlines = UInt64(10) &* ones
    let quotes = UInt64(34) &* ones
    // High bit of each byte of `x` that is zero (exact: no borrow between bytes).
    func zeros(_ x: UInt64) -> UInt64 { ~(((x & lows) &+ lows) | x | lows) }
    let raw = UnsafeRawPointer(base)
    var p = position
    var remaining = count
    while p + 8 <= limit {
      let word = raw.loadUnaligned(fromByteOffset: p, as: UInt64.self)
      let stops = zeros(word ^ newlines) | zeros(word ^ quotes)
      var hits = zeros(word ^ delimiters)
      if stops != 0 { hits &= (stops & (~stops &+ 1)) &- 1 }
      let found = hits.nonzeroBitCount
      if found >= remaining {
        for _ in 1..<remaining { hits &= hits &- 1 }
        position = p + hits.trailingZeroBitCount >> 3 + 1
        return true
      }
      if stops != 0 { return false }
      remaining -= found
      p += 8
    }
    while p < limit {
      let c = base[p]
      if c == 10 || c == 34 { return false }
      if c == delimiter {
        remaining -= 1
        if remaining == 0 {
          position = p + 1
          return true
        }
      }
      p += 1
    }
    return false
  }

  /// The offset of the first delimiter or newline at or after `from` (or `limit`), scanning
  /// eight bytes at a time; notes any `"` passed on the way.
  @inline(__always)
  private mutating func endOfUnquoted(from: Int, delimiter: UInt8) -> Int {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let delimiters = UInt64(delimiter) &* ones
    let newlines = UInt64(10) &* ones
    let quotes = UInt64(34) &* ones
    let raw = UnsafeRawPointer(base)
    var p = from
    while p + 8 <= limit {
      let word = raw.loadUnaligned(fromByteOffset: p, as: UInt64.self)
      let a = word ^ delimiters
      let b = word ^ newlines
      let c = word ^ quotes
      // Classic "has zero byte": the lowest flagged byte is always a true match.
      let hits = ((a &- ones) & ~a | (b &- ones) & ~b | (c &- ones) & ~c) & highs
      if hits == 0 {
        p += 8
        continue
      }
      p += hits.trailingZeroBitCount >> 3
      if base[p] != 34 { return p }
      sawStrayQuote = true
      p += 1
    }
    while p < limit {
      let c = base[p]
      if c == delimiter || c == 10 { return p }
      if c == 34 { sawStrayQuote = true }
      p += 1
    }
    return p
  }

  @inline(__always)
  private mutating func quoted(_ field: inout RawField, open: Int) -> ScanStatus {
    let quote = base[open]
    var p = open + 1
    var escaped = false
    while true {
      guard p < limit, let hit = memchr(base + p, Int32(quote), limit - p) else {
        field.start = open
        return .unclosedQuote
      }
      let q = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
      if q + 1 < limit, base[q + 1] == quote {
        escaped = true
        p = q + 2
        continue
      }
      field.start = open + 1
      field.end = q
      p = q + 1
      break
    }
    field.quoted = true
    field.escaped = escaped
    field.quote = quote
    if dialect.whitespace {
      return afterSpacedField(p)
    }
    while p < limit, isBlank(base[p]) { p += 1 }
    if p >= limit {
      position = p
      return .rowEnd
    }
    if base[p] == dialect.delimiter {
      position = p + 1
      return .delimiter
    }
    if base[p] == 10 {
      position = p + 1
      return .rowEnd
    }
    field.start = p
    return .malformedQuote
  }

  @inline(__always)
  private mutating func nextSpaced(_ field: inout RawField) -> ScanStatus {
    var p = position
    while p < limit, base[p] == 32 || base[p] == 9 { p += 1 }
    if p < limit, base[p] == 34 || base[p] == 39 { return quoted(&field, open: p) }
    let start = p
    while p < limit {
      let c = base[p]
      if c == 32 || c == 9 || c == 10 || c == 13 { break }
      p += 1
    }
    field.start = start
    field.end = p
    field.quoted = false
    field.escaped = false
    return afterSpacedField(p)
  }

  /// After a whitespace-mode field: blanks then either a newline/end (row end) or another field.
  @inline(__always)
  private mutating func afterSpacedField(_ from: Int) -> ScanStatus {
    var p = from
    while p < limit, base[p] == 32 || base[p] == 9 || base[p] == 13 { p += 1 }
    if p >= limit {
      position = p
      return .rowEnd
    }
    if base[p] == 10 {
      position = p + 1
      return .rowEnd
    }
    position = p
    return .delimiter
  }
}

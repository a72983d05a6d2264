/// Delimiter detection and header parsing.
enum CSVHeader {
  /// The dialect: the option's delimiter, or the most frequent of `,` `;` tab outside double
  /// quotes on the header line (ties prefer that order), or whitespace when none occurs and
  /// the line has blanks between words.
  static func dialect(_ input: CSVInput, headerStart: Int, option: CSVDelimiter) -> Dialect {
    switch option {
    case .comma: return Dialect(delimiter: UInt8(ascii: ","), whitespace: false)
    case .semicolon: return Dialect(delimiter: UInt8(ascii: ";"), whitespace: false)
    case .tab: return Dialect(delimiter: 9, whitespace: false)
    case .whitespace: return Dialect(delimiter: 32, whitespace: true)
    case .detect: break
    }
    var commas = 0
    var semicolons = 0
    var tabs = 0
    var blanksBetween = false
    var inQuotes = false
    var sawText = false
    var pendingBlank = false
    var p = headerStart
    while p < input.count {
      let c = input.base[p]
      if c == 34 { inQuotes.toggle() }
      if !inQuotes {
        if c == 10 || c == 13 { break }
        switch c {
        case UInt8(ascii: ","): commas += 1
        case UInt8(ascii: ";"): semicolons += 1
        case 9:
          tabs += 1
          pendingBlank = sawText
        case 32: pendingBlank = sawText
        default:
          if pendingBlank { blanksBetween = true }
          sawText = true
        }
      }
      p += 1
    }
    let best = max(commas, semicolons, tabs)
    if best == 0 {
      return blanksBetween
        ? Dialect(delimiter: 32, whitespace: true)
        : Dialect(delimiter: UInt8(ascii: ","), whitespace: false)
    }
    if commas == best { return Dialect(delimiter: UInt8(ascii: ","), whitespace: false) }
    if semicolons == best { return Dialect(delimiter: UInt8(ascii: ";"), whitespace: false) }
    return Dialect(delimiter: 9, whitespace: false)
  }

  /// Reads the header row starting at `start`.
  /// - Returns: the column names and the offset of the first data byte.
  /// - Throws: `DataError.unclosedQuote`, `.malformedQuote`, `.invalidEncoding`,
  ///   `.emptyColumnName` or `.duplicateColumn`.
  static func names(_ input: CSVInput, dialect: Dialect, start: Int) throws(DataError) -> (
    names: [String], dataStart: Int
  ) {
    var scanner = FieldScanner(input, dialect: dialect, start: start, limit: input.count)
    var field = RawField()
    var names: [String] = []
    var seen: [String: Int] = [:]
    while true {
      let status = scanner.next(&field)
      let number = names.count + 1
      switch status {
      case .unclosedQuote: throw .unclosedQuote(at: input.location(at: field.start, field: number))
      case .malformedQuote:
        throw .malformedQuote(at: input.location(at: field.start, field: number))
      case .delimiter, .rowEnd: break
      }
      var bytes = Array(
        UnsafeBufferPointer(start: input.base + field.start, count: field.end - field.start))
      if field.escaped { bytes = unescape(bytes, quote: field.quote) }
      guard let name = String(validating: bytes, as: UTF8.self) else {
        throw .invalidEncoding(at: input.location(at: field.start, field: number))
      }
      if name.isEmpty { throw .emptyColumnName(at: input.location(at: field.start, field: number)) }
      if let first = seen[name] {
        throw .duplicateColumn(
          name: name, firstPosition: first, secondPosition: number, source: input.name)
      }
      seen[name] = number
      names.append(name)
      if case .rowEnd = status { break }
    }
    return (names, scanner.position)
  }

  /// Replaces doubled quotes by single ones.
  static func unescape(_ bytes: [UInt8], quote: UInt8) -> [UInt8] {
    var out: [UInt8] = []
    var i = 0
    while i < bytes.count {
      out.append(bytes[i])
      i += bytes[i] == quote && i + 1 < bytes.count && bytes[i + 1] == quote ? 2 : 1
    }
    return out
  }
}

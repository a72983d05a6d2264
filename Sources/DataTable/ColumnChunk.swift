/// The missing-value tokens as bytes, matched against unquoted fields.
///
/// Tokens of up to 8 bytes (all common ones) are compared as one packed word.
struct MissingTokens: Sendable {
  private let packed: [UInt64]
  private let packedLengths: [Int]
  private let long: [[UInt8]]
  private let empty: Bool
  private let maxLength: Int
  /// The kinds counted by `kind(_:_:)`: `empty` (an empty field or `""`), then the short tokens,
  /// then the long ones.
  let kinds: [String]

  /// Creates the matcher from the option's strings.
  init(_ strings: Set<String>) {
    let tokens = strings.filter { !$0.isEmpty }.sorted().map { Array($0.utf8) }
    let short = tokens.filter { $0.count <= 8 }
    packed = short.map { bytes in
      bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }
    packedLengths = short.map(\.count)
    long = tokens.filter { $0.count > 8 }
    empty = strings.contains("")
    maxLength = tokens.map(\.count).max() ?? 0
    kinds =
      ["empty"] + (short + long).map { String(decoding: $0, as: UTF8.self) }
  }

  /// True when the `n` bytes at `p` are a missing token.
  @inline(__always)
  func matches(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool { kind(p, n) >= 0 }

  /// The index in `kinds` of the missing token the `n` bytes at `p` are, or -1.
  @inline(__always)
  func kind(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
    if n == 0 { return empty ? 0 : -1 }
    if n > maxLength { return -1 }
    if n <= 8 {
      var word: UInt64 = 0
      for k in 0..<n { word |= UInt64(p[k]) << (8 * UInt64(k)) }
      for i in packed.indices where packed[i] == word && packedLengths[i] == n { return 1 + i }
      return -1
    }
    for (i, token) in long.enumerated() where token.count == n {
      if (0..<n).allSatisfy({ token[$0] == p[$0] }) { return 1 + packed.count + i }
    }
    return -1
  }
}

/// Settings shared by every column parser of one read.
struct ParseSettings: Sendable {
  /// Accept `,` as decimal separator.
  let decimalComma: Bool
  /// Missing-value tokens.
  let missing: MissingTokens
  /// A declared number format with a thousands separator, as bytes (decimal, thousands); `nil`
  /// reads numbers the default way (`FieldParsing.number`).
  let grouped: (decimal: UInt8, thousands: UInt8)?

  /// Creates the settings; `format` is the declared number format, if any.
  init(decimalComma: Bool, missing: MissingTokens, format: NumberConvention? = nil) {
    self.decimalComma = decimalComma
    self.missing = missing
    if let format, let thousands = format.thousands {
      grouped = (
        format.decimal == "," ? 44 : 46, thousands == "," ? 44 : thousands == "." ? 46 : 32
      )
    } else {
      grouped = nil
    }
  }

  /// Reads the `n` bytes at `p` as a number in the declared format (or the default one).
  @inline(__always)
  func number(_ p: UnsafePointer<UInt8>, _ n: Int) -> NumberValue {
    if let grouped {
      return NumberConvention.parse(p, n, decimal: grouped.decimal, thousands: grouped.thousands)
    }
    return FieldParsing.number(p, n, decimalComma: decimalComma)
  }
}

/// What became of one value added to a `ColumnChunk`.
enum AddResult {
  case ok
  /// The value does not fit the column's inferred kind: restart the chunk column as text.
  case needsText
  /// The value does not fit the column's overridden type.
  case badValue(ColumnType)
  case invalidUTF8
}

/// One column of one chunk, parsed with its type guessed on the fly: it starts empty, becomes
/// bool, int or double with the first value, promotes int to double in place, and restarts as
/// text (the caller rescans earlier rows) when a value is neither.
struct ColumnChunk {
  /// The storage kind so far.
  enum Kind: UInt8 {
    case empty, bool, int, double, text
  }

  /// The user's type override, if any.
  let override: ColumnType?
  private let settings: ParseSettings
  private let reserve: Int
  private(set) var kind: Kind
  private(set) var ints = ValueBuffer<Int>()
  private(set) var doubles = ValueBuffer<Double>()
  private(set) var bools = ValueBuffer<Bool>()
  private(set) var codes = ValueBuffer<Int32>()
  /// Rows added so far.
  private(set) var rowCount = 0
  /// The (chunk-relative) rows that are missing, ascending.
  private(set) var missingRows: [Int] = []
  /// How many missing rows each missing-value kind (`settings.missing.kinds`) accounts for;
  /// empty until the first.
  private(set) var missingKinds: [Int] = []
  private(set) var dictionary: LevelDictionary
  /// Earliest value of an inferred column that is not a number (bool or text).
  private(set) var firstNonNumeric: RawField?
  /// A quoted empty field (`""`) was read as missing while the column was not text: if the
  /// column turns out to be text, its rows must be read again (there `""` is the empty text).
  private(set) var sawQuotedEmpty = false

  /// Creates an empty chunk column.
  init(override: ColumnType?, settings: ParseSettings, reserve: Int) {
    self.override = override
    self.settings = settings
    self.reserve = reserve
    switch override {
    case nil: kind = .empty
    case .int: kind = .int
    case .double: kind = .double
    case .bool: kind = .bool
    case .string, .category, .date, .datetime: kind = .text
    }
    dictionary = LevelDictionary(classify: override == nil, settings: settings)
    reserveStorage()
  }

  /// Adds one field.
  @inline(__always)
  mutating func add(_ field: RawField, _ base: UnsafePointer<UInt8>, scratch: inout [UInt8])
    -> AddResult
  {
    let n = field.end - field.start
    if !field.quoted {
      let token = settings.missing.kind(base + field.start, n)
      if token >= 0 {
        appendMissing(token)
        return .ok
      }
    }
    if field.quoted, n == 0, kind != .text {
      // `""` in a number or true/false column is missing, as an empty field is; in text it stays
      // the empty text (the CSV writer quotes empty texts so that they survive a round trip).
      sawQuotedEmpty = true
      appendMissing(0)
      return .ok
    }
    if !field.escaped { return addValue(field, base + field.start, n) }
    scratch.removeAll(keepingCapacity: true)
    var i = field.start
    while i < field.end {
      scratch.append(base[i])
      i += base[i] == field.quote && i + 1 < field.end && base[i + 1] == field.quote ? 2 : 1
    }
    return scratch.withUnsafeBufferPointer { buffer -> AddResult in
      guard let p = buffer.baseAddress else { return addValue(field, base + field.start, 0) }
      return addValue(field, p, buffer.count)
    }
  }

  /// Forgets every value and switches to text; the caller re-adds the earlier rows.
  mutating func restartAsText() {
    kind = .text
    ints = ValueBuffer()
    doubles = ValueBuffer()
    bools = ValueBuffer()
    codes = ValueBuffer()
    rowCount = 0
    missingRows.removeAll(keepingCapacity: true)
    missingKinds = []
    firstNonNumeric = nil
    sawQuotedEmpty = false
    dictionary = LevelDictionary(classify: override == nil, settings: settings)
    reserveStorage()
  }

  @inline(__always)
  private mutating func appendMissing(_ token: Int) {
    if missingKinds.isEmpty {
      missingKinds = [Int](repeating: 0, count: settings.missing.kinds.count)
    }
    missingKinds[token] += 1
    missingRows.append(rowCount)
    rowCount += 1
    switch kind {
    case .empty: break
    case .bool: bools.append(false)
    case .int: ints.append(0)
    case .double: doubles.append(.nan)
    case .text: codes.append(-1)
    }
  }

  @inline(__always)
  private mutating func addValue(_ field: RawField, _ p: UnsafePointer<UInt8>, _ n: Int)
    -> AddResult
  {
    switch kind {
    case .text:
      return addText(field, p, n)
    case .int, .double:
      return addNumber(settings.number(p, n))
    case .bool:
      guard let b = FieldParsing.bool(p, n, allowDigits: override == .bool) else {
        if override == .bool { return .badValue(.bool) }
        return .needsText
      }
      bools.append(b)
    case .empty:
      return addFirstValue(field, p, n)
    }
    rowCount += 1
    return .ok
  }

  /// For an int or double column: reads the next field with `FieldScanner.nextNumber` and adds it,
  /// when it is a number that ends where the row's shape says (a delimiter unless it is the row's
  /// last field), is no missing token, and fits the column.
  ///
  /// Otherwise (and for other kinds) it leaves scanner and column as they were and returns false,
  /// for the general path to read the field and report any problem.
  @inline(__always)
  mutating func addNumberInOnePass(
    _ scanner: inout FieldScanner, base: UnsafePointer<UInt8>, lastField: Bool
  ) -> Bool {
    guard kind == .int || kind == .double else { return false }
    let start = scanner.position
    guard let number = scanner.nextNumber(decimalComma: settings.decimalComma) else {
      return false
    }
    let field = number.field
    if (number.status == .rowEnd) == lastField,
      !settings.missing.matches(base + field.start, field.end - field.start),
      case .ok = addNumber(number.value)
    {
      return true
    }
    scanner.position = start
    return false
  }

  /// Adds a value already parsed by `FieldParsing.number` to an int or double column: ints are
  /// promoted to doubles at the first fraction (unless overridden as int).
  ///
  /// Returns `.needsText` or `.badValue` for what the column cannot hold, without changing the
  /// column.
  @inline(__always)
  mutating func addNumber(_ value: NumberValue) -> AddResult {
    assert(kind == .int || kind == .double, "addNumber on a \(kind) column")
    switch (kind, value) {
    case (.int, .int(let v)):
      ints.append(v)
    case (.int, .double(let d)):
      if override == .int { return .badValue(.int) }
      doubles = ValueBuffer(capacity: reserve)
      for i in 0..<ints.count { doubles.append(Double(ints[i])) }
      ints = ValueBuffer()
      kind = .double
      doubles.append(d)
    case (_, .int(let v)):
      doubles.append(Double(v))
    case (_, .double(let d)):
      doubles.append(d)
    case (_, .none):
      if let override, override == .int || override == .double { return .badValue(override) }
      return .needsText
    }
    rowCount += 1
    return .ok
  }

  /// The first non-missing value of an inferred column fixes its starting kind.
  private mutating func addFirstValue(_ field: RawField, _ p: UnsafePointer<UInt8>, _ n: Int)
    -> AddResult
  {
    let rows = rowCount
    switch settings.number(p, n) {
    case .int(let v):
      kind = .int
      reserveStorage()
      ints.append(repeating: 0, count: rows)
      ints.append(v)
    case .double(let d):
      kind = .double
      reserveStorage()
      doubles.append(repeating: .nan, count: rows)
      doubles.append(d)
    case .none:
      if let b = FieldParsing.bool(p, n) {
        kind = .bool
        reserveStorage()
        bools.append(repeating: false, count: rows)
        bools.append(b)
        firstNonNumeric = field
      } else {
        // Earlier `""` rows were taken as missing: as text they are empty texts, so the caller
        // restarts the column as text and reads them again.
        if sawQuotedEmpty { return .needsText }
        kind = .text
        reserveStorage()
        codes.append(repeating: -1, count: rows)
        return addText(field, p, n)
      }
    }
    rowCount += 1
    return .ok
  }

  @inline(__always)
  private mutating func addText(_ field: RawField, _ p: UnsafePointer<UInt8>, _ n: Int)
    -> AddResult
  {
    switch dictionary.code(p, n) {
    case .existing(let code):
      codes.append(code)
    case .inserted(let code):
      codes.append(code)
      if override == nil, firstNonNumeric == nil,
        let cls = dictionary.classes.last, !cls.isNumeric
      {
        firstNonNumeric = field
      }
    case .invalidUTF8:
      return .invalidUTF8
    }
    rowCount += 1
    return .ok
  }

  private mutating func reserveStorage() {
    switch kind {
    case .empty: break
    case .bool: bools = ValueBuffer(capacity: reserve)
    case .int: ints = ValueBuffer(capacity: reserve)
    case .double: doubles = ValueBuffer(capacity: reserve)
    case .text: codes = ValueBuffer(capacity: reserve)
    }
  }
}

extension ColumnChunk {
  /// Non-missing values that read as numbers, and those that do not.
  var valueCounts: (numeric: Int, other: Int) {
    let present = rowCount - missingRows.count
    switch kind {
    case .empty: return (0, 0)
    case .int, .double: return (present, 0)
    case .bool: return (0, present)
    case .text:
      var numeric = 0
      var other = 0
      for (i, cls) in dictionary.classes.enumerated() {
        if cls.isNumeric { numeric += dictionary.counts[i] } else { other += dictionary.counts[i] }
      }
      return (numeric, other)
    }
  }

  /// True when some value reads as a number with a fraction or exponent.
  var sawDouble: Bool {
    kind == .double || (kind == .text && dictionary.classes.contains(.double))
  }
}

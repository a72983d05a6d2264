/// One column of a sheet: its cells, typed as the CSV reader types a column (booleans, integers,
/// doubles, text), or as an override says.
struct SheetColumn {
  /// What a cell is once missing tokens are taken out.
  private enum Kind {
    case missing(String)
    case bool(Bool)
    case number(Double)
    case date(String)
    /// Text that reads as a number (numbers stored as text).
    case numericText(Double)
    case text(String)
  }

  /// The column and what the report should say about it.
  struct Built {
    let column: Column
    let note: String?
    let missing: [MissingCount]
  }

  let name: String
  let cells: [XLSXParts.Cell?]
  /// The sheet row of each cell, for messages.
  let rows: [Int]
  let path: String
  /// The 1-based sheet column, for messages.
  let position: Int
  let missingTokens: Set<String>
  let format: NumberConvention?

  /// Types the column.
  /// - Parameter override: the declared type, if any.
  /// - Returns: the column, a note when dates or numbers stored as text were read, and the
  ///   missing values by kind.
  /// - Throws: `DataError.badValue` for a cell the (declared or mostly numeric) type cannot hold.
  func build(override: ColumnType?) throws -> Built {
    let kinds = cells.map(classify)
    var missingCounts: [String: Int] = [:]
    for case .missing(let why) in kinds { missingCounts[why, default: 0] += 1 }
    let missingList = missingCounts.sorted { $0.key < $1.key }.map {
      MissingCount(kind: $0.key, count: $0.value)
    }
    let mask = kinds.map {
      if case .missing = $0 { return true }
      return false
    }
    func bad(_ i: Int, _ expected: ColumnType) -> DataError {
      .badValue(
        at: SourceLocation(file: path, line: rows[i], column: position), column: name,
        value: cells[i].map(XLSXColumns.text(of:)) ?? "", expected: expected)
    }
    func texts(_ type: ColumnType) -> Built {
      let values = zip(cells, mask).map { cell, missing in
        missing ? nil : cell.map(XLSXColumns.text(of:))
      }
      return Built(column: .string(name, values, type: type), note: nil, missing: missingList)
    }
    func numbers(integer: Bool) throws -> Built {
      var doubles: [Double] = []
      doubles.reserveCapacity(kinds.count)
      var sawText = false
      for (i, kind) in kinds.enumerated() {
        switch kind {
        case .missing: doubles.append(.nan)
        case .number(let x): doubles.append(x)
        case .numericText(let x):
          sawText = true
          doubles.append(x)
        case .bool(let b) where override == .double || override == .int:
          doubles.append(b ? 1 : 0)
        default: throw bad(i, integer ? .int : .double)
        }
      }
      let note = sawText ? "numbers stored as text read as numbers" : nil
      let column: Column
      if integer {
        column = Column(
          name: name, values: .int(doubles.map { $0.isNaN ? 0 : Int($0) }), missing: mask)
      } else {
        column = Column(name: name, values: .double(doubles), missing: mask)
      }
      return Built(column: column, note: note, missing: missingList)
    }
    func isInteger(_ x: Double) -> Bool { x == x.rounded() && abs(x) <= 9_007_199_254_740_992 }
    func dates(_ type: ColumnType?) throws -> Built {
      let texts = kinds.map { kind -> String? in
        switch kind {
        case .missing: return nil
        case .date(let iso): return iso
        case .text(let t): return t.trimmingBlanks
        default: return ""
        }
      }
      do {
        let column = try Column.dates(name, texts: texts, as: type)
        let note = column.type == .date ? "dates" : "dates with times"
        return Built(column: column, note: note, missing: missingList)
      } catch {
        throw bad(error.row, type ?? .date)
      }
    }
    switch override {
    case .date?: return try dates(.date)
    case .datetime?: return try dates(.datetime)
    case .string?: return texts(.string)
    case .category?: return texts(.category)
    case .bool?:
      var bools: [Bool] = []
      for (i, kind) in kinds.enumerated() {
        switch kind {
        case .missing: bools.append(false)
        case .bool(let b): bools.append(b)
        case .number(let x) where x == 0 || x == 1: bools.append(x == 1)
        case .numericText(let x) where x == 0 || x == 1: bools.append(x == 1)
        case .text(let t) where ["true", "false"].contains(t.lowercased()):
          bools.append(t.lowercased() == "true")
        default: throw bad(i, .bool)
        }
      }
      return Built(
        column: Column(name: name, values: .bool(bools), missing: mask), note: nil,
        missing: missingList)
    case .int?:
      for (i, kind) in kinds.enumerated() {
        if case .number(let x) = kind, !isInteger(x) { throw bad(i, .int) }
        if case .numericText(let x) = kind, !isInteger(x) { throw bad(i, .int) }
      }
      return try numbers(integer: true)
    case .double?: return try numbers(integer: false)
    case nil: break
    }
    var counts = (bool: 0, number: 0, date: 0, text: 0, integral: true)
    var firstOther: Int?
    for (i, kind) in kinds.enumerated() {
      switch kind {
      case .missing: break
      case .bool: counts.bool += 1
      case .number(let x), .numericText(let x):
        counts.number += 1
        if !isInteger(x) { counts.integral = false }
      case .date: counts.date += 1
      case .text: counts.text += 1
      }
      switch kind {
      case .number, .numericText, .missing: break
      default: if firstOther == nil { firstOther = i }
      }
    }
    let present = counts.bool + counts.number + counts.date + counts.text
    if present == 0 { return try numbers(integer: false) }
    if counts.bool == present {
      let bools = kinds.map {
        if case .bool(let b) = $0 { return b }
        return false
      }
      return Built(
        column: Column(name: name, values: .bool(bools), missing: mask), note: nil,
        missing: missingList)
    }
    if counts.number == present { return try numbers(integer: counts.integral) }
    if counts.date == present { return try dates(nil) }
    if counts.number > present - counts.number, let firstOther {
      throw bad(firstOther, counts.integral ? .int : .double)
    }
    return texts(.string)
  }

  private func classify(_ cell: XLSXParts.Cell?) -> Kind {
    guard let cell else { return .missing("empty") }
    switch cell {
    case .number(let x): return .number(x)
    case .date(let x, let iso): return iso.map { .date($0) } ?? .number(x)
    case .bool(let b): return .bool(b)
    case .error(let e): return .missing(e)
    case .text(let raw):
      let t = raw.trimmingBlanks
      if missingTokens.contains(t) { return .missing(t.isEmpty ? "empty" : t) }
      var copy = t
      let value = copy.withUTF8 { buffer -> NumberValue in
        guard let p = buffer.baseAddress else { return .none }
        if let format { return format.parse(p, buffer.count) }
        return FieldParsing.number(p, buffer.count, decimalComma: false)
      }
      switch value {
      case .int(let v): return .numericText(Double(v))
      case .double(let v): return .numericText(v)
      case .none: return .text(raw)
      }
    }
  }
}

extension String {
  /// The text without leading and trailing spaces, tabs and line breaks.
  var trimmingBlanks: String {
    let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let first = firstIndex(where: { !blank($0) }),
      let last = lastIndex(where: { !blank($0) })
    else { return "" }
    return String(self[first...last])
  }
}

import DataTable
import Foundation

/// Evaluated values of an expression over the rows of a table: numbers (NaN marks missing;
/// logicals are 0/1) or text (`nil` missing).
enum ExpressionValues {
  case numbers([Double])
  case text([String?])
}

/// Rows of the same unit at other times, for `lag` and `lead`: the value at time t - k of the same
/// unit, missing when that unit has no row at t - k (gaps are respected, not skipped over).
struct PanelShiftIndex: Sendable {
  /// For each row, the row of the same unit at time t + offset is `rowAt[key(unit, t + offset)]`.
  let unitCodes: [Int]
  let times: [Int?]
  let rowAt: [PanelKey: Int]

  struct PanelKey: Hashable, Sendable {
    let unit: Int
    let time: Int
  }

  init(unit: Column, time: Column) {
    var codes = [Int](repeating: -1, count: unit.count)
    switch unit.values {
    case .int(let values):
      // Integer identifiers are their own codes (no text conversion on large panels).
      for row in 0..<unit.count where !unit.isMissing(row) { codes[row] = values[row] }
    case .text(let textCodes, _):
      for row in 0..<unit.count where textCodes[row] >= 0 { codes[row] = Int(textCodes[row]) }
    default:
      var units = FirstAppearanceCodes<String>()
      for row in 0..<unit.count {
        guard let key = unit.stringValue(row) else { continue }
        codes[row] = units.code(for: key)
      }
    }
    var times = [Int?](repeating: nil, count: time.count)
    var rowAt: [PanelKey: Int] = [:]
    for row in 0..<time.count {
      guard let t = time.doubleValue(row), t == t.rounded(), abs(t) < 1e9, !unit.isMissing(row)
      else {
        continue
      }
      times[row] = Int(t)
      rowAt[PanelKey(unit: codes[row], time: Int(t))] = row
    }
    self.unitCodes = codes
    self.times = times
    self.rowAt = rowAt
  }

  /// The row holding the same unit at time t + offset, or `nil`.
  func row(_ row: Int, offset: Int) -> Int? {
    guard let t = times[row] else { return nil }
    return rowAt[PanelKey(unit: unitCodes[row], time: t + offset)]
  }
}

/// Evaluates checked expressions over a table.
struct ExpressionEvaluator {
  let table: DataTable
  let panel: PanelShiftIndex?

  func evaluate(_ e: Expression) -> ExpressionValues {
    let n = table.rowCount
    switch e {
    case .number(let x): return .numbers([Double](repeating: x, count: n))
    case .logical(let b): return .numbers([Double](repeating: b ? 1 : 0, count: n))
    case .text(let s): return .text([String?](repeating: s, count: n))
    case .column(let name, _):
      guard let column = table[name] else { return .numbers([Double](repeating: .nan, count: n)) }
      if case .text = column.values { return .text((0..<n).map { column.stringValue($0) }) }
      return .numbers(column.doubles() ?? [Double](repeating: .nan, count: n))
    case .unary(let op, let a, _):
      let x = numbers(evaluate(a))
      return .numbers(x.map { v in v.isNaN ? .nan : op == "not" ? (v == 0 ? 1 : 0) : -v })
    case .binary(let op, let a, let b, _):
      return binary(op, evaluate(a), evaluate(b))
    case .chain(let first, let links):
      // Left to right, as the nested binary form: ((a op b) op c) ...
      var value = evaluate(first)
      for link in links { value = binary(link.op, value, evaluate(link.operand)) }
      return value
    case .call(let name, let args, _):
      return call(name, args)
    }
  }

  private func numbers(_ v: ExpressionValues) -> [Double] {
    if case .numbers(let x) = v { return x }
    return [Double](repeating: .nan, count: table.rowCount)
  }

  private func binary(_ op: String, _ a: ExpressionValues, _ b: ExpressionValues)
    -> ExpressionValues
  {
    if case .text(let x) = a, case .text(let y) = b {
      return .numbers(
        zip(x, y).map { l, r in
          guard let l, let r else { return .nan }
          switch op {
          case "==": return l == r ? 1 : 0
          case "!=": return l != r ? 1 : 0
          case "<": return l < r ? 1 : 0
          case "<=": return l <= r ? 1 : 0
          case ">": return l > r ? 1 : 0
          default: return l >= r ? 1 : 0
          }
        })
    }
    let x = numbers(a)
    let y = numbers(b)
    let f: (Double, Double) -> Double
    switch op {
    case "+": f = { $0 + $1 }
    case "-": f = { $0 - $1 }
    case "*": f = { $0 * $1 }
    case "/": f = { $0 / $1 }
    case "^": f = { pow($0, $1) }
    case "==": f = { $0.isNaN || $1.isNaN ? .nan : ($0 == $1 ? 1 : 0) }
    case "!=": f = { $0.isNaN || $1.isNaN ? .nan : ($0 != $1 ? 1 : 0) }
    case "<": f = { $0.isNaN || $1.isNaN ? .nan : ($0 < $1 ? 1 : 0) }
    case "<=": f = { $0.isNaN || $1.isNaN ? .nan : ($0 <= $1 ? 1 : 0) }
    case ">": f = { $0.isNaN || $1.isNaN ? .nan : ($0 > $1 ? 1 : 0) }
    case ">=": f = { $0.isNaN || $1.isNaN ? .nan : ($0 >= $1 ? 1 : 0) }
    case "and":
      // Three-valued logic as R: FALSE & NA is FALSE.
      f = { l, r in
        if l == 0 || r == 0 { return 0 }
        return l.isNaN || r.isNaN ? .nan : 1
      }
    default:  // or: TRUE | NA is TRUE.
      f = { l, r in
        if (!l.isNaN && l != 0) || (!r.isNaN && r != 0) { return 1 }
        return l.isNaN || r.isNaN ? .nan : 0
      }
    }
    // An index loop rather than zip/map: a long chain calls this once per operand.
    var out = [Double](repeating: .nan, count: Swift.min(x.count, y.count))
    for i in out.indices {
      let v = f(x[i], y[i])
      if v.isFinite { out[i] = v }
    }
    return .numbers(out)
  }

  private func call(_ name: String, _ args: [Expression]) -> ExpressionValues {
    let n = table.rowCount
    switch name {
    case "if_else":
      let condition = numbers(evaluate(args[0]))
      let yes = evaluate(args[1])
      let no = evaluate(args[2])
      if case .text(let a) = yes, case .text(let b) = no {
        return .text(
          (0..<n).map { i in condition[i].isNaN ? nil : condition[i] != 0 ? a[i] : b[i] })
      }
      let a = numbers(yes)
      let b = numbers(no)
      return .numbers(
        (0..<n).map { i in condition[i].isNaN ? .nan : condition[i] != 0 ? a[i] : b[i] })
    case "is_missing":
      switch evaluate(args[0]) {
      case .numbers(let x): return .numbers(x.map { $0.isNaN ? 1 : 0 })
      case .text(let x): return .numbers(x.map { $0 == nil ? 1 : 0 })
      }
    case "log", "exp", "sqrt", "abs":
      let f: (Double) -> Double =
        name == "log"
        ? { Foundation.log($0) }
        : name == "exp"
          ? { Foundation.exp($0) }
          : name == "sqrt" ? { $0.squareRoot() } : { Swift.abs($0) }
      return .numbers(
        numbers(evaluate(args[0])).map { x in
          let v = f(x)
          return v.isFinite ? v : .nan
        })
    case "year", "month", "day":
      // A date is days since 1970-01-01 (date-times: fractional days).
      return .numbers(
        numbers(evaluate(args[0])).map { x in
          guard x.isFinite, abs(x) < 3_000_000 else { return .nan }
          let (y, m, d) = CalendarDays.civil(Int(x.rounded(.down)))
          return Double(name == "year" ? y : name == "month" ? m : d)
        })
    case "round":
      var digits = 0.0
      if args.count == 2, case .number(let d) = args[1] { digits = d.rounded() }
      return .numbers(numbers(evaluate(args[0])).map { Self.round($0, digits: digits) })
    case "min", "max":
      let columns = args.map { numbers(evaluate($0)) }
      return .numbers(
        (0..<n).map { i in
          let values = columns.map { $0[i] }
          if values.contains(where: \.isNaN) { return .nan }
          return (name == "min" ? values.min() : values.max()) ?? .nan
        })
    default:  // lag / lead
      var k = 1
      if args.count == 2, case .number(let step) = args[1] {
        // `check` refuses other steps; an unchecked one gives missing values, never a trap.
        guard let whole = Int(exactly: step), (1...Expression.maximumShift).contains(whole) else {
          return .numbers([Double](repeating: .nan, count: n))
        }
        k = whole
      }
      let offset = name == "lag" ? -k : k
      let values = evaluate(args[0])
      guard let panel else { return .numbers([Double](repeating: .nan, count: n)) }
      switch values {
      case .numbers(let x):
        return .numbers((0..<n).map { i in panel.row(i, offset: offset).map { x[$0] } ?? .nan })
      case .text(let x):
        return .text((0..<n).map { i in panel.row(i, offset: offset).flatMap { x[$0] } })
      }
    }
  }

  /// R's `round(x, digits)` with halves to even ("IEC 60559"); missing (NaN) when the result is not
  /// finite.
  ///
  /// When `|x| 10^digits` reaches 2^52 (or overflows), `x` has no digits below `10^-digits` and is
  /// returned as is; when `10^-digits` overflows, the result is zero. A result beyond the double
  /// range (`round(-1.7e308, -308)`) is missing.
  static func round(_ x: Double, digits: Double) -> Double {
    guard x.isFinite else { return .nan }
    if digits >= 0 {
      let scale = pow(10, digits)
      let scaled = x * scale
      if !scaled.isFinite || Swift.abs(scaled) >= 0x1p52 { return x }
      let value = scaled.rounded(.toNearestOrEven) / scale
      return value.isFinite ? value : .nan
    }
    let step = pow(10, -digits)
    guard step.isFinite else { return 0 * x }
    if Swift.abs(x / step) >= 0x1p52 { return x }
    let value = (x / step).rounded(.toNearestOrEven) * step
    return value.isFinite ? value : .nan
  }

  /// The values as a column named `name`: logical -> bool, number -> double, text -> string.
  static func column(_ name: String, _ values: ExpressionValues, type: ExpressionType) -> Column {
    switch values {
    case .text(let x): return Column.string(name, x)
    case .numbers(let x):
      if type == .logical { return Column.bool(name, x.map { $0.isNaN ? nil : $0 != 0 }) }
      return Column.double(name, x.map { $0.isNaN ? nil : $0 })
    }
  }
}

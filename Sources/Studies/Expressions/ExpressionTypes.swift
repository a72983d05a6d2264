import DataTable

/// What an expression yields: numbers, true/false, or text.
public enum ExpressionType: String, Sendable, Equatable {
  /// Numbers (integers and reals).
  case number
  /// true/false (usable as 0/1 in arithmetic).
  case logical
  /// Text.
  case text

  /// The type of a column's values.
  public init(column: Column) {
    switch column.values {
    case .text: self = .text
    case .bool: self = .logical
    case .double, .int: self = .number
    }
  }

  var isNumeric: Bool { self != .text }
}

extension Expression {
  /// Checks names, arities and types against the columns available.
  /// - Parameters:
  ///   - columns: column name -> type.
  ///   - hasPanel: whether `data.panel` declares unit and time (needed by `lag`/`lead`).
  /// - Returns: the expression's type.
  /// - Throws: `ExpressionError` at the offending position, suggesting near names.
  public func check(columns: [String: ExpressionType], hasPanel: Bool) throws -> ExpressionType {
    switch self {
    case .number: return .number
    case .text: return .text
    case .logical: return .logical
    case .column(let name, let position):
      guard let type = columns[name] else {
        let near = nearestName(to: name, among: Array(columns.keys).sorted())
        throw ExpressionError(
          position: position,
          "unknown column '\(name)'" + (near.map { "; did you mean '\($0)'?" } ?? ""))
      }
      return type
    case .unary(let op, let a, let position):
      let t = try a.check(columns: columns, hasPanel: hasPanel)
      guard t.isNumeric else {
        throw ExpressionError(position: position, "'\(op)' needs a number or logical, not text")
      }
      return op == "not" ? .logical : .number
    case .binary(let op, let a, let b, let position):
      let ta = try a.check(columns: columns, hasPanel: hasPanel)
      let tb = try b.check(columns: columns, hasPanel: hasPanel)
      return try Self.binaryType(op, ta, tb, position: position)
    case .chain(let first, let links):
      var type = try first.check(columns: columns, hasPanel: hasPanel)
      for link in links {
        let tb = try link.operand.check(columns: columns, hasPanel: hasPanel)
        type = try Self.binaryType(link.op, type, tb, position: link.position)
      }
      return type
    case .call(let name, let args, let position):
      return try checkCall(name, args, position: position, columns: columns, hasPanel: hasPanel)
    }
  }

  private static func binaryType(
    _ op: String, _ ta: ExpressionType, _ tb: ExpressionType, position: Int
  ) throws -> ExpressionType {
    switch op {
    case "==", "!=", "<", "<=", ">", ">=":
      if ta == .text || tb == .text {
        guard ta == tb else {
          throw ExpressionError(
            position: position,
            "cannot compare text with a number; quote the value (e.g. track == \"school\")")
        }
      }
      return .logical
    case "and", "or":
      guard ta.isNumeric, tb.isNumeric else {
        throw ExpressionError(position: position, "'\(op)' needs true/false values on both sides")
      }
      return .logical
    default:
      guard ta.isNumeric, tb.isNumeric else {
        throw ExpressionError(position: position, "'\(op)' needs numbers on both sides, not text")
      }
      return .number
    }
  }

  private func checkCall(
    _ name: String, _ args: [Expression], position: Int, columns: [String: ExpressionType],
    hasPanel: Bool
  ) throws -> ExpressionType {
    func arity(_ range: ClosedRange<Int>) throws {
      guard range.contains(args.count) else {
        let wanted =
          range.lowerBound == range.upperBound
          ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
        throw ExpressionError(
          position: position, "\(name)() takes \(wanted) argument(s), \(args.count) given")
      }
    }
    let types = try args.map { try $0.check(columns: columns, hasPanel: hasPanel) }
    func numeric(_ i: Int) throws {
      guard types[i].isNumeric else {
        throw ExpressionError(
          position: position, "\(name)(): argument \(i + 1) must be a number, not text")
      }
    }
    switch name {
    case "if_else":
      try arity(3...3)
      try numeric(0)
      if types[1] == types[2] { return types[1] }
      guard types[1].isNumeric, types[2].isNumeric else {
        throw ExpressionError(
          position: position, "if_else(): both branches must be text or both numbers")
      }
      return .number
    case "is_missing":
      try arity(1...1)
      return .logical
    case "log", "exp", "sqrt", "abs", "year", "month", "day":
      try arity(1...1)
      try numeric(0)
      return .number
    case "round":
      try arity(1...2)
      try numeric(0)
      if args.count == 2, case .number = args[1] {
      } else if args.count == 2 {
        throw ExpressionError(position: position, "round(): the digits must be a number literal")
      }
      return .number
    case "min", "max":
      try arity(2...16)
      for i in args.indices { try numeric(i) }
      return .number
    case "lag", "lead":
      try arity(1...2)
      guard hasPanel else {
        throw ExpressionError(
          position: position,
          "\(name)() needs data.panel with unit and time (e.g. "
            + "panel: {unit: learner_id, time: year})")
      }
      if args.count == 2 {
        guard case .number(let k) = args[1], k >= 1, k == k.rounded(),
          k <= Double(Expression.maximumShift)
        else {
          throw ExpressionError(
            position: position,
            "\(name)(): the step must be a whole number from 1 to \(Expression.maximumShift)")
        }
      }
      return types[0]
    default:
      let near = nearestName(to: name, among: Expression.functions)
      throw ExpressionError(
        position: position,
        "unknown function '\(name)'" + (near.map { "; did you mean '\($0)'?" } ?? "")
          + " (functions: \(Expression.functions.joined(separator: ", ")))")
    }
  }
}

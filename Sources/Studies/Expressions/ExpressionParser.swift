/// Recursive-descent parser. Precedence, lowest first: `or`, `and`, `not`, comparisons,
/// `+ -`, `* /`, unary minus, `^` (right-associative), calls and atoms.
struct ExpressionParser {
  let tokens: [ExpressionToken]
  var index = 0

  init(tokens: [ExpressionToken]) { self.tokens = tokens }

  var current: ExpressionToken { tokens[min(index, tokens.count - 1)] }

  mutating func parseAll() throws -> Expression {
    if case .end = current.kind { throw ExpressionError(position: 1, "the expression is empty") }
    let e = try parseOr()
    guard case .end = current.kind else {
      throw ExpressionError(position: current.position, "unexpected \(describe(current))")
    }
    return e
  }

  private func describe(_ token: ExpressionToken) -> String {
    switch token.kind {
    case .number(let x): return "number \(x)"
    case .text(let s): return "text '\(s)'"
    case .name(let n): return "name '\(n)'"
    case .symbol(let s): return "'\(s)'"
    case .end: return "end of expression"
    }
  }

  private mutating func accept(_ symbol: String, words: [String] = []) -> Int? {
    let token = current
    switch token.kind {
    case .symbol(let s) where s == symbol:
      index += 1
      return token.position
    case .name(let n) where words.contains(n):
      index += 1
      return token.position
    default: return nil
    }
  }

  private mutating func parseOr() throws -> Expression {
    var left = try parseAnd()
    while let p = accept("||", words: ["or"]) {
      left = .binary("or", left, try parseAnd(), position: p)
    }
    return left
  }

  private mutating func parseAnd() throws -> Expression {
    var left = try parseNot()
    while let p = accept("&&", words: ["and"]) {
      left = .binary("and", left, try parseNot(), position: p)
    }
    return left
  }

  private mutating func parseNot() throws -> Expression {
    if let p = accept("!", words: ["not"]) { return .unary("not", try parseNot(), position: p) }
    return try parseComparison()
  }

  private mutating func parseComparison() throws -> Expression {
    let left = try parseAdditive()
    for op in ["==", "!=", "<=", ">=", "<", ">"] {
      if let p = accept(op) { return .binary(op, left, try parseAdditive(), position: p) }
    }
    return left
  }

  private mutating func parseAdditive() throws -> Expression {
    var left = try parseMultiplicative()
    while true {
      if let p = accept("+") {
        left = .binary("+", left, try parseMultiplicative(), position: p)
      } else if let p = accept("-") {
        left = .binary("-", left, try parseMultiplicative(), position: p)
      } else {
        return left
      }
    }
  }

  private mutating func parseMultiplicative() throws -> Expression {
    var left = try parseUnary()
    while true {
      if let p = accept("*") {
        left = .binary("*", left, try parseUnary(), position: p)
      } else if let p = accept("/") {
        left = .binary("/", left, try parseUnary(), position: p)
      } else {
        return left
      }
    }
  }

  private mutating func parseUnary() throws -> Expression {
    if let p = accept("-") { return .unary("-", try parseUnary(), position: p) }
    if accept("+") != nil { return try parseUnary() }
    return try parsePower()
  }

  private mutating func parsePower() throws -> Expression {
    let base = try parseAtom()
    if let p = accept("^") { return .binary("^", base, try parseUnary(), position: p) }
    return base
  }

  private mutating func parseAtom() throws -> Expression {
    let token = current
    switch token.kind {
    case .number(let x):
      index += 1
      return .number(x)
    case .text(let s):
      index += 1
      return .text(s)
    case .name(let name):
      index += 1
      if ["true", "TRUE"].contains(name) { return .logical(true) }
      if ["false", "FALSE"].contains(name) { return .logical(false) }
      if accept("(") != nil {
        var args: [Expression] = []
        if accept(")") == nil {
          repeat { args.append(try parseOr()) } while accept(",") != nil
          guard accept(")") != nil else {
            throw ExpressionError(
              position: current.position,
              "expected ')' to close \(name)(, found \(describe(current))")
          }
        }
        return .call(name, args, position: token.position)
      }
      return .column(name, position: token.position)
    case .symbol("("):
      index += 1
      let inner = try parseOr()
      guard accept(")") != nil else {
        throw ExpressionError(
          position: current.position, "expected ')', found \(describe(current))")
      }
      return inner
    default:
      throw ExpressionError(position: token.position, "expected a value, found \(describe(token))")
    }
  }
}

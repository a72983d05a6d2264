/// Recursive-descent parser.
///
/// Precedence, lowest first: `or`, `and`, `not`, comparisons, `+ -`, `* /`, unary minus, `^`
/// (right-associative), calls and atoms.
///
/// Runs of one left-associative level (`a + b - c + ...`) are read in a loop into one flat
/// `Expression.chain`, so their length is unlimited; nesting (parentheses, call arguments,
/// `not`, unary signs, the right side of `^`) is limited to `maximumDepth` levels so that hostile
/// input gets an error instead of a stack overflow.
struct ExpressionParser {
  /// Deepest nesting accepted.
  ///
  /// Hand-written expressions nest a few levels; 256 keeps the recursive descent, the type check
  /// and the evaluation far from the stack limit.
  static let maximumDepth = 256

  let tokens: [ExpressionToken]
  var index = 0
  private var depth = 0

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

  /// Enters one level of nesting at `position`.
  /// - Throws: `ExpressionError` beyond `maximumDepth`.
  private mutating func enter(_ position: Int) throws {
    depth += 1
    if depth > Self.maximumDepth {
      throw ExpressionError(
        position: position, "the expression nests deeper than \(Self.maximumDepth) levels")
    }
  }

  /// `first op x op y ...` as one node: the operand alone, a `.binary` for one operator, or a
  /// flat `.chain` for more.
  private static func combine(_ first: Expression, _ links: [ChainLink]) -> Expression {
    guard let link = links.first else { return first }
    if links.count == 1 { return .binary(link.op, first, link.operand, position: link.position) }
    return .chain(first, links)
  }

  /// One operator of a left-associative level: how it is written and its name in the tree.
  private struct ChainOperator {
    /// The symbol (`+`, `||`).
    let symbol: String
    /// Words that mean the same (`or`).
    let words: [String]
    /// The operator's name in the tree (`or` for `||`).
    let name: String

    init(_ symbol: String, words: [String] = [], name: String? = nil) {
      self.symbol = symbol
      self.words = words
      self.name = name ?? symbol
    }
  }

  /// One level of left-associative operators, `operand op operand op ...`, read without
  /// recursion into the same level; the operators are tried in the order given.
  private mutating func parseChain(
    _ operators: [ChainOperator], operand: (inout Self) throws -> Expression
  ) throws -> Expression {
    let first = try operand(&self)
    var links: [ChainLink] = []
    next: while true {
      for op in operators {
        if let p = accept(op.symbol, words: op.words) {
          links.append(ChainLink(op: op.name, operand: try operand(&self), position: p))
          continue next
        }
      }
      return Self.combine(first, links)
    }
  }

  private mutating func parseOr() throws -> Expression {
    try parseChain([ChainOperator("||", words: ["or"], name: "or")]) { try $0.parseAnd() }
  }

  private mutating func parseAnd() throws -> Expression {
    try parseChain([ChainOperator("&&", words: ["and"], name: "and")]) { try $0.parseNot() }
  }

  private mutating func parseNot() throws -> Expression {
    if let p = accept("!", words: ["not"]) {
      try enter(p)
      defer { depth -= 1 }
      return .unary("not", try parseNot(), position: p)
    }
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
    try parseChain([ChainOperator("+"), ChainOperator("-")]) { try $0.parseMultiplicative() }
  }

  private mutating func parseMultiplicative() throws -> Expression {
    try parseChain([ChainOperator("*"), ChainOperator("/")]) { try $0.parseUnary() }
  }

  private mutating func parseUnary() throws -> Expression {
    if let p = accept("-") {
      try enter(p)
      defer { depth -= 1 }
      return .unary("-", try parseUnary(), position: p)
    }
    if let p = accept("+") {
      try enter(p)
      defer { depth -= 1 }
      return try parseUnary()
    }
    return try parsePower()
  }

  private mutating func parsePower() throws -> Expression {
    let base = try parseAtom()
    if let p = accept("^") {
      try enter(p)
      defer { depth -= 1 }
      return .binary("^", base, try parseUnary(), position: p)
    }
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
        try enter(token.position)
        defer { depth -= 1 }
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
      try enter(token.position)
      defer { depth -= 1 }
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

/// Recursive-descent (precedence-climbing) parser for model formulas.
///
/// Precedence, lowest first, as in R: `~`, `|` and `||`, `+ -`, `* /`, `:`, unary `- +`, `^`.
/// Names may contain letters, digits, `_` and `.`, or be back-quoted (`` `my var` ``).
///
/// The depth of the syntax tree is limited to `maximumDepth` levels so that hostile input gets
/// an error instead of a stack overflow: nesting (parentheses, calls, unary signs, right-hand
/// sides of `^`) counts one level, and so does each operator of a chain such as `a + b + c`
/// (the tree leans left). Only the chain at the top of the right-hand side, the list of terms,
/// is unlimited: term expansion walks it without recursing per term.
struct FormulaParser {
  /// Deepest nesting of sub-expressions the parser accepts.
  ///
  /// Real formulas nest a handful of levels; 256 keeps the recursive descent far from the thread's
  /// stack limit.
  static let maximumDepth = 256

  private enum Token: Equatable {
    case name(String)
    case number(Double, String)
    case op(String)
    case end
  }

  private let formula: String
  private var tokens: [(token: Token, position: Int)] = []
  private var index = 0
  private var depth = 0
  /// The depth whose operator chains are unlimited (1 while the right-hand side is parsed).
  private var unlimitedChainDepth = 0

  /// Tokenises `formula`.
  /// - Throws: `FormulaError.syntax` at the first character that cannot start a token.
  init(_ formula: String) throws {
    self.formula = formula
    self.tokens = try Self.tokenize(formula)
  }

  /// Parses a whole formula: an optional response, `~`, and a right-hand side.
  mutating func parseFormula() throws -> (response: FormulaNode?, rhs: FormulaNode) {
    guard tokens.contains(where: { $0.token == .op("~") }) else {
      throw FormulaError.syntax(formula: formula, column: 1, message: "a formula needs '~'")
    }
    var response: FormulaNode?
    if current.token != .op("~") {
      response = try parseExpression(minimumPrecedence: 2)
    }
    try expect("~")
    if current.token == .end {
      throw syntaxError("expected terms after '~'")
    }
    unlimitedChainDepth = 1
    let rhs = try parseExpression(minimumPrecedence: 1)
    unlimitedChainDepth = 0
    if current.token != .end {
      throw syntaxError("unexpected \(describe(current.token))")
    }
    return (response, rhs)
  }

  /// Parses a stand-alone expression (used for `I()` bodies in tests and derived columns).
  mutating func parseStandaloneExpression() throws -> FormulaNode {
    let node = try parseExpression(minimumPrecedence: 1)
    if current.token != .end { throw syntaxError("unexpected \(describe(current.token))") }
    return node
  }

  // MARK: - Grammar

  private static func binaryPrecedence(_ op: String) -> Int? {
    switch op {
    case "|", "||": return 1
    case "+", "-": return 2
    case "*", "/": return 3
    case ":": return 4
    case "^": return 6
    default: return nil
    }
  }

  private var current: (token: Token, position: Int) { tokens[index] }

  private mutating func advance() { if index < tokens.count - 1 { index += 1 } }

  private mutating func parseExpression(minimumPrecedence: Int) throws -> FormulaNode {
    depth += 1
    defer { depth -= 1 }
    if depth > Self.maximumDepth {
      throw syntaxError("the formula nests deeper than \(Self.maximumDepth) levels")
    }
    var lhs = try parseUnary()
    var links = 0
    while case .op(let op) = current.token, let precedence = Self.binaryPrecedence(op),
      precedence >= minimumPrecedence
    {
      let position = current.position
      links += 1
      if depth != unlimitedChainDepth, depth + links > Self.maximumDepth {
        throw syntaxError(
          "the expression is longer than \(Self.maximumDepth) operands; only the list of terms "
            + "after '~' may be longer")
      }
      advance()
      // `^` is right-associative; the others are left-associative.
      let next = op == "^" ? precedence : precedence + 1
      if current.token == .end {
        throw syntaxError("expected a term after '\(op)'")
      }
      let rhs = try parseExpression(minimumPrecedence: next)
      lhs = .binary(op: op, lhs: lhs, rhs: rhs, position: position)
    }
    return lhs
  }

  private mutating func parseUnary() throws -> FormulaNode {
    if case .op(let op) = current.token, op == "-" || op == "+" {
      let position = current.position
      advance()
      // Unary minus binds looser than `^` (-x^2 is -(x^2)) and tighter than `:`.
      let operand = try parseExpression(minimumPrecedence: 5)
      return .unary(op: op, operand: operand, position: position)
    }
    return try parsePrimary()
  }

  private mutating func parsePrimary() throws -> FormulaNode {
    let (token, position) = current
    switch token {
    case .number(let value, let text):
      advance()
      return .number(value: value, text: text, position: position)
    case .name(let name):
      advance()
      if current.token == .op("(") {
        advance()
        var arguments: [FormulaArgument] = []
        if current.token != .op(")") {
          while true {
            arguments.append(try parseArgument())
            if current.token == .op(",") {
              advance()
              continue
            }
            break
          }
        }
        try expect(")", opening: position)
        let text =
          name + "("
          + arguments.map { ($0.label.map { "\($0)=" } ?? "") + $0.value.text }
          .joined(separator: ",") + ")"
        return .call(name: name, arguments: arguments, text: text, position: position)
      }
      return .variable(name: name, position: position)
    case .op("("):
      advance()
      if current.token == .op(")") { throw syntaxError("empty parentheses") }
      let inner = try parseExpression(minimumPrecedence: 1)
      try expect(")", opening: position)
      return .group(inner, position: position)
    case .end:
      throw syntaxError("unexpected end of formula")
    default:
      throw syntaxError("unexpected \(describe(token))")
    }
  }

  private mutating func parseArgument() throws -> FormulaArgument {
    if case .name(let label) = current.token, index + 1 < tokens.count,
      tokens[index + 1].token == .op("=")
    {
      advance()
      advance()
      return FormulaArgument(label: label, value: try parseExpression(minimumPrecedence: 1))
    }
    return FormulaArgument(label: nil, value: try parseExpression(minimumPrecedence: 1))
  }

  private mutating func expect(_ op: String, opening: Int? = nil) throws {
    guard current.token == .op(op) else {
      if op == ")", let opening {
        throw FormulaError.syntax(
          formula: formula, column: current.token == .end ? opening : current.position,
          message: current.token == .end
            ? "parenthesis opened here is not closed"
            : "expected ')' but found \(describe(current.token))")
      }
      throw syntaxError("expected '\(op)' but found \(describe(current.token))")
    }
    advance()
  }

  private func syntaxError(_ message: String) -> FormulaError {
    .syntax(formula: formula, column: current.position, message: message)
  }

  private func describe(_ token: Token) -> String {
    switch token {
    case .name(let n): return "name '\(n)'"
    case .number(_, let text): return "number \(text)"
    case .op(let op): return "'\(op)'"
    case .end: return "end of formula"
    }
  }

  // MARK: - Tokens

  private static func tokenize(_ formula: String) throws -> [(token: Token, position: Int)] {
    let chars = Array(formula.unicodeScalars)
    var out: [(token: Token, position: Int)] = []
    var i = 0
    func isNameStart(_ c: Unicode.Scalar) -> Bool {
      c.properties.isAlphabetic || c == "_" || c == "."
    }
    func isNameChar(_ c: Unicode.Scalar) -> Bool {
      isNameStart(c) || ("0"..."9").contains(c)
    }
    while i < chars.count {
      let c = chars[i]
      let position = i + 1
      if c == " " || c == "\t" || c == "\n" || c == "\r" {
        i += 1
      } else if ("0"..."9").contains(c)
        || (c == "." && i + 1 < chars.count && ("0"..."9").contains(chars[i + 1]))
      {
        var j = i
        while j < chars.count, ("0"..."9").contains(chars[j]) || chars[j] == "." { j += 1 }
        if j < chars.count, chars[j] == "e" || chars[j] == "E" {
          var k = j + 1
          if k < chars.count, chars[k] == "+" || chars[k] == "-" { k += 1 }
          if k < chars.count, ("0"..."9").contains(chars[k]) {
            j = k
            while j < chars.count, ("0"..."9").contains(chars[j]) { j += 1 }
          }
        }
        let text = String(String.UnicodeScalarView(chars[i..<j]))
        guard let value = Double(text) else {
          throw FormulaError.syntax(
            formula: formula, column: position, message: "bad number '\(text)'")
        }
        out.append((.number(value, text), position))
        i = j
      } else if isNameStart(c) {
        var j = i
        while j < chars.count, isNameChar(chars[j]) { j += 1 }
        out.append((.name(String(String.UnicodeScalarView(chars[i..<j]))), position))
        i = j
      } else if c == "`" {
        var j = i + 1
        while j < chars.count, chars[j] != "`" { j += 1 }
        guard j < chars.count else {
          throw FormulaError.syntax(
            formula: formula, column: position, message: "back-quote is not closed")
        }
        out.append((.name(String(String.UnicodeScalarView(chars[(i + 1)..<j]))), position))
        i = j + 1
      } else if c == "|", i + 1 < chars.count, chars[i + 1] == "|" {
        // `||`: uncorrelated random effects (lme4).
        out.append((.op("||"), position))
        i += 2
      } else if "~+-*/:^|(),=".unicodeScalars.contains(c) {
        out.append((.op(String(c)), position))
        i += 1
      } else if c == "\"" || c == "'" {
        // A quoted string argument (e.g. ref = "general") becomes a name token.
        var j = i + 1
        while j < chars.count, chars[j] != c { j += 1 }
        guard j < chars.count else {
          throw FormulaError.syntax(
            formula: formula, column: position, message: "quote is not closed")
        }
        out.append((.name(String(String.UnicodeScalarView(chars[(i + 1)..<j]))), position))
        i = j + 1
      } else {
        throw FormulaError.syntax(
          formula: formula, column: position, message: "unexpected character '\(c)'")
      }
    }
    out.append((.end, chars.count + 1))
    return out
  }
}

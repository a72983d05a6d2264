/// An expression of the spec's small language (filters and derived variables): numbers, quoted
/// text, `true`/`false`, column names, arithmetic `+ - * / ^`, comparisons `== != < <= > >=`,
/// `and`/`or`/`not` (also `&&`, `||`, `!`), and the functions `if_else`, `is_missing`, `log`,
/// `exp`, `sqrt`, `abs`, `min`, `max`, `round`, `lag`, `lead`.
///
/// Missing values propagate as in R: arithmetic, comparisons and functions of a missing value are
/// missing; `false and NA` is false and `true or NA` is true; a filter keeps rows where it is true.
public indirect enum Expression: Sendable, Equatable {
  /// A number literal.
  case number(Double)
  /// A quoted text literal.
  case text(String)
  /// `true` / `false`.
  case logical(Bool)
  /// A column reference with its 1-based position in the expression.
  case column(String, position: Int)
  /// `-x` or `not x`.
  case unary(String, Expression, position: Int)
  /// `a op b`.
  case binary(String, Expression, Expression, position: Int)
  /// `a op b op c ...`: three or more operands of one left-associative level (`+ -`, `* /`,
  /// `and`, `or`), kept flat so that a long sum does not nest (evaluated left to right, as the
  /// nested `.binary` form would be).
  case chain(Expression, [ChainLink])
  /// `f(a, b, ...)`.
  case call(String, [Expression], position: Int)

  /// Parses expression text.
  /// - Parameter text: e.g. `"if_else(age >= 18, 1, 0)"`.
  /// - Throws: `ExpressionError` with the 1-based position of the problem.
  public init(parsing text: String) throws {
    var parser = ExpressionParser(tokens: try ExpressionLexer.tokens(text))
    self = try parser.parseAll()
  }

  /// Largest step `k` of `lag(x, k)` and `lead(x, k)`: a million periods is beyond any panel,
  /// and the bound keeps time + k far from integer overflow.
  public static let maximumShift = 1_000_000

  /// The functions the language knows, for suggestions.
  public static let functions = [
    "if_else", "is_missing", "log", "exp", "sqrt", "abs", "min", "max", "round", "lag", "lead",
    "year", "month", "day",
  ]

  /// Every column the expression reads, in order of first appearance.
  public var columns: [(name: String, position: Int)] {
    var out: [(name: String, position: Int)] = []
    func visit(_ e: Expression) {
      switch e {
      case .column(let name, let position):
        if !out.contains(where: { $0.name == name }) { out.append((name, position)) }
      case .unary(_, let a, _): visit(a)
      case .binary(_, let a, let b, _):
        visit(a)
        visit(b)
      case .call(_, let args, _): args.forEach(visit)
      case .chain(let first, let links):
        visit(first)
        for link in links { visit(link.operand) }
      case .number, .text, .logical: break
      }
    }
    visit(self)
    return out
  }

  /// True when the expression uses `lag` or `lead` (and so needs the panel declaration).
  public var usesPanelShift: Bool {
    switch self {
    case .call(let name, let args, _):
      return name == "lag" || name == "lead" || args.contains { $0.usesPanelShift }
    case .unary(_, let a, _): return a.usesPanelShift
    case .binary(_, let a, let b, _): return a.usesPanelShift || b.usesPanelShift
    case .chain(let first, let links):
      return first.usesPanelShift || links.contains { $0.operand.usesPanelShift }
    default: return false
    }
  }
}

/// One `op operand` step of an `Expression.chain`.
public struct ChainLink: Sendable, Equatable {
  /// The operator (`+`, `-`, `*`, `/`, `and`, `or`).
  public let op: String
  /// The right-hand operand.
  public let operand: Expression
  /// 1-based position of the operator.
  public let position: Int
}

/// A problem in an expression, at a 1-based character position.
public struct ExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
  /// 1-based character position in the expression text.
  public let position: Int
  /// What is wrong.
  public let message: String

  /// Creates an error.
  public init(position: Int, _ message: String) {
    self.position = position
    self.message = message
  }

  /// `at column N: message`.
  public var description: String { "at column \(position): \(message)" }
}

/// A token of the expression language.
struct ExpressionToken: Equatable {
  enum Kind: Equatable {
    case number(Double)
    case text(String)
    case name(String)
    case symbol(String)
    case end
  }
  let kind: Kind
  let position: Int
}

/// Splits expression text into tokens.
enum ExpressionLexer {
  static func tokens(_ text: String) throws -> [ExpressionToken] {
    let chars = Array(text)
    var out: [ExpressionToken] = []
    var i = 0
    let twoCharacter: Set<String> = ["==", "!=", "<=", ">=", "&&", "||"]
    while i < chars.count {
      let c = chars[i]
      let position = i + 1
      if c.isWhitespace {
        i += 1
      } else if c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber) {
        var j = i
        while j < chars.count, chars[j].isNumber || chars[j] == "." { j += 1 }
        if j < chars.count, chars[j] == "e" || chars[j] == "E" {
          var k = j + 1
          if k < chars.count, chars[k] == "+" || chars[k] == "-" { k += 1 }
          if k < chars.count, chars[k].isNumber {
            j = k
            while j < chars.count, chars[j].isNumber { j += 1 }
          }
        }
        let literal = String(chars[i..<j])
        guard let value = Double(literal) else {
          throw ExpressionError(position: position, "'\(literal)' is not a number")
        }
        out.append(ExpressionToken(kind: .number(value), position: position))
        i = j
      } else if c.isLetter || c == "_" {
        var j = i
        while j < chars.count,
          chars[j].isLetter || chars[j].isNumber || chars[j] == "_"
            || chars[j] == "."
        {
          j += 1
        }
        out.append(ExpressionToken(kind: .name(String(chars[i..<j])), position: position))
        i = j
      } else if c == "\"" || c == "'" {
        var j = i + 1
        while j < chars.count, chars[j] != c { j += 1 }
        guard j < chars.count else {
          throw ExpressionError(position: position, "text starting here is not closed with \(c)")
        }
        out.append(ExpressionToken(kind: .text(String(chars[(i + 1)..<j])), position: position))
        i = j + 1
      } else {
        let pair = i + 1 < chars.count ? String(chars[i...(i + 1)]) : ""
        if twoCharacter.contains(pair) {
          out.append(ExpressionToken(kind: .symbol(pair), position: position))
          i += 2
        } else if "+-*/^(),<>!".contains(c) {
          out.append(ExpressionToken(kind: .symbol(String(c)), position: position))
          i += 1
        } else if c == "=" {
          throw ExpressionError(position: position, "use '==' to compare")
        } else {
          throw ExpressionError(position: position, "unexpected character '\(c)'")
        }
      }
    }
    out.append(ExpressionToken(kind: .end, position: chars.count + 1))
    return out
  }
}

/// The syntax tree of a formula, as parsed, before terms are expanded.
///
/// Formula-level operators (`~ + - * : ^ |`) and arithmetic inside `I()` share one tree; the
/// meaning depends on where a node sits (see `TermExpansion`).
public indirect enum FormulaNode: Sendable, Equatable {
  /// A column name (bare or back-quoted).
  case variable(name: String, position: Int)
  /// A numeric literal (`0`, `1`, `2.5`).
  case number(value: Double, text: String, position: Int)
  /// A function call with positional or named arguments (`log(x)`, `i(t, ref = -1)`).
  case call(name: String, arguments: [FormulaArgument], text: String, position: Int)
  /// A binary operator.
  case binary(op: String, lhs: FormulaNode, rhs: FormulaNode, position: Int)
  /// A unary minus or plus.
  case unary(op: String, operand: FormulaNode, position: Int)
  /// A parenthesised group (kept so that `(1 + x | g)` can be told from `1 + x | g`).
  case group(FormulaNode, position: Int)

  /// 1-based column of the node's first character in the formula text.
  public var position: Int {
    switch self {
    case .variable(_, let p), .number(_, _, let p), .call(_, _, _, let p), .binary(_, _, _, let p),
      .unary(_, _, let p), .group(_, let p):
      return p
    }
  }

  /// The node written back as text without spaces (used for term names, such as `I(hp^2)`).
  public var text: String {
    switch self {
    case .variable(let name, _): return name
    case .number(_, let text, _): return text
    case .call(_, _, let text, _): return text
    case .binary:
      var out = ""
      for (op, operand) in leftSpine { out += (op ?? "") + operand.text }
      return out
    case .unary(let op, let operand, _): return op + operand.text
    case .group(let inner, _): return "(" + inner.text + ")"
    }
  }
}

extension FormulaNode {
  /// A chain of binary operators `a + b - c * d ...` read along its left spine, without recursion:
  /// the leftmost operand (operator `nil`), then each operator with its right operand in written
  /// order.
  ///
  /// A node that is not binary gives itself alone.
  var leftSpine: [(op: String?, operand: FormulaNode)] {
    var reversed: [(op: String?, operand: FormulaNode)] = []
    var node = self
    while case .binary(let op, let lhs, let rhs, _) = node {
      reversed.append((op, rhs))
      node = lhs
    }
    reversed.append((nil, node))
    return reversed.reversed()
  }
}

/// One argument of a function call in a formula.
public struct FormulaArgument: Sendable, Equatable {
  /// The argument's name for `name = value`, else `nil`.
  public let label: String?
  /// The value expression.
  public let value: FormulaNode
}

/// A parsed model formula: response, intercept, expanded terms, and the parts that only some
/// models accept (fixed effects after `|`, random effects in `( | )`).
///
/// Terms follow R's `terms()` rules: `a*b` is `a + b + a:b`, `(a+b)^2` gives all products up to
/// degree 2, `- 1` or `+ 0` removes the intercept, `- a` removes a term, and terms are ordered by
/// degree (main effects first), keeping their written order within a degree.
public struct Formula: Sendable, Equatable {
  /// The formula as written.
  public let text: String
  /// The response expression, or `nil` for a one-sided formula.
  public let response: FormulaNode?
  /// True unless the formula removes the intercept.
  public let hasIntercept: Bool
  /// Expanded model terms (not including the intercept).
  public let terms: [Term]
  /// Fixed effects after `|` (fixest syntax); each is one or more variables combined by `^`.
  public let fixedEffects: [FixedEffectTerm]
  /// Random-effect terms `(expr | group)`.
  public let randomEffects: [RandomEffectTerm]

  /// Parses and expands a formula.
  /// - Parameter text: e.g. `"score ~ female * year_c + C(track)"`.
  /// - Throws: `FormulaError.syntax` naming the column of the error.
  public init(_ text: String) throws {
    var parser = try FormulaParser(text)
    let (response, rhs) = try parser.parseFormula()
    self.text = text
    self.response = response
    var expansion = TermExpansion(formula: text)
    var modelPart = rhs
    var fixedEffects: [FixedEffectTerm] = []
    if case .binary("|", let lhs, let fe, _) = rhs {
      modelPart = lhs
      fixedEffects = try expansion.fixedEffects(fe)
    }
    let expanded = try expansion.expand(modelPart)
    self.terms = expanded.terms.enumerated()
      .sorted { ($0.element.atoms.count, $0.offset) < ($1.element.atoms.count, $1.offset) }
      .map(\.element)
    self.hasIntercept = expanded.intercept
    self.fixedEffects = fixedEffects
    self.randomEffects = expansion.randomEffects
  }

  /// A formula made of given terms (the varying terms of a random-effect term), reporting errors
  /// against `text`.
  init(text: String, hasIntercept: Bool, terms: [Term]) {
    self.text = text
    self.response = nil
    self.hasIntercept = hasIntercept
    self.terms = terms
    self.fixedEffects = []
    self.randomEffects = []
  }

  /// Every data column the formula reads (response, terms, fixed and random effects), in order of
  /// first appearance and without duplicates.
  public var variables: [(name: String, position: Int)] {
    var seen = Set<String>()
    var out: [(name: String, position: Int)] = []
    func visit(_ node: FormulaNode) {
      for variable in node.variableReferences where seen.insert(variable.name).inserted {
        out.append(variable)
      }
    }
    if let response { visit(response) }
    for term in terms { for atom in term.atoms { visit(atom.node) } }
    for fe in fixedEffects { for v in fe.variables { visit(v) } }
    for re in randomEffects {
      for term in re.terms { for atom in term.atoms { visit(atom.node) } }
      visit(re.group)
    }
    return out
  }
}

/// One factor of a term: a variable or a function call such as `C(track)` or `log(x)`.
public struct Atom: Sendable, Equatable, Hashable {
  /// The expression.
  public let node: FormulaNode
  /// Its text without spaces; two atoms are the same when their texts are.
  public var text: String { node.text }

  /// Equality by text, so `x` written twice is one atom.
  public static func == (a: Atom, b: Atom) -> Bool { a.text == b.text }
  /// Hash by text.
  public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}

/// A model term: the product (interaction) of one or more atoms; `a:b` has two.
public struct Term: Sendable, Equatable {
  /// Atoms in written order.
  public let atoms: [Atom]
  /// `a:b` style label.
  public var label: String { atoms.map(\.text).joined(separator: ":") }

  /// Same term when the same atoms appear, in any order (`a:b` == `b:a`).
  public static func == (a: Term, b: Term) -> Bool { Set(a.atoms) == Set(b.atoms) }
}

/// A fixed effect: one variable, or several combined (`school^year`).
public struct FixedEffectTerm: Sendable, Equatable {
  /// The variables combined.
  public let variables: [FormulaNode]
  /// `a^b` style label.
  public var label: String { variables.map(\.text).joined(separator: "^") }
}

/// A random-effect term `(1 + x | g)`.
public struct RandomEffectTerm: Sendable, Equatable {
  /// Terms varying by group (not including the intercept).
  public let terms: [Term]
  /// True when the random intercept is included.
  public let hasIntercept: Bool
  /// The grouping expression: a column, or `a:b` for an interaction (nesting is expanded).
  public let group: FormulaNode

  /// The grouping factor's label (`learner_id`, `school:class`).
  public var groupLabel: String { group.text }
}

extension FormulaNode {
  /// Columns referenced by this expression (skipping named arguments such as `ref = ...`).
  public var variableReferences: [(name: String, position: Int)] {
    switch self {
    case .variable(let name, let position): return [(name, position)]
    case .number: return []
    case .call(_, let arguments, _, _):
      return arguments.filter { $0.label == nil }.flatMap { $0.value.variableReferences }
    case .binary:
      return leftSpine.flatMap { $0.operand.variableReferences }
    case .unary(_, let operand, _): return operand.variableReferences
    case .group(let inner, _): return inner.variableReferences
    }
  }
}

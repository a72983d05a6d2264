/// Expands the right-hand side of a formula into terms (R's `terms()` algebra).
struct TermExpansion {
  /// A set of terms plus an intercept flag.
  struct Expanded {
    var terms: [Term] = []
    var intercept = true

    mutating func add(_ term: Term) {
      if !terms.contains(term) { terms.append(term) }
    }
  }

  let formula: String
  private(set) var randomEffects: [RandomEffectTerm] = []

  init(formula: String) { self.formula = formula }

  mutating func expand(_ node: FormulaNode) throws -> Expanded {
    switch node {
    case .number(let value, let text, let position):
      var out = Expanded()
      if value == 0 {
        out.intercept = false
      } else if value != 1 {
        throw FormulaError.syntax(
          formula: formula, column: position,
          message:
            "a number term must be 0 or 1 (intercept), not \(text); use I(\(text)) for a constant")
      }
      return out
    case .variable, .call:
      var out = Expanded()
      out.add(Term(atoms: [Atom(node: node)]))
      return out
    case .group(let inner, let position):
      if case .binary("|", let lhs, let group, _) = inner {
        var sub = TermExpansion(formula: formula)
        let terms = try sub.expand(lhs)
        randomEffects.append(
          RandomEffectTerm(terms: terms.terms, hasIntercept: terms.intercept, group: group))
        var out = Expanded()
        out.intercept = true
        _ = position
        return out
      }
      return try expand(inner)
    case .unary(let op, let operand, let position):
      if op == "+" { return try expand(operand) }
      // `-1` alone: no intercept. `-x` alone means nothing useful.
      if case .number(let value, _, _) = operand, value == 1 {
        var out = Expanded()
        out.intercept = false
        return out
      }
      throw FormulaError.syntax(
        formula: formula, column: position, message: "a formula cannot start with '-' here")
    case .binary(let op, let lhs, let rhs, let position):
      switch op {
      case "+":
        var left = try expand(lhs)
        let right = try expand(rhs)
        for term in right.terms { left.add(term) }
        if isInterceptRemoval(rhs) { left.intercept = false }
        return left
      case "-":
        var left = try expand(lhs)
        if case .number(let value, _, _) = rhs, value == 1 || value == 0 {
          if value == 1 { left.intercept = false }
          return left
        }
        let right = try expand(rhs)
        left.terms.removeAll { right.terms.contains($0) }
        return left
      case ":":
        let left = try expand(lhs)
        let right = try expand(rhs)
        var out = Expanded()
        for a in left.terms { for b in right.terms { out.add(product(a, b)) } }
        return out
      case "*":
        let left = try expand(lhs)
        let right = try expand(rhs)
        var out = left
        for term in right.terms { out.add(term) }
        for a in left.terms { for b in right.terms { out.add(product(a, b)) } }
        return out
      case "^":
        guard case .number(let power, _, _) = rhs, power >= 1, power == power.rounded() else {
          throw FormulaError.syntax(
            formula: formula, column: rhs.position,
            message:
              "'^' in a formula needs a whole number power, e.g. (a + b)^2; use I(x^2) for a square"
          )
        }
        let base = try expand(lhs)
        var out = base
        var current = base.terms
        if Int(power) > 1 {
          for _ in 2...Int(power) {
            var next: [Term] = []
            for a in current {
              for b in base.terms {
                let p = product(a, b)
                if !next.contains(p) { next.append(p) }
              }
            }
            for term in next { out.add(term) }
            current = next
          }
        }
        return out
      case "|":
        throw FormulaError.syntax(
          formula: formula, column: position,
          message:
            "'|' is allowed once after the terms (fixed effects) or inside ( | ) (random effects)")
      default:
        throw FormulaError.syntax(
          formula: formula, column: position, message: "operator '\(op)' is not supported here")
      }
    }
  }

  /// The variables of the fixed-effects part `fe1 + fe2 + fe1^fe2`.
  func fixedEffects(_ node: FormulaNode) throws -> [FixedEffectTerm] {
    switch node {
    case .binary("+", let lhs, let rhs, _):
      return try fixedEffects(lhs) + fixedEffects(rhs)
    case .binary("^", let lhs, let rhs, _):
      let left = try fixedEffects(lhs)
      let right = try fixedEffects(rhs)
      guard left.count == 1, right.count == 1 else {
        throw FormulaError.syntax(
          formula: formula, column: node.position, message: "'^' combines single fixed effects")
      }
      return [FixedEffectTerm(variables: left[0].variables + right[0].variables)]
    case .variable:
      return [FixedEffectTerm(variables: [node])]
    case .group(let inner, _):
      return try fixedEffects(inner)
    default:
      throw FormulaError.syntax(
        formula: formula, column: node.position,
        message: "fixed effects after '|' must be column names joined by '+' or '^'")
    }
  }

  private func isInterceptRemoval(_ node: FormulaNode) -> Bool {
    if case .number(let value, _, _) = node { return value == 0 }
    return false
  }

  private func product(_ a: Term, _ b: Term) -> Term {
    var atoms = a.atoms
    for atom in b.atoms where !atoms.contains(atom) { atoms.append(atom) }
    return Term(atoms: atoms)
  }
}

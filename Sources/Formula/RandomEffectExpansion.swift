/// Expands a random-effect term `(terms | group)` as lme4 does: `a/b` nests (`(1 | a/b)` is
/// `(1 | a) + (1 | a:b)`), and `||` makes every term its own uncorrelated block
/// (`(1 + t || g)` is `(1 | g) + (0 + t | g)`).
extension TermExpansion {
  /// The random-effect terms of `(lhs | group)` or `(lhs || group)`.
  /// - Throws: `FormulaError.syntax` for an empty term or a grouping expression that is not
  ///   column names joined by `:` and `/`.
  mutating func randomEffectTerms(_ lhs: FormulaNode, group: FormulaNode, correlated: Bool)
    throws -> [RandomEffectTerm]
  {
    var sub = TermExpansion(formula: formula)
    let expanded = try sub.expand(lhs)
    if !sub.randomEffects.isEmpty {
      throw FormulaError.syntax(
        formula: formula, column: lhs.position,
        message: "a random-effect term cannot contain another ( | ) term")
    }
    if expanded.terms.isEmpty, !expanded.intercept {
      throw FormulaError.syntax(
        formula: formula, column: lhs.position,
        message: "a random-effect term needs an intercept or a variable before '|'")
    }
    let groups = try groupingFactors(group)
    var out: [RandomEffectTerm] = []
    for factor in groups {
      if correlated {
        out.append(
          RandomEffectTerm(terms: expanded.terms, hasIntercept: expanded.intercept, group: factor))
        continue
      }
      if expanded.intercept {
        out.append(RandomEffectTerm(terms: [], hasIntercept: true, group: factor))
      }
      for term in expanded.terms {
        out.append(RandomEffectTerm(terms: [term], hasIntercept: false, group: factor))
      }
    }
    return out
  }

  /// The grouping factors of `g`, `a:b` or `a/b/c` (nesting gives `a`, `a:b`, `a:b:c`).
  private func groupingFactors(_ node: FormulaNode) throws -> [FormulaNode] {
    switch node {
    case .variable: return [node]
    case .group(let inner, _): return try groupingFactors(inner)
    case .binary(":", let lhs, let rhs, let position):
      let left = try groupingFactors(lhs)
      let right = try groupingFactors(rhs)
      guard left.count == 1, right.count == 1 else {
        throw FormulaError.syntax(
          formula: formula, column: position,
          message: "write nesting as a/b and interactions of grouping factors as a:b")
      }
      return [.binary(op: ":", lhs: left[0], rhs: right[0], position: position)]
    case .binary("/", let lhs, let rhs, let position):
      let outer = try groupingFactors(lhs)
      let inner = try groupingFactors(rhs)
      guard let last = outer.last, inner.count == 1 else {
        throw FormulaError.syntax(
          formula: formula, column: position, message: "nest one grouping factor per '/'")
      }
      return outer + [.binary(op: ":", lhs: last, rhs: inner[0], position: position)]
    default:
      throw FormulaError.syntax(
        formula: formula, column: node.position,
        message: "a grouping factor after '|' must be a column name, a:b or a/b")
    }
  }
}

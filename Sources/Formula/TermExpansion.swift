/// Expands the right-hand side of a formula into terms (R's `terms()` algebra).
///
/// Work is bounded: nesting deeper than `maximumDepth` and expansions with more than
/// `maximumTerms` terms are refused with a formula error at the operator, and a power is capped
/// at the number of distinct atoms of its base (beyond that `(a + b)^k` adds nothing). Flat sums
/// `a + b + c + ...` are walked iteratively, and term membership is a hash lookup, so the cost is
/// linear in the number of terms written.
struct TermExpansion {
  /// Deepest nesting of non-sum operators (`:`, `*`, `^`, groups) expanded; sums do not count.
  static let maximumDepth = 256
  /// Most terms one expansion may produce; a design with more terms than this has far more
  /// columns than any data set has rows.
  static let maximumTerms = 10_000
  /// Most term products one formula may form before duplicates collapse.
  ///
  /// Every `a * b` of two sums and every step of a power, added up: `(20 terms)^3` needs 8,400
  /// and `(30 terms)^3` about 15,000. Each product hashes its atoms, so the budget is kept to a few hundredths of a second
  /// in a release build (a 10-minute fuzz run under AddressSanitizer found 200,000 products of
  /// nested powers taking over 10 s).
  static let maximumProducts = 50_000
  /// Largest power accepted after `^`; larger whole numbers are refused rather than capped so
  /// that a typo such as `^1e9` is reported.
  static let maximumPower = 1_000

  /// A set of terms plus an intercept flag.
  struct Expanded {
    private(set) var terms: [Term] = []
    private var keys: Set<Set<String>> = []
    var intercept = true

    /// Adds `term` unless a term with the same atoms is already present.
    mutating func add(_ term: Term) {
      if keys.insert(term.key).inserted { terms.append(term) }
    }

    /// True when a term with the same atoms is present.
    func contains(_ term: Term) -> Bool { keys.contains(term.key) }

    /// Removes every term that `other` contains.
    mutating func remove(_ other: Expanded) {
      terms.removeAll { other.contains($0) }
      keys.subtract(other.keys)
    }
  }

  let formula: String
  private(set) var randomEffects: [RandomEffectTerm] = []
  private var depth = 0
  /// Term products formed so far in this expansion (see `maximumProducts`).
  private var productsFormed = 0

  init(formula: String) { self.formula = formula }

  /// Expands `node`, refusing nesting deeper than `maximumDepth`.
  mutating func expand(_ node: FormulaNode) throws -> Expanded {
    depth += 1
    defer { depth -= 1 }
    if depth > Self.maximumDepth {
      throw FormulaError.syntax(
        formula: formula, column: node.position,
        message: "the formula nests deeper than \(Self.maximumDepth) levels")
    }
    if case .binary(let op, _, _, _) = node, op == "+" || op == "-" {
      return try expandSum(node)
    }
    return try expandNode(node)
  }

  /// A chain `t1 + t2 - t3 ...` walked along its left spine without recursing per term.
  private mutating func expandSum(_ node: FormulaNode) throws -> Expanded {
    var spine: [(op: String, rhs: FormulaNode)] = []
    var leftmost = node
    while case .binary(let op, let lhs, let rhs, _) = leftmost, op == "+" || op == "-" {
      spine.append((op, rhs))
      leftmost = lhs
    }
    var left = try expandNode(leftmost)
    for (op, rhs) in spine.reversed() {
      if op == "+" {
        let right = try expand(rhs)
        for term in right.terms { left.add(term) }
        if isInterceptRemoval(rhs) { left.intercept = false }
      } else {
        if case .number(let value, _, _) = rhs, value == 1 || value == 0 {
          if value == 1 { left.intercept = false }
          continue
        }
        left.remove(try expand(rhs))
      }
      try checkSize(left, at: rhs.position)
    }
    return left
  }

  private func checkSize(_ expanded: Expanded, at position: Int) throws {
    if expanded.terms.count > Self.maximumTerms {
      throw FormulaError.syntax(
        formula: formula, column: position,
        message: "the formula expands to more than \(Self.maximumTerms) terms")
    }
  }

  /// Adds the product of every term of `left` with every term of `right` to `out`, stopping
  /// with an error once `maximumTerms` is passed, or before starting when the products formed
  /// by the whole formula would pass `maximumProducts` (duplicates collapse only after they are
  /// formed, so the work, not the result, is what nested powers like `((a + ...)^2 + ...)^5`
  /// blow up).
  private mutating func addProducts(
    _ left: Expanded, _ right: Expanded, to out: inout Expanded, position: Int
  ) throws {
    let products = left.terms.count.multipliedReportingOverflow(by: right.terms.count)
    productsFormed += products.overflow ? Self.maximumProducts + 1 : products.partialValue
    if productsFormed > Self.maximumProducts {
      throw FormulaError.syntax(
        formula: formula, column: position,
        message:
          "the interactions of this formula multiply out to more than "
          + "\(Self.maximumProducts) term products (here \(left.terms.count) by "
          + "\(right.terms.count) terms); write the interactions you need")
    }
    for a in left.terms {
      for b in right.terms {
        out.add(product(a, b))
        try checkSize(out, at: position)
      }
    }
  }

  private mutating func expandNode(_ node: FormulaNode) throws -> Expanded {
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
    case .group(let inner, _):
      if case .binary(let op, let lhs, let group, _) = inner, op == "|" || op == "||" {
        randomEffects += try randomEffectTerms(lhs, group: group, correlated: op == "|")
        var out = Expanded()
        out.intercept = true
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
      case ":":
        let left = try expand(lhs)
        let right = try expand(rhs)
        var out = Expanded()
        try addProducts(left, right, to: &out, position: position)
        return out
      case "*":
        let left = try expand(lhs)
        let right = try expand(rhs)
        var out = left
        for term in right.terms { out.add(term) }
        try checkSize(out, at: position)
        try addProducts(left, right, to: &out, position: position)
        return out
      case "^":
        guard case .number(let power, _, _) = rhs, power >= 1, power == power.rounded() else {
          throw FormulaError.syntax(
            formula: formula, column: rhs.position,
            message:
              "'^' in a formula needs a whole number power, e.g. (a + b)^2; use I(x^2) for a square"
          )
        }
        guard power <= Double(Self.maximumPower) else {
          throw FormulaError.syntax(
            formula: formula, column: rhs.position,
            message:
              "the power \(rhs.text) is out of range; '^' takes a whole number from 1 to "
              + "\(Self.maximumPower) (powers beyond the number of terms add nothing)")
        }
        let base = try expand(lhs)
        // Products of more than all distinct atoms repeat terms already there, so the power is
        // capped at the atom count (R's terms() gives the same result).
        var atoms = Set<String>()
        for term in base.terms { for atom in term.atoms { atoms.insert(atom.text) } }
        let degree = min(Int(power), max(atoms.count, 1))
        var out = base
        var current = base
        if degree > 1 {
          for _ in 2...degree {
            var next = Expanded()
            try addProducts(current, base, to: &next, position: position)
            for term in next.terms { out.add(term) }
            try checkSize(out, at: position)
            current = next
          }
        }
        return out
      case "|", "||":
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
    // A sum is walked along its left spine, so a long list does not recurse per name.
    var addends: [FormulaNode] = []
    var leftmost = node
    while case .binary("+", let lhs, let rhs, _) = leftmost {
      addends.append(rhs)
      leftmost = lhs
    }
    if !addends.isEmpty {
      var out = try fixedEffect(leftmost)
      for addend in addends.reversed() { out += try fixedEffect(addend) }
      return out
    }
    return try fixedEffect(node)
  }

  private func fixedEffect(_ node: FormulaNode) throws -> [FixedEffectTerm] {
    switch node {
    case .binary("+", _, _, _):
      return try fixedEffects(node)
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

extension Term {
  /// The atom texts as a set: two terms are equal exactly when their keys are.
  var key: Set<String> { Set(atoms.map(\.text)) }
}

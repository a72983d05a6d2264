import DataTable
import Foundation

/// Panel functions in formulas: `l(x, k)` (lag; negative k leads), `f(x, k)` (lead) and
/// `d(x)` / `d(x, k)` (difference `x_t - x_{t-k}`), all by unit and respecting gaps (a lag is
/// missing when period `t - k` of the unit is absent), as `plm::lag` / `plm::diff`.
///
/// They are evaluated on every row of the table before the model rows are chosen, so rows whose
/// lag is missing are dropped and counted like rows with a missing value.
enum PanelTerms {
  /// The panel function names.
  static let functions: Set<String> = ["l", "f", "d"]

  /// A full-length evaluated expression.
  struct Values {
    var values: [Double]
    var missing: [Bool]
  }

  /// The first panel call in the formula's response or terms, if any.
  static func firstCall(in formula: Formula) -> FormulaNode? {
    var nodes: [FormulaNode] = formula.response.map { [$0] } ?? []
    for term in formula.terms { nodes += term.atoms.map(\.node) }
    for node in nodes { if let call = firstCall(in: node) { return call } }
    return nil
  }

  /// Every panel call in the formula's response and terms (outer and nested), by text.
  static func evaluate(_ formula: Formula, data: DataTable, panel: PanelIndex?) throws
    -> [String: Values]
  {
    guard let call = firstCall(in: formula) else { return [:] }
    guard let panel else {
      guard case .call(let name, _, _, let position) = call else { return [:] }
      throw FormulaError.panelRequired(formula: formula.text, column: position, function: name)
    }
    if panel.rowCount != data.rowCount {
      throw FormulaError.unsupported(
        formula: formula.text,
        message: "the panel was declared on \(panel.rowCount) rows but the data has"
          + " \(data.rowCount); declare it on this table")
    }
    var evaluator = Evaluator(formula: formula, data: data, panel: panel)
    var nodes: [FormulaNode] = formula.response.map { [$0] } ?? []
    for term in formula.terms { nodes += term.atoms.map(\.node) }
    for node in nodes { try evaluator.collect(node) }
    return evaluator.results
  }

  private static func firstCall(in node: FormulaNode) -> FormulaNode? {
    switch node {
    case .call(let name, let arguments, _, _):
      if functions.contains(name) { return node }
      for argument in arguments { if let found = firstCall(in: argument.value) { return found } }
      return nil
    case .binary(_, let lhs, let rhs, _): return firstCall(in: lhs) ?? firstCall(in: rhs)
    case .unary(_, let operand, _): return firstCall(in: operand)
    case .group(let inner, _): return firstCall(in: inner)
    case .variable, .number: return nil
    }
  }

  /// Evaluates expressions on all rows, tracking which values are missing.
  private struct Evaluator {
    let formula: Formula
    let data: DataTable
    let panel: PanelIndex
    var results: [String: Values] = [:]

    init(formula: Formula, data: DataTable, panel: PanelIndex) {
      self.formula = formula
      self.data = data
      self.panel = panel
    }

    /// Evaluates every panel call inside `node` and stores it under its text.
    mutating func collect(_ node: FormulaNode) throws {
      switch node {
      case .call(let name, let arguments, _, _):
        if functions.contains(name) {
          _ = try evaluate(node)
        } else {
          for argument in arguments { try collect(argument.value) }
        }
      case .binary(_, let lhs, let rhs, _):
        try collect(lhs)
        try collect(rhs)
      case .unary(_, let operand, _): try collect(operand)
      case .group(let inner, _): try collect(inner)
      case .variable, .number: break
      }
    }

    mutating func evaluate(_ node: FormulaNode) throws -> Values {
      if let cached = results[node.text] { return cached }
      let n = data.rowCount
      switch node {
      case .variable(let name, _):
        let column = try data.column(named: name)
        guard column.isNumeric, let values = column.doubles() else {
          throw FormulaError.notNumeric(formula: formula.text, name: name)
        }
        let missing = column.missing.isEmpty ? [Bool](repeating: false, count: n) : column.missing
        return Values(values: values, missing: missing)
      case .number(let value, _, _):
        return Values(
          values: [Double](repeating: value, count: n), missing: [Bool](repeating: false, count: n))
      case .group(let inner, _):
        return try evaluate(inner)
      case .unary(let op, let operand, _):
        var v = try evaluate(operand)
        if op == "-" { v.values = v.values.map { -$0 } }
        return v
      case .binary(let op, let lhs, let rhs, let position):
        let a = try evaluate(lhs)
        let b = try evaluate(rhs)
        guard let f = TermEvaluator.arithmetic(op) else {
          throw FormulaError.syntax(
            formula: formula.text, column: position,
            message: "operator '\(op)' cannot be used inside a panel function")
        }
        var out = Values(values: a.values, missing: a.missing)
        for i in 0..<n {
          out.values[i] = f(a.values[i], b.values[i])
          out.missing[i] = a.missing[i] || b.missing[i]
        }
        return out
      case .call(let name, let arguments, _, let position):
        if functions.contains(name) {
          let result = try panelCall(name, arguments: arguments, position: position)
          results[node.text] = result
          return result
        }
        guard name == "I" || TermEvaluator.numericFunctions[name] != nil, arguments.count == 1
        else {
          throw FormulaError.badArguments(
            formula: formula.text, column: position, function: name,
            message: "cannot be used inside a panel function")
        }
        var inner = try evaluate(arguments[0].value)
        if let f = TermEvaluator.numericFunctions[name] { inner.values = inner.values.map(f) }
        return inner
      }
    }

    private mutating func panelCall(
      _ name: String, arguments: [FormulaArgument], position: Int
    ) throws -> Values {
      let usage =
        name == "d" ? "d(x) or d(x, k)" : "\(name)(x) or \(name)(x, k) with k a whole number"
      guard (1...2).contains(arguments.count), arguments[0].label == nil else {
        throw FormulaError.badArguments(
          formula: formula.text, column: position, function: name, message: "expects \(usage)")
      }
      var k = 1
      if arguments.count == 2 {
        let argument = arguments[1]
        guard argument.label == nil || argument.label == "k", let value = integer(argument.value)
        else {
          throw FormulaError.badArguments(
            formula: formula.text, column: argument.value.position, function: name,
            message: "the second argument must be a whole number; expects \(usage)")
        }
        k = value
      }
      let inner = try evaluate(arguments[0].value)
      switch name {
      case "l", "f":
        let shift = name == "l" ? k : -k
        let (values, missing) = panel.shift(inner.values, missing: inner.missing, by: shift)
        return Values(values: values, missing: missing)
      default:
        let (previous, previousMissing) = panel.shift(inner.values, missing: inner.missing, by: k)
        var out = Values(values: inner.values, missing: inner.missing)
        for i in 0..<out.values.count {
          out.missing[i] = inner.missing[i] || previousMissing[i]
          out.values[i] = out.missing[i] ? .nan : inner.values[i] - previous[i]
        }
        return out
      }
    }

    private func integer(_ node: FormulaNode) -> Int? {
      switch node {
      case .number(let value, _, _):
        return value == value.rounded() && abs(value) < 1e9 ? Int(value) : nil
      case .unary(let op, let operand, _):
        return integer(operand).map { op == "-" ? -$0 : $0 }
      case .group(let inner, _): return integer(inner)
      default: return nil
      }
    }
  }
}

import DataTable
import Foundation

/// Evaluates formula atoms on the model rows: numbers (variables, arithmetic, `log()`...) or
/// factors (text columns, `C(x)`, categorical columns).
final class TermEvaluator {
  /// Functions that turn one numeric argument into another.
  static let numericFunctions: [String: @Sendable (Double) -> Double] = [
    "log": { Foundation.log($0) }, "log2": { Foundation.log2($0) },
    "log10": { Foundation.log10($0) },
    "log1p": { Foundation.log1p($0) }, "exp": { Foundation.exp($0) }, "sqrt": { $0.squareRoot() },
    "abs": { Swift.abs($0) },
  ]
  /// Functions that make a factor.
  static let factorFunctions: Set<String> = ["C", "factor"]
  /// The arithmetic of a binary operator inside `I()` and panel functions, or `nil`.
  static func arithmetic(_ op: String) -> ((Double, Double) -> Double)? {
    switch op {
    case "+": return (+)
    case "-": return (-)
    case "*": return (*)
    case "/": return (/)
    case "^": return { Foundation.pow($0, $1) }
    default: return nil
    }
  }

  /// Every function name a formula may use (for suggestions).
  static var knownFunctions: [String] {
    Array(numericFunctions.keys) + Array(factorFunctions) + ["I", IndicatorTerm.functionName]
      + Array(PanelTerms.functions)
  }

  let formula: Formula
  let data: DataTable
  let rows: [Int]
  /// Panel functions (`l`, `f`, `d`) evaluated on every table row, by call text.
  let panelValues: [String: [Double]]
  private var factors: [String: FactorValues] = [:]

  init(formula: Formula, data: DataTable, rows: [Int], panelValues: [String: [Double]] = [:]) {
    self.formula = formula
    self.data = data
    self.rows = rows
    self.panelValues = panelValues
  }

  /// True when the atom is categorical.
  func isFactor(_ node: FormulaNode) -> Bool {
    switch node {
    case .variable(let name, _):
      return data[name].map { !$0.isNumeric } ?? false
    case .call(let name, _, _, _):
      return Self.factorFunctions.contains(name)
    default:
      return false
    }
  }

  /// The factor an atom denotes (cached per atom text).
  func factor(_ node: FormulaNode) throws -> FactorValues {
    if let cached = factors[node.text] { return cached }
    let variable: FormulaNode
    var referenceLabel: String?
    switch node {
    case .variable:
      variable = node
    case .call(let name, let arguments, _, let position):
      let positional = arguments.filter { $0.label == nil }
      guard positional.count == 1, case .variable = positional[0].value else {
        throw FormulaError.badArguments(
          formula: formula.text, column: position, function: name,
          message: "expects one column name, e.g. \(name)(track)")
      }
      variable = positional[0].value
      for argument in arguments where argument.label != nil {
        guard argument.label == "ref" || argument.label == "reference" else {
          throw FormulaError.badArguments(
            formula: formula.text, column: argument.value.position, function: name,
            message: "unknown argument '\(argument.label ?? "")'; use ref = level")
        }
        referenceLabel = argument.value.text
      }
    default:
      throw FormulaError.syntax(
        formula: formula.text, column: node.position, message: "not a factor")
    }
    guard case .variable(let columnName, let position) = variable else {
      throw FormulaError.syntax(
        formula: formula.text, column: node.position, message: "not a factor")
    }
    let column = try data.column(named: columnName)
    guard let values = FactorValues.make(column: column, rows: rows, referenceLabel: referenceLabel)
    else {
      let labels = FactorValues.make(column: column, rows: rows, referenceLabel: nil)?.labels ?? []
      throw FormulaError.badArguments(
        formula: formula.text, column: position, function: "C",
        message: "reference level '\(referenceLabel ?? "")' is not a level of \(columnName)"
          + (NameSuggestion.nearest(to: referenceLabel ?? "", among: labels).map {
            "; did you mean '\($0)'?"
          } ?? ""))
    }
    if case .variable = node, column.type == .string {
      try refuseUnmarkedText(column, values)
    }
    factors[node.text] = values
    return values
  }

  /// Refuses a text column used as a factor without being marked one (`C(x)`, type
  /// `category`) when it is nearly all distinct values (more than 20 levels, at least one per
  /// two rows) or every value is a number in another decimal or thousands format: such a column
  /// is almost always numbers or identifiers misread as text, and its dummies would fit the
  /// data exactly.
  private func refuseUnmarkedText(_ column: Column, _ values: FactorValues) throws {
    let levels = values.labels.count
    let numbersAs = levels > 1 ? NumberConvention.reading(values.labels) : nil
    guard numbersAs != nil || (levels > 20 && levels * 2 >= rows.count) else { return }
    throw FormulaError.textAsFactor(
      name: column.name, levels: levels, rows: rows.count, sample: values.labels[levels / 2],
      numbersAs: numbersAs?.options)
  }

  /// Levels of every factor built so far, by variable name.
  func factorLevels() -> [String: [String]] {
    var out: [String: [String]] = [:]
    for factor in factors.values { out[factor.name] = factor.labels }
    return out
  }

  /// The numeric values of an expression on the model rows.
  /// - Throws: `FormulaError.nonFinite` when a value is NaN or infinite.
  func numeric(_ node: FormulaNode, label: String) throws -> [Double] {
    let values = try evaluate(node)
    for (i, v) in values.enumerated() where !v.isFinite {
      throw FormulaError.nonFinite(term: label, row: rows[i] + 1, source: data.source)
    }
    return values
  }

  private func evaluate(_ node: FormulaNode) throws -> [Double] {
    switch node {
    case .variable(let name, _):
      let column = try data.column(named: name)
      guard let all = column.doubles() else {
        throw FormulaError.notNumeric(formula: formula.text, name: name)
      }
      if rows.count == all.count { return all }
      return rows.map { all[$0] }
    case .number(let value, _, _):
      return [Double](repeating: value, count: rows.count)
    case .group(let inner, _):
      return try evaluate(inner)
    case .unary(let op, let operand, _):
      let v = try evaluate(operand)
      return op == "-" ? v.map { -$0 } : v
    case .binary:
      // Left to right along the spine, so a long sum does not recurse per operand.
      var out: [Double] = []
      for (op, operand) in node.leftSpine {
        let b = try evaluate(operand)
        guard let op else {
          out = b
          continue
        }
        guard let f = Self.arithmetic(op) else {
          throw FormulaError.syntax(
            formula: formula.text, column: operand.position,
            message: "operator '\(op)' is not arithmetic; wrap arithmetic in I(), e.g. I(a * b)")
        }
        for i in 0..<out.count { out[i] = f(out[i], b[i]) }
      }
      return out
    case .call(let name, let arguments, _, let position):
      if name == "I" || Self.numericFunctions[name] != nil {
        guard arguments.count == 1, arguments[0].label == nil else {
          throw FormulaError.badArguments(
            formula: formula.text, column: position, function: name, message: "expects one argument"
          )
        }
        let inner = try evaluate(arguments[0].value)
        guard let f = Self.numericFunctions[name] else { return inner }
        return inner.map(f)
      }
      if PanelTerms.functions.contains(name) {
        guard let all = panelValues[node.text] else {
          throw FormulaError.panelRequired(formula: formula.text, column: position, function: name)
        }
        return rows.map { all[$0] }
      }
      if Self.factorFunctions.contains(name) || name == IndicatorTerm.functionName {
        throw FormulaError.badArguments(
          formula: formula.text, column: position, function: name,
          message: "a factor cannot be used in arithmetic")
      }
      throw FormulaError.unknownFunction(
        formula: formula.text, column: position, name: name,
        suggestion: NameSuggestion.nearest(to: name, among: Self.knownFunctions))
    }
  }
}

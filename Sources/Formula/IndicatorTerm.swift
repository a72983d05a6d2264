import DataTable

/// fixest's `i()` interaction operator: one indicator column per level of a variable, leaving out
/// the reference levels, optionally multiplied by a numeric variable.
///
/// Forms accepted (fixest spelling):
/// - `i(event_time)`: every level;
/// - `i(event_time, ref = -1)` or `i(event_time, ref = c(-1, -1000))`: the listed levels are
///   left out (the event-study reference period, and e.g. a code for never-treated units);
/// - `i(event_time, x, ref = -1)`: the indicators times the numeric column `x` (columns named
///   `event_time[level]:x`).
///
/// Endpoint binning is a VETStat extension (fixest's `bin` merges listed values instead):
/// `i(event_time, ref = -1, bin_min = -5, bin_max = 5)` puts every value below -5 into the level
/// -5 and every value above 5 into the level 5 before the indicators are made, so `event_time[-5]`
/// stands for "5 or more periods before". Columns are named `name[level]` (DESIGN.md section 4)
/// and ordered by sorted level; unlike `C()` the reference is always the one written (no level is
/// left out when `ref` is absent, as in fixest), whatever else is in the model.
struct IndicatorTerm {
  /// The variable's levels (after binning) on the model rows.
  let factor: FactorValues
  /// Levels (indices into `factor.labels`) that get a column, in sorted order.
  let kept: [Int]
  /// The numeric column multiplied in, with its label, if any.
  let other: (label: String, values: [Double])?

  /// The function name in formulas.
  static let functionName = "i"
  /// Named arguments `i()` accepts.
  static let argumentNames = ["ref", "bin_min", "bin_max"]
}

extension TermEvaluator {
  /// The indicator columns of an `i(var, [other], ref = ..., bin_min = ..., bin_max = ...)` atom.
  /// - Throws: `FormulaError.badArguments` naming the argument: a first argument that is not a
  ///   column, an unknown argument name, a reference that is not a level, a bound that is not a
  ///   number, binning of a text column, or a text second argument.
  func indicatorTerm(_ node: FormulaNode) throws -> IndicatorTerm {
    guard case .call(let name, let arguments, _, let position) = node else {
      throw FormulaError.syntax(formula: formula.text, column: node.position, message: "not i()")
    }
    func bad(_ message: String, at column: Int = position) -> FormulaError {
      .badArguments(formula: formula.text, column: column, function: name, message: message)
    }
    let positional = arguments.filter { $0.label == nil }
    guard (1...2).contains(positional.count),
      case .variable(let columnName, _) = positional[0].value
    else {
      throw bad(
        "expects a column name and optionally a numeric column, e.g. i(event_time, ref = -1)")
    }
    var references: [FormulaNode] = []
    var bounds: (low: Double?, high: Double?) = (nil, nil)
    for argument in arguments {
      guard let label = argument.label else { continue }
      switch label {
      case "ref":
        if case .call("c", let items, _, _) = argument.value {
          references = items.map(\.value)
        } else {
          references = [argument.value]
        }
      case "bin_min", "bin_max":
        guard let value = Self.constant(argument.value) else {
          throw bad("\(label) must be a number", at: argument.value.position)
        }
        if label == "bin_min" { bounds.low = value } else { bounds.high = value }
      case "bin":
        throw bad(
          "fixest's bin (merging listed values) is not supported; bin the endpoints with"
            + " bin_min = and bin_max =", at: argument.value.position)
      default:
        throw bad(
          "unknown argument '\(label)'; i() takes "
            + IndicatorTerm.argumentNames.joined(separator: ", "), at: argument.value.position)
      }
    }
    if let low = bounds.low, let high = bounds.high, low > high {
      throw bad("bin_min (\(low)) is above bin_max (\(high))")
    }
    var column = try data.column(named: columnName)
    if bounds.low != nil || bounds.high != nil {
      column = try Self.binned(
        column, bounds: bounds, error: bad("bin_min/bin_max need a numeric column"))
    }
    guard let factor = FactorValues.make(column: column, rows: rows, referenceLabel: nil) else {
      throw bad("cannot make levels of \(columnName)")
    }
    var left = Set<Int>()
    for reference in references {
      let text = reference.text
      guard let level = factor.labels.firstIndex(of: text) else {
        throw bad(
          "reference '\(text)' is not a level of \(columnName)"
            + (NameSuggestion.nearest(to: text, among: factor.labels).map {
              "; did you mean '\($0)'?"
            } ?? ""), at: reference.position)
      }
      left.insert(level)
    }
    var other: (label: String, values: [Double])?
    if positional.count == 2 {
      let node = positional[1].value
      if isFactor(node) {
        throw bad(
          "the second argument must be numeric; for a factor write i(a):C(b)", at: node.position)
      }
      other = (node.text, try numeric(node, label: node.text))
    }
    return IndicatorTerm(
      factor: factor, kept: factor.labels.indices.filter { !left.contains($0) }, other: other)
  }

  /// A whole or decimal number written as a literal, possibly signed.
  private static func constant(_ node: FormulaNode) -> Double? {
    switch node {
    case .number(let value, _, _): return value
    case .unary(let op, let operand, _): return constant(operand).map { op == "-" ? -$0 : $0 }
    case .group(let inner, _): return constant(inner)
    default: return nil
    }
  }

  /// `column` with values below `bounds.low` set to it and above `bounds.high` set to it; an
  /// integer column stays integer so level labels read as whole numbers.
  private static func binned(
    _ column: Column, bounds: (low: Double?, high: Double?), error: FormulaError
  ) throws -> Column {
    guard column.isNumeric, let values = column.doubles() else { throw error }
    let low = bounds.low ?? -Double.infinity
    let high = bounds.high ?? Double.infinity
    let clamped: [Double?] = values.indices.map { row in
      column.isMissing(row) ? nil : Swift.min(Swift.max(values[row], low), high)
    }
    if case .int = column.values,
      clamped.allSatisfy({ $0.map { $0 == $0.rounded() && abs($0) < 1e15 } ?? true })
    {
      return Column.int(column.name, clamped.map { $0.map { Int($0) } })
    }
    return Column.double(column.name, clamped)
  }
}

import DataTable
import LinearAlgebra

/// The numeric form of one random-effect term on a design's rows: the varying columns (the
/// per-row values of `Z` within a level) and the level of the grouping factor of every row.
public struct RandomEffectBlock: Sendable {
  /// The grouping factor's label (`learner_id`, `school:class`).
  public let group: String
  /// Names of the varying columns (`(Intercept)`, `year_c`).
  public let columnNames: [String]
  /// The varying columns, one row per observation of the design.
  public let values: Matrix
  /// The level (index into `levels`) of every observation.
  public let codes: [Int32]
  /// Level labels in sorted order.
  public let levels: [String]
}

extension DesignMatrix {
  /// The random-effect terms of the formula on the design's rows, in formula order.
  /// - Parameter data: the table the design was built from.
  /// - Returns: one block per random-effect term (nested and `||` terms already split).
  /// - Throws: `FormulaError` for unusable columns or grouping factors.
  public func randomEffectBlocks(data: DataTable) throws -> [RandomEffectBlock] {
    try formula.randomEffects.map { term in
      let sub = Formula(text: formula.text, hasIntercept: term.hasIntercept, terms: term.terms)
      let evaluator = TermEvaluator(formula: sub, data: data, rows: rows)
      let coded = try TermCoding.build(formula: sub, evaluator: evaluator)
      let factor = try groupingFactor(term.group, data: data)
      return RandomEffectBlock(
        group: term.groupLabel, columnNames: coded.names, values: coded.x, codes: factor.codes,
        levels: factor.labels)
    }
  }

  /// Codes and labels of a grouping column, or of the interaction `a:b` of several.
  private func groupingFactor(_ node: FormulaNode, data: DataTable) throws -> (
    codes: [Int32], labels: [String]
  ) {
    switch node {
    case .variable(let name, _):
      let column = try data.column(named: name)
      guard let factor = FactorValues.make(column: column, rows: rows, referenceLabel: nil) else {
        throw FormulaError.unsupported(
          formula: formula.text, message: "grouping factor '\(name)' has no levels")
      }
      return (factor.codes, factor.labels)
    case .binary(":", let lhs, let rhs, _):
      let a = try groupingFactor(lhs, data: data)
      let b = try groupingFactor(rhs, data: data)
      // Levels are the pairs present, sorted by (a, b) level order as R's interaction().
      let width = Int64(b.labels.count)
      let keys = zip(a.codes, b.codes).map { Int64($0) * width + Int64($1) }
      let distinct = Array(Set(keys)).sorted()
      var index: [Int64: Int32] = [:]
      for (k, key) in distinct.enumerated() { index[key] = Int32(k) }
      let labels = distinct.map { key in
        a.labels[Int(key / width)] + ":" + b.labels[Int(key % width)]
      }
      return (keys.map { index[$0] ?? 0 }, labels)
    default:
      throw FormulaError.unsupported(
        formula: formula.text,
        message: "grouping factor '\(node.text)' must be a column name or a:b")
    }
  }
}

import DataTable
import Formula
import Inference
import LinearAlgebra

extension SubgroupMargins {
  /// The sorted levels of `name` when the formula codes it as a factor (`C(x)` or a text
  /// column), else `nil`.
  func factorLevels(of name: String) throws -> [String]? {
    try DesignMatrix.build(formula, data: table).factorLevels[name]
  }

  /// Each level of the factor `name` against its reference level: the average over rows of
  /// F(x'β) with every row set to the level minus the same with every row at the reference, as
  /// R marginaleffects' `avg_comparisons(variables = "x")` and Stata `margins, dydx(i.x)`.
  ///
  /// The reference is the level the design omits (`C(x, ref = ...)` included), else the first
  /// sorted one. Each counterfactual design is built on the rows at that level stacked on the
  /// original rows, so that every level stays in the factor and its coding is the fit's.
  /// - Returns: one contrast per non-reference level, labelled `x[level]` as its coefficient.
  /// - Throws: `ModelError` when a level has no row to copy it from or the design cannot be
  ///   rebuilt consistently.
  func factorContrasts(of name: String, column: Column, levels: [String]) throws -> [RowContrast] {
    let coded = try DesignMatrix.build(formula, data: table)
    let omitted = levels.filter { !coded.columnNames.contains("\(name)[\($0)]") }
    let reference = omitted.count == 1 ? omitted[0] : levels[0]
    var representative: [String: Int] = [:]
    for i in 0..<n {
      guard let label = column.stringValue(i) else { continue }
      if representative[label] == nil { representative[label] = i }
      if case .double(let v) = column.values,
        let match = levels.first(where: { Double($0) == v[i] }),
        representative[match] == nil
      {
        representative[match] = i
      }
    }
    func counterfactual(at level: String) throws -> Matrix {
      guard let row = representative[level] else {
        throw ModelError.unsupported(
          "marginal effects could not set '\(name)' to its level '\(level)'")
      }
      let original = Array(0..<n)
      let columns = table.columns.map { c in
        c.name == name
          ? c.gathering(rows: [Int](repeating: row, count: n) + original)
          : c.gathering(rows: original + original)
      }
      let stacked = try DataTable(columns: columns, source: table.source)
      let rebuilt = try DesignMatrix.build(formula, data: stacked)
      let kept = keptNames.compactMap { rebuilt.columnNames.firstIndex(of: $0) }
      guard kept.count == keptNames.count, rebuilt.nobs == 2 * n else {
        throw ModelError.unsupported(
          "marginal effects could not rebuild the design of '\(formula.text)' consistently")
      }
      return rebuilt.x.selecting(rows: original, columns: kept)
    }
    let base = try counterfactual(at: reference)
    return try levels.filter { $0 != reference }.map { level in
      contrast("\(name)[\(level)]", try counterfactual(at: level), base)
    }
  }
}

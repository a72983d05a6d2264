import DataTable
import LinearAlgebra

/// The numeric form of a formula on a table: the model matrix, the response, and which rows were
/// used.
///
/// Rows with a missing value in any used column are dropped and counted.
public struct DesignMatrix: Sendable {
  /// The formula that was built.
  public let formula: Formula
  /// Model matrix, one column per coefficient (intercept first when present).
  public let x: Matrix
  /// Coefficient names (DESIGN.md section 4: `(Intercept)`, `x`, `f[level]`, `a:b`, `log(x)`).
  public let columnNames: [String]
  /// For each column, the index into `formula.terms` it belongs to, or -1 for the intercept.
  public let termIndexOfColumn: [Int]
  /// The response on the used rows, or `nil` for a one-sided formula.
  public let response: [Double]?
  /// Rows of the table used, ascending.
  public let rows: [Int]
  /// Number of rows dropped because a used column was missing.
  public let droppedMissing: Int
  /// Factor levels per factor variable, as coded (reference first is not implied).
  public let factorLevels: [String: [String]]

  /// Number of observations used.
  public var nobs: Int { rows.count }

  /// Builds the design of `formula` on `data`.
  /// - Parameters:
  ///   - formula: a parsed formula.
  ///   - data: the table.
  ///   - extra: further columns that must be present on a used row (weights, clusters).
  ///   - panel: the panel declaration that `l(x, k)`, `f(x, k)` and `d(x)` need; rows whose
  ///     lag or difference is missing (absent period) are dropped and counted as missing.
  /// - Throws: `FormulaError` for unknown columns and functions, text used as a number, columns
  ///   with no value, no complete row, non-finite computed values, or a panel function without
  ///   a panel (`.panelRequired`).
  /// - Returns: the model matrix, response and term layout on the complete rows, with the rows
  ///   dropped for missing values counted.
  public static func build(
    _ formula: Formula, data: DataTable, requiring extra: [String] = [],
    panel: PanelIndex? = nil
  ) throws -> DesignMatrix {
    let variables = formula.variables
    for (name, position) in variables where data[name] == nil {
      throw FormulaError.unknownColumn(
        formula: formula.text, column: position, name: name,
        suggestion: NameSuggestion.nearest(to: name, among: data.columnNames), source: data.source)
    }
    let used =
      variables.map(\.name) + extra.filter { name in !variables.contains { $0.name == name } }
    var columns: [Column] = []
    for name in used {
      let column = try data.column(named: name)
      if column.missingCount == column.count {
        throw FormulaError.allMissing(name: name, source: data.source)
      }
      columns.append(column)
    }
    let panelTerms = try PanelTerms.evaluate(formula, data: data, panel: panel)
    let rows = completeRows(
      columns, rowCount: data.rowCount, extraMasks: panelTerms.values.map(\.missing))
    if rows.isEmpty {
      throw FormulaError.noCompleteRows(
        variables: used + panelTerms.keys.sorted(), source: data.source)
    }

    let evaluator = TermEvaluator(
      formula: formula, data: data, rows: rows, panelValues: panelTerms.mapValues(\.values))
    let response = try formula.response.map { try evaluator.numeric($0, label: $0.text) }
    let coded = try TermCoding.build(formula: formula, evaluator: evaluator)
    return DesignMatrix(
      formula: formula, x: coded.x, columnNames: coded.names,
      termIndexOfColumn: coded.termIndex, response: response, rows: rows,
      droppedMissing: data.rowCount - rows.count, factorLevels: evaluator.factorLevels())
  }

  /// Rows where none of `columns` is missing.
  static func completeRows(_ columns: [Column], rowCount: Int, extraMasks: [[Bool]] = []) -> [Int] {
    let masks = columns.filter { $0.missingCount > 0 }.map(\.missing) + extraMasks
    if masks.isEmpty { return Array(0..<rowCount) }
    var rows: [Int] = []
    rows.reserveCapacity(rowCount)
    for i in 0..<rowCount where !masks.contains(where: { $0[i] }) { rows.append(i) }
    return rows
  }
}

extension DesignMatrix {
  /// The same design on a subset of its rows (positions into `rows`, ascending); used to drop
  /// observations with zero weight.
  public func restricted(to positions: [Int]) -> DesignMatrix {
    var x = Matrix(rows: positions.count, columns: self.x.columns)
    for j in 0..<x.columns {
      let source = j * nobs
      let target = j * positions.count
      for (i, p) in positions.enumerated() { x.storage[target + i] = self.x.storage[source + p] }
    }
    return DesignMatrix(
      formula: formula, x: x, columnNames: columnNames, termIndexOfColumn: termIndexOfColumn,
      response: response.map { r in positions.map { r[$0] } }, rows: positions.map { rows[$0] },
      droppedMissing: droppedMissing, factorLevels: factorLevels)
  }
}

import DataTable
import Formula
import LinearAlgebra

/// The rows of a two-group decomposition: one design built on both groups (so factors are coded
/// alike), split by the group column, with each group's least-squares fit and covariate means.
struct DecompositionSample {
  /// One group's rows, fit and means.
  struct Group {
    /// The group's value of the group column, as text.
    let label: String
    /// Positions into the pooled design.
    let positions: [Int]
    /// The group's design rows.
    let x: Matrix
    /// The group's outcome.
    let y: [Double]
    /// Least-squares coefficients.
    let beta: [Double]
    /// (X'X)^-1.
    let bread: Matrix
    /// Residuals.
    let residuals: [Double]
    /// Column means of the design (1 for the intercept).
    let means: [Double]

    var count: Int { positions.count }
  }

  let design: DesignMatrix
  let a: Group
  let b: Group

  /// The formula of a decomposition, which takes no fixed or random effects and not the group.
  /// - Throws: `DecompositionError.groupInFormula`; `FormulaError`.
  static func parse(_ formula: String, group: String) throws -> Formula {
    let parsed = try ModelFormula.parse(
      formula,
      fixedEffects: .refused("a decomposition takes no fixed effects after '|'; write C(x)"),
      randomEffects: "a decomposition takes no random-effect terms ( | )")
    if parsed.variables.contains(where: { $0.name == group }) {
      throw DecompositionError.groupInFormula(column: group)
    }
    return parsed
  }

  /// Builds the design of `formula` on the rows where it, `group` and `extra` are present and
  /// fits each group.
  /// - Throws: `DecompositionError` for a group column without exactly two values, a group in
  ///   the formula, a term constant or collinear within a group; `FormulaError`, `DataError`.
  init(formula: String, data: DataTable, group: String, extra: [String]) throws {
    let parsed = try Self.parse(formula, group: group)
    guard parsed.response != nil else {
      throw FormulaError.unsupported(formula: formula, message: "a response (y ~ ...) is needed")
    }
    try ModelFormula.requireColumns([group] + extra, in: data)
    let design = try DesignMatrix.build(parsed, data: data, requiring: [group] + extra)
    let column = try data.column(named: group)
    let (labels, isA) = try Self.split(column, rows: design.rows)
    self.design = design
    let positionsA = design.rows.indices.filter { isA[$0] }
    let positionsB = design.rows.indices.filter { !isA[$0] }
    a = try Self.fit(design, positions: positionsA, label: labels.a)
    b = try Self.fit(design, positions: positionsB, label: labels.b)
  }

  /// The two values of the group column (A the smaller, as Stata `oaxaca`'s group 1) and, per
  /// design row, whether it belongs to A.
  static func split(_ column: Column, rows: [Int]) throws -> (
    labels: (a: String, b: String), isA: [Bool]
  ) {
    if column.isNumeric {
      let values = rows.map { column.doubleValue($0) ?? .nan }
      let distinct = Array(Set(values)).sorted()
      guard distinct.count == 2 else {
        throw DecompositionError.groupLevels(column: column.name, count: distinct.count)
      }
      let text = distinct.map { $0 == $0.rounded() ? String(Int($0)) : String($0) }
      return ((text[0], text[1]), values.map { $0 == distinct[0] })
    }
    let values = rows.map { column.stringValue($0) ?? "" }
    let distinct = Array(Set(values)).sorted()
    guard distinct.count == 2 else {
      throw DecompositionError.groupLevels(column: column.name, count: distinct.count)
    }
    return ((distinct[0], distinct[1]), values.map { $0 == distinct[0] })
  }

  /// One group's least-squares fit; every design column must be identified in the group.
  static func fit(_ design: DesignMatrix, positions: [Int], label: String) throws -> Group {
    let k = design.x.columns
    guard positions.count > k else {
      throw DecompositionError.tooFewRows(group: label, rows: positions.count, needed: k)
    }
    let sub = design.restricted(to: positions)
    let y = sub.response ?? []
    let solution = try LinearSolution(x: sub.x, y: y, solver: .qr, tolerance: nil)
    if let first = solution.aliased.first {
      throw DecompositionError.constantInGroup(term: design.columnNames[first], group: label)
    }
    let fitted = sub.x.multiplied(by: solution.coefficients)
    let n = Double(positions.count)
    let means = (0..<k).map { j in sub.x.column(j).reduce(0, +) / n }
    return Group(
      label: label, positions: positions, x: sub.x, y: y, beta: solution.coefficients,
      bread: solution.bread, residuals: zip(y, fitted).map { $0 - $1 }, means: means)
  }
}

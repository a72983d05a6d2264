import DataTable
import Formula
import Inference
import LinearAlgebra

/// An average marginal effect in a subgroup (or the whole sample), or the difference between
/// two subgroups' effects, with its delta-method standard error.
public struct SubgroupMarginalEffect: Sendable, Equatable {
  /// The `by` variable, or `nil` for the whole sample.
  public let by: String?
  /// The subgroup's value of `by`; for a difference `"b - a"`; `nil` for the whole sample.
  public let level: String?
  /// Whether this is the difference between two subgroups' effects.
  public let isDifference: Bool
  /// Rows averaged over (both subgroups' rows for a difference).
  public let count: Int
  /// The effect, its standard error, test and interval.
  public let effect: MarginalEffect
}

/// Average marginal effects by subgroup for a fit with a linear predictor x'β and an inverse
/// link F.
///
/// For a 0/1 regressor the average of F(x_1'β) - F(x_0'β) with the regressor set to 1
/// and 0 on every row; for a factor (`C(x)` or text) the same for each level against the
/// reference level (`SubgroupMargins+Factors`); for another numeric regressor the average of dF(x'β)/dv (the design is
/// rebuilt at v ± h, so interactions and functions of v count). Gradients are averaged over the
/// subgroup's rows, so subgroup effects and their differences share the coefficient covariance
/// (delta method). The sample is held fixed, as statsmodels' `get_margeff` and Stata `margins`.
struct SubgroupMargins {
  let formula: Formula
  let table: DataTable
  let keptNames: [String]
  let beta: [Double]
  let covariance: Matrix
  let link: LinkFunction
  let offset: [Double]

  var n: Int { table.rowCount }

  /// - Throws: `DataError` when a used column is missing.
  init(
    formula: Formula, data: DataTable, rows: [Int], keptNames: [String],
    beta: [Double], covariance: Matrix, link: LinkFunction, offset: [Double]?, by: [String]
  ) throws {
    var names = formula.variables.map(\.name)
    for name in by where !names.contains(name) { names.append(name) }
    let columns = try names.map { try data.column(named: $0).gathering(rows: rows) }
    table = try DataTable(columns: columns, source: data.source)
    self.formula = formula
    self.keptNames = keptNames
    self.beta = beta
    self.covariance = covariance
    self.link = link
    self.offset = offset ?? [Double](repeating: 0, count: rows.count)
  }

  /// The columns of the kept coefficients, rebuilt on `table`.
  func rebuild(_ table: DataTable) throws -> Matrix {
    let rebuilt = try DesignMatrix.build(formula, data: table)
    let columns = keptNames.compactMap { rebuilt.columnNames.firstIndex(of: $0) }
    guard columns.count == keptNames.count, rebuilt.nobs == n else {
      throw ModelError.unsupported(
        "marginal effects could not rebuild the design of '\(formula.text)' consistently")
    }
    return rebuilt.x.selectingColumns(columns)
  }

  /// One contrast of a regressor: its term label, kind, and per row the effect and its gradient
  /// with respect to β (rows of a matrix).
  struct RowContrast {
    let term: String
    let kind: MarginalEffect.Kind
    let effects: [Double]
    let gradients: Matrix
  }

  /// The contrasts of `name`: each non-reference level of a factor (`C(x)` or a text column)
  /// against the reference level, the 0-to-1 change of a 0/1 regressor, or the derivative of
  /// another numeric regressor.
  func rowEffects(of name: String) throws -> [RowContrast] {
    let column = try table.column(named: name)
    if let levels = try factorLevels(of: name) {
      return try factorContrasts(of: name, column: column, levels: levels)
    }
    guard let values = column.doubles() else {
      throw ModelError.unsupported(
        "marginal effects by subgroup take numeric or factor regressors; '\(name)' is neither")
    }
    let binary = values.allSatisfy { $0 == 0 || $0 == 1 }
    if binary {
      let x1 = try rebuild(table.replacingOrAdding(Column.double(name, values.map { _ in 1 })))
      let x0 = try rebuild(table.replacingOrAdding(Column.double(name, values.map { _ in 0 })))
      return [contrast(name, x1, x0)]
    }
    let k = beta.count
    var effects = [Double](repeating: 0, count: n)
    var gradients = Matrix(rows: n, columns: k)
    let scale = values.reduce(0) { max($0, abs($1)) }
    let h = max(scale, 1e-8) * 1e-6
    let plus = try rebuild(table.replacingOrAdding(Column.double(name, values.map { $0 + h })))
    let minus = try rebuild(table.replacingOrAdding(Column.double(name, values.map { $0 - h })))
    let x = try rebuild(table)
    let eta = x.multiplied(by: beta)
    for i in 0..<n {
      let g = link.inverseWithDerivatives(eta[i] + offset[i])
      var slope = 0.0
      var d = [Double](repeating: 0, count: k)
      for j in 0..<k {
        d[j] = (plus[i, j] - minus[i, j]) / (2 * h)
        slope += d[j] * beta[j]
      }
      effects[i] = g.d1 * slope
      for j in 0..<k { gradients[i, j] = g.d2 * slope * x[i, j] + g.d1 * d[j] }
    }
    return [RowContrast(term: name, kind: .derivative, effects: effects, gradients: gradients)]
  }

  /// The discrete change F(x_1'β) - F(x_0'β) per row between two designs of the kept columns.
  func contrast(_ term: String, _ x1: Matrix, _ x0: Matrix) -> RowContrast {
    let k = beta.count
    var effects = [Double](repeating: 0, count: n)
    var gradients = Matrix(rows: n, columns: k)
    let eta1 = x1.multiplied(by: beta)
    let eta0 = x0.multiplied(by: beta)
    for i in 0..<n {
      let g1 = link.inverseWithDerivatives(eta1[i] + offset[i])
      let g0 = link.inverseWithDerivatives(eta0[i] + offset[i])
      effects[i] = g1.mu - g0.mu
      for j in 0..<k { gradients[i, j] = g1.d1 * x1[i, j] - g0.d1 * x0[i, j] }
    }
    return RowContrast(term: term, kind: .discreteChange, effects: effects, gradients: gradients)
  }

  /// The effects of `variables` (each contrast of each) on the whole sample, in each subgroup of
  /// each `by` variable, and each subgroup's difference from the first.
  func effects(variables: [String], by: [String], level: Double) throws
    -> [String: [SubgroupMarginalEffect]]
  {
    var out: [String: [SubgroupMarginalEffect]] = [:]
    for name in variables {
      for contrast in try rowEffects(of: name) {
        out[name, default: []] += try effects(of: contrast, by: by, level: level)
      }
    }
    return out
  }

  /// One contrast's effect on the whole sample, in each subgroup of each `by` variable, and
  /// each subgroup's difference from the first.
  func effects(of contrast: RowContrast, by: [String], level: Double) throws
    -> [SubgroupMarginalEffect]
  {
    let (effects, gradients, kind, name) = (
      contrast.effects, contrast.gradients, contrast.kind, contrast.term
    )
    func average(_ rows: [Int]) -> (Double, [Double]) {
      let count = Double(rows.count)
      let estimate = rows.reduce(0) { $0 + effects[$1] } / count
      let gradient = (0..<beta.count).map { j in
        rows.reduce(0) { $0 + gradients[$1, j] } / count
      }
      return (estimate, gradient)
    }
    func make(
      _ by: String?, _ label: String?, _ difference: Bool, _ count: Int,
      _ value: (Double, [Double])
    )
      -> SubgroupMarginalEffect
    {
      SubgroupMarginalEffect(
        by: by, level: label, isDifference: difference, count: count,
        effect: MarginalEffect(
          term: name, kind: kind, estimate: value.0, gradient: value.1, covariance: covariance,
          level: level))
    }
    var list = [make(nil, nil, false, n, average(Array(0..<n)))]
    for variable in by {
      let column = try table.column(named: variable)
      var groups: [String: [Int]] = [:]
      for i in 0..<n where !column.isMissing(i) {
        groups[column.stringValue(i) ?? "", default: []].append(i)
      }
      let labels = groups.keys.sorted { a, b in
        if let x = Double(a), let y = Double(b) { return x < y }
        return a < b
      }
      guard let first = labels.first, let firstRows = groups[first] else { continue }
      let base = average(firstRows)
      for label in labels {
        let rows = groups[label] ?? []
        let value = average(rows)
        list.append(make(variable, label, false, rows.count, value))
        guard label != first else { continue }
        list.append(
          make(
            variable, "\(label) - \(first)", true, rows.count + firstRows.count,
            (value.0 - base.0, zip(value.1, base.1).map { $0 - $1 })))
      }
    }
    return list
  }
}

extension GLMResult {
  /// Average marginal effects of `variables` on the response scale, overall and by subgroup of
  /// each `by` variable, with the differences between subgroups (see `SubgroupMargins`).
  /// - Parameters:
  ///   - variables: regressors: 0/1 ones get the 0-to-1 contrast, factors each level against the
  ///     reference (terms `x[level]`), other numeric ones the derivative.
  ///   - by: columns defining subgroups (each on its own).
  ///   - level: confidence level.
  /// - Returns: the effects, the variables in order, each overall first.
  /// - Throws: `ModelError` for a variable that is not a regressor; `DataError` for an
  ///   unknown `by` column.
  public func marginalEffects(variables: [String], by: [String], level: Double = 0.95) throws
    -> [SubgroupMarginalEffect]
  {
    try SubgroupMargins.check(variables, formula: design.formula)
    let margins = try SubgroupMargins(
      formula: design.formula, data: data, rows: rows,
      keptNames: coefficients.names, beta: coefficients.values, covariance: covariance,
      link: family.link, offset: details.offset, by: by)
    let effects = try margins.effects(variables: variables, by: by, level: level)
    return variables.flatMap { effects[$0] ?? [] }
  }
}

extension OLSResult {
  /// Average marginal effects of `variables`, overall and by subgroup of each `by` variable,
  /// with the differences between subgroups (see `SubgroupMargins`; averages are unweighted).
  /// - Parameters: as `GLMResult.marginalEffects(variables:by:level:)`.
  /// - Returns: the effects, the variables in order, each overall first.
  /// - Throws: as `GLMResult.marginalEffects(variables:by:level:)`.
  public func marginalEffects(variables: [String], by: [String], level: Double = 0.95) throws
    -> [SubgroupMarginalEffect]
  {
    try SubgroupMargins.linear(
      formula: formula, data: regression.data, rows: rows, coefficients: coefficients,
      covariance: covariance, variables: variables, by: by, level: level)
  }
}

extension SubgroupMargins {
  /// The subgroup effects of a linear model (identity link, no offset): one routine for OLS and
  /// fixed-effects fits.
  static func linear(
    formula text: String, data: DataTable, rows: [Int], coefficients: CoefficientVector,
    covariance: Matrix, variables: [String], by: [String], level: Double
  ) throws -> [SubgroupMarginalEffect] {
    let formula = try Formula(text)
    try check(variables, formula: formula)
    let margins = try SubgroupMargins(
      formula: formula, data: data, rows: rows, keptNames: coefficients.names,
      beta: coefficients.values, covariance: covariance, link: .identity, offset: nil, by: by)
    let effects = try margins.effects(variables: variables, by: by, level: level)
    return variables.flatMap { effects[$0] ?? [] }
  }

  /// Every variable must be a regressor of the formula.
  static func check(_ variables: [String], formula: Formula) throws {
    let regressors = formula.terms.flatMap { term in
      term.atoms.flatMap { $0.node.variableReferences.map(\.name) }
    }
    for name in variables where !regressors.contains(name) {
      throw ModelError.unsupported(
        "'\(name)' is not a regressor of the model"
          + (NameSuggestion.nearest(to: name, among: regressors).map { "; did you mean '\($0)'?" }
            ?? ""))
    }
  }
}

extension FixedEffectsResult {
  /// Average marginal effects of `variables`, overall and by subgroup of each `by` variable,
  /// with the differences between subgroups (see `SubgroupMargins`): the model is linear, so the
  /// absorbed effects cancel from every contrast and derivative.
  /// - Parameters: as `GLMResult.marginalEffects(variables:by:level:)`.
  /// - Returns: the effects, the variables in order, each overall first.
  /// - Throws: as `GLMResult.marginalEffects(variables:by:level:)`.
  public func marginalEffects(variables: [String], by: [String], level: Double = 0.95) throws
    -> [SubgroupMarginalEffect]
  {
    try SubgroupMargins.linear(
      formula: formula, data: regression.data, rows: rows, coefficients: coefficients,
      covariance: covariance, variables: variables, by: by, level: level)
  }
}

extension FixedEffectsGLMResult {
  /// Average marginal effects of `variables` on the response scale, overall and by subgroup of
  /// each `by` variable, with the differences between subgroups (see `SubgroupMargins`).
  ///
  /// The fixed effects are held at their estimates, a per-row offset of the linear predictor
  /// (as R marginaleffects does for fixest models): predictions use them, the delta method
  /// differentiates with respect to the slopes only.
  /// - Parameters: as `GLMResult.marginalEffects(variables:by:level:)`.
  /// - Returns: the effects, the variables in order, each overall first.
  /// - Throws: as `GLMResult.marginalEffects(variables:by:level:)`.
  public func marginalEffects(variables: [String], by: [String], level: Double = 0.95) throws
    -> [SubgroupMarginalEffect]
  {
    let formula = try Formula(self.formula)
    try SubgroupMargins.check(variables, formula: formula)
    let plain = try SubgroupMargins(
      formula: formula, data: regression.data, rows: rows, keptNames: coefficients.names,
      beta: coefficients.values, covariance: covariance, link: family.link, offset: nil, by: by)
    let slopes = try plain.rebuild(plain.table).multiplied(by: coefficients.values)
    let offset = zip(details.linearPredictor, slopes).map { $0 - $1 }
    let margins = try SubgroupMargins(
      formula: formula, data: regression.data, rows: rows, keptNames: coefficients.names,
      beta: coefficients.values, covariance: covariance, link: family.link, offset: offset,
      by: by)
    let effects = try margins.effects(variables: variables, by: by, level: level)
    return variables.flatMap { effects[$0] ?? [] }
  }
}

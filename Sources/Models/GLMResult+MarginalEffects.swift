import DataTable
import Formula
import Inference
import LinearAlgebra

extension GLMResult {
  /// Marginal effects of the model's variables on the response scale, with delta-method
  /// standard errors under the covariance in force.
  ///
  /// Numeric regressors get the derivative dmu/dx through every column they enter (interactions
  /// and functions such as `log(x)` included: the design is rebuilt at x +- h and differenced),
  /// except 0/1 dummies, which get the average 0-to-1 contrast (every row set to 0, then to 1, as
  /// statsmodels' `get_margeff(dummy=True)` and Stata's `margins, dydx(i.d)`);
  /// factor levels get the discrete change from the reference level, with the whole factor set to
  /// each level in turn (as R's `marginaleffects::avg_slopes` and Stata's `margins`). For models
  /// without interactions, numeric effects equal statsmodels' `get_margeff(at=...)`. Averages are
  /// unweighted, over the used observations; the offset is kept at its observed values.
  /// - Parameters:
  ///   - at: average over observations (AME) or at the design means (MEM).
  ///   - variables: variables to report (default: every regressor, in formula order).
  ///   - level: confidence level.
  /// - Returns: one effect per numeric variable and per non-reference factor level.
  /// - Throws: `ModelError.unsupported` for an unknown variable; formula errors if the design
  ///   cannot be rebuilt.
  public func marginalEffects(
    at: MarginalEffectsAt = .average, variables: [String]? = nil, level: Double = 0.95
  ) throws -> [MarginalEffect] {
    let formula = design.formula
    var regressors: [String] = []
    for term in formula.terms {
      for atom in term.atoms {
        for reference in atom.node.variableReferences where !regressors.contains(reference.name) {
          regressors.append(reference.name)
        }
      }
    }
    let chosen = variables ?? regressors
    for name in chosen where !regressors.contains(name) {
      throw ModelError.unsupported(
        "'\(name)' is not a regressor of the model"
          + (NameSuggestion.nearest(to: name, among: regressors).map { "; did you mean '\($0)'?" }
            ?? ""))
    }
    let context = try MarginsContext(fit: self)
    var effects: [MarginalEffect] = []
    for name in chosen {
      if let levels = design.factorLevels[name] {
        let reference =
          levels.first { label in
            !terms.contains { $0.split(separator: ":").contains { $0 == "\(name)[\(label)]" } }
          } ?? levels[0]
        let x0 = try context.design(setting: name, to: reference, levels: levels)
        for label in levels where label != reference {
          let x1 = try context.design(setting: name, to: label, levels: levels)
          let (estimate, gradient) = context.discreteChange(x1: x1, x0: x0, at: at)
          effects.append(
            MarginalEffect(
              term: "\(name)[\(label)]", kind: .discreteChange, estimate: estimate,
              gradient: gradient, covariance: covariance, level: level))
        }
      } else if try context.isBinary(name) {
        let x0 = try context.design(settingNumeric: name, to: 0)
        let x1 = try context.design(settingNumeric: name, to: 1)
        let (estimate, gradient) = context.discreteChange(x1: x1, x0: x0, at: at)
        effects.append(
          MarginalEffect(
            term: name, kind: .discreteChange, estimate: estimate, gradient: gradient,
            covariance: covariance, level: level))
      } else {
        let d = try context.derivativeColumns(of: name)
        let (estimate, gradient) = context.derivative(d, at: at)
        effects.append(
          MarginalEffect(
            term: name, kind: .derivative, estimate: estimate, gradient: gradient,
            covariance: covariance, level: level))
      }
    }
    return effects
  }
}

/// What marginal effects need from a fit: the model rows of the used columns, the kept
/// coefficients and the link.
struct MarginsContext {
  let fit: GLMResult
  let table: DataTable
  let n: Int
  let beta: [Double]
  let offset: [Double]
  let x: Matrix

  init(fit: GLMResult) throws {
    self.fit = fit
    let names = fit.design.formula.variables.map(\.name)
    let columns = try names.map { try fit.data.column(named: $0).gathering(rows: fit.rows) }
    table = try DataTable(columns: columns, source: fit.data.source)
    n = fit.nobs
    beta = fit.coefficients.values
    offset = fit.details.offset ?? [Double](repeating: 0, count: fit.nobs)
    x = fit.design.x.selectingColumns(fit.keptColumns)
  }

  /// The kept design columns rebuilt on `table` (first `rows` rows), checked to match the fit.
  func rebuild(_ table: DataTable, rows: Int) throws -> Matrix {
    let rebuilt = try DesignMatrix.build(fit.design.formula, data: table)
    guard rebuilt.columnNames == fit.design.columnNames, rebuilt.nobs >= rows else {
      throw ModelError.unsupported(
        "marginal effects could not rebuild the design of '\(fit.formula)' consistently")
    }
    let kept = rebuilt.x.selectingColumns(fit.keptColumns)
    if kept.rows == rows { return kept }
    return kept.selecting(rows: Array(0..<rows), columns: Array(0..<kept.columns))
  }

  /// dX/dv on the kept columns by a central difference of the rebuilt design (exact up to
  /// rounding for columns linear or quadratic in v).
  func derivativeColumns(of name: String) throws -> Matrix {
    let column = try table.column(named: name)
    guard let values = column.doubles() else {
      throw ModelError.unsupported("'\(name)' is not numeric")
    }
    let scale = values.reduce(0) { max($0, abs($1)) }
    let h = max(scale, 1e-8) * 1e-6
    func shifted(_ delta: Double) throws -> Matrix {
      let moved = Column.double(name, values.map { $0 + delta })
      return try rebuild(table.replacingOrAdding(moved), rows: n)
    }
    let plus = try shifted(h)
    let minus = try shifted(-h)
    var d = plus
    for i in 0..<d.storage.count { d.storage[i] = (plus.storage[i] - minus.storage[i]) / (2 * h) }
    return d
  }

  /// True when numeric `name` takes only the values 0 and 1 (both) on the used rows: a dummy,
  /// whose effect is the 0-to-1 contrast, not a derivative.
  func isBinary(_ name: String) throws -> Bool {
    guard let values = try table.column(named: name).doubles() else { return false }
    var seen = (zero: false, one: false)
    for value in values.prefix(n) {
      if value == 0 {
        seen.zero = true
      } else if value == 1 {
        seen.one = true
      } else {
        return false
      }
    }
    return seen.zero && seen.one
  }

  /// The kept design with numeric `name` set to `value` on every row.
  func design(settingNumeric name: String, to value: Double) throws -> Matrix {
    let constant = Column.double(name, [Double](repeating: value, count: table.rowCount))
    return try rebuild(table.replacingOrAdding(constant), rows: n)
  }

  /// The kept design with factor `name` set to `label` on every row.
  ///
  /// Rows holding each level are appended before building (and cut after) so the factor keeps all
  /// its levels.
  func design(setting name: String, to label: String, levels: [String]) throws -> Matrix {
    let original = try table.column(named: name)
    let extended = table.gathering(rows: Array(0..<n) + [Int](repeating: 0, count: levels.count))
    let labels = [String](repeating: label, count: n) + levels
    let column: Column
    switch original.values {
    case .text(_, let dictionary):
      let codes = labels.map { Int32(dictionary.firstIndex(of: $0) ?? 0) }
      column = Column(
        name: name, values: .text(codes: codes, levels: dictionary), type: original.type)
    case .int:
      column = Column(name: name, values: .int(labels.map { Int($0) ?? 0 }), type: original.type)
    case .double:
      column = Column(
        name: name, values: .double(labels.map { Double($0) ?? 0 }), type: original.type)
    case .bool:
      column = Column(name: name, values: .bool(labels.map { $0 == "true" }), type: original.type)
    }
    return try rebuild(extended.replacingOrAdding(column), rows: n)
  }

  /// Effect and gradient of a derivative effect.
  func derivative(_ d: Matrix, at: MarginalEffectsAt) -> (Double, [Double]) {
    let link = fit.family.link
    let k = beta.count
    switch at {
    case .average:
      let g = responseCurve(at: x)
      let slope = d.multiplied(by: beta)
      let total = zip(g, slope).reduce(0.0) { $0 + $1.0.d1 * $1.1 }
      let a = zip(g, slope).map { $0.d2 * $1 / Double(n) }
      let c = g.map { $0.d1 / Double(n) }
      let gradient = zip(x.transposeMultiplied(by: a), d.transposeMultiplied(by: c)).map { $0 + $1 }
      return (total / Double(n), gradient)
    case .means:
      let xbar = columnMeans(x)
      let dbar = columnMeans(d)
      let eta = dot(xbar, beta) + offset.reduce(0, +) / Double(n)
      let slope = dot(dbar, beta)
      let g = link.inverseWithDerivatives(eta)
      return (g.d1 * slope, (0..<k).map { g.d2 * xbar[$0] * slope + g.d1 * dbar[$0] })
    }
  }

  /// Effect and gradient of a discrete change from design x0 to x1.
  func discreteChange(x1: Matrix, x0: Matrix, at: MarginalEffectsAt) -> (Double, [Double]) {
    let link = fit.family.link
    let k = beta.count
    switch at {
    case .average:
      let g1 = responseCurve(at: x1)
      let g0 = responseCurve(at: x0)
      let total = zip(g1, g0).reduce(0.0) { $0 + ($1.0.mu - $1.1.mu) }
      let c1 = g1.map { $0.d1 / Double(n) }
      let c0 = g0.map { $0.d1 / Double(n) }
      let gradient = zip(x1.transposeMultiplied(by: c1), x0.transposeMultiplied(by: c0)).map {
        $0 - $1
      }
      return (total / Double(n), gradient)
    case .means:
      let m1 = columnMeans(x1)
      let m0 = columnMeans(x0)
      let meanOffset = offset.reduce(0, +) / Double(n)
      let g1 = link.inverseWithDerivatives(dot(m1, beta) + meanOffset)
      let g0 = link.inverseWithDerivatives(dot(m0, beta) + meanOffset)
      return (g1.mu - g0.mu, (0..<k).map { g1.d1 * m1[$0] - g0.d1 * m0[$0] })
    }
  }

  /// The inverse link and its first two derivatives at each row's linear predictor (with offset).
  func responseCurve(at design: Matrix) -> [(mu: Double, d1: Double, d2: Double)] {
    let eta = design.multiplied(by: beta)
    let link = fit.family.link
    return (0..<n).map { link.inverseWithDerivatives(eta[$0] + offset[$0]) }
  }

  func columnMeans(_ m: Matrix) -> [Double] {
    let ones = [Double](repeating: 1 / Double(m.rows), count: m.rows)
    return m.transposeMultiplied(by: ones)
  }

  func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for i in 0..<a.count { s += a[i] * b[i] }
    return s
  }
}

import DataTable
import Formula
import Inference
import LinearAlgebra

/// The numeric work of a fixed-effects fit once rows, weights and factors are settled: demean,
/// drop absorbed and collinear regressors, solve, and count degrees of freedom.
struct FixedEffectsProblem {
  let design: DesignMatrix
  let y: [Double]
  let weights: [Double]?
  let factors: [FixedEffectFactor]
  let options: FixedEffectsOptions
  let formula: String

  func solve(
    data: DataTable, weightsColumn: String?, singletons: Int, covariance: CovarianceType,
    warnings initialWarnings: [String]
  ) throws -> FixedEffectsResult {
    var warnings = initialWarnings
    let n = y.count
    // Regressors without the intercept (absorbed by any fixed effect).
    let slopeColumns = design.termIndexOfColumn.indices.filter { design.termIndexOfColumn[$0] >= 0 }
    let names = slopeColumns.map { design.columnNames[$0] }
    let raw = slopeColumns.map { design.x.column($0) }
    let demeaner = Demeaner(factors: factors, weights: weights)
    let demeaned = demeaner.demean([y] + raw, options: options.demeaning)
    let summary = DemeaningSummary(
      converged: demeaned.allSatisfy(\.converged),
      iterations: demeaned.map(\.iterations).max() ?? 0,
      criterion: demeaned.map(\.criterion).max() ?? 0, tolerance: options.demeaning.tolerance)
    if let failed = demeaned.indices.first(where: { !demeaned[$0].converged }) {
      let column = failed == 0 ? (design.formula.response?.text ?? "response") : names[failed - 1]
      let error = FixedEffectsError.demeaningDidNotConverge(
        column: column, iterations: demeaned[failed].iterations,
        criterion: demeaned[failed].criterion, tolerance: options.demeaning.tolerance)
      if options.nonConvergence == .fail { throw error }
      warnings.append(error.description + "; estimates are not reliable")
    }
    // Absorbed regressors: the demeaned column is (numerically) zero.
    var candidate: [Int] = []
    var absorbed: [String] = []
    for j in names.indices {
      let before = centredNorm(raw[j])
      let after = weightedNorm(demeaned[j + 1].values)
      if before == 0 || after <= options.absorptionTolerance * before {
        absorbed.append(names[j])
      } else {
        candidate.append(j)
      }
    }
    if !absorbed.isEmpty {
      warnings.append(
        "regressors absorbed by the fixed effects (\(factors.map(\.name).joined(separator: ", "))) "
          + "dropped: \(absorbed.joined(separator: ", "))")
    }
    if candidate.isEmpty {
      throw ModelError.nothingToEstimate(
        names.isEmpty
          ? "the formula has no regressor besides the fixed effects"
          : "every regressor is absorbed by the fixed effects: \(absorbed.joined(separator: ", "))")
    }
    let sqrtW = weights?.map { $0.squareRoot() }
    var xw = Matrix(rows: n, columns: candidate.count)
    for (c, j) in candidate.enumerated() {
      let values = demeaned[j + 1].values
      for i in 0..<n { xw.storage[c * n + i] = values[i] * (sqrtW?[i] ?? 1) }
    }
    let yDemeaned = demeaned[0].values
    let yw = sqrtW.map { s in zip(yDemeaned, s).map { $0 * $1 } } ?? yDemeaned
    let qr = try LeastSquaresQR.solve(xw, response: yw)
    let keptColumns = qr.kept.map { candidate[$0] }
    let collinear = qr.aliased.map { names[candidate[$0]] }
    if !collinear.isEmpty {
      warnings.append("collinear terms dropped: \(collinear.joined(separator: ", "))")
    }
    let beta = qr.coefficients
    let xKept = qr.aliased.isEmpty ? xw : xw.selectingColumns(qr.kept)
    let fittedW = xKept.multiplied(by: beta)
    let residualsW = zip(yw, fittedW).map { $0 - $1 }
    let residuals = sqrtW.map { s in zip(residualsW, s).map { $0 / $1 } } ?? residualsW
    let rank = keptColumns.count
    let dof = FixedEffectDegreesOfFreedom(factors: factors, rule: options.redundantLevels)
    let dfResidual = Double(n - rank - dof.parameters)
    let rss = residualsW.reduce(0) { $0 + $1 * $1 }
    let withinTSS = yw.reduce(0) { $0 + $1 * $1 }
    let totalNorm = centredNorm(y)
    let effects =
      options.recoverEffects
      ? recoverEffects(raw: raw, kept: keptColumns, beta: beta, demeaner: demeaner) : nil
    let regression = try RegressionCore(
      formula: formula, terms: names, aliased: absorbed + collinear,
      coefficients: CoefficientVector(names: keptColumns.map { names[$0] }, values: beta),
      nobs: n, residualDegreesOfFreedom: dfResidual, bread: qr.unscaledCovariance(),
      scoreDesign: xKept, scoreResiduals: residualsW, data: data, rows: design.rows,
      warnings: warnings,
      rules: .fixedEffects(
        residualSumOfSquares: rss, dfResidual: dfResidual, rank: rank, nobs: n,
        factors: factors, degreesOfFreedom: dof),
      covarianceType: covariance)
    let details = FixedEffectsResult.Details(
      absorbed: absorbed, residualSumOfSquares: rss, totalSumOfSquares: totalNorm * totalNorm,
      withinSumOfSquares: withinTSS, residuals: residuals,
      fittedValues: zip(y, residuals).map { $0 - $1 }, weights: weights,
      weightsColumn: weightsColumn, droppedMissing: design.droppedMissing,
      singletons: singletons, factors: factors, degreesOfFreedom: dof, demeaning: summary,
      effects: effects)
    return FixedEffectsResult(regression: regression, details: details)
  }

  /// Weighted Euclidean norm sqrt(sum w v^2).
  private func weightedNorm(_ v: [Double]) -> Double {
    var s = 0.0
    for i in v.indices { s += (weights?[i] ?? 1) * v[i] * v[i] }
    return s.squareRoot()
  }

  /// Weighted norm of v minus its weighted mean.
  private func centredNorm(_ v: [Double]) -> Double {
    var sw = 0.0
    var swv = 0.0
    for i in v.indices {
      let w = weights?[i] ?? 1
      sw += w
      swv += w * v[i]
    }
    let mean = swv / sw
    var s = 0.0
    for i in v.indices { s += (weights?[i] ?? 1) * (v[i] - mean) * (v[i] - mean) }
    return s.squareRoot()
  }

  /// The fixed-effect values: demeaning y - X b gives alpha with D alpha its projection.
  ///
  /// Each effect after the first is normalised so that its first level is 0 (the first effect takes
  /// the shift), as fixest's `fixef()` does for connected designs.
  private func recoverEffects(
    raw: [[Double]], kept: [Int], beta: [Double], demeaner: Demeaner
  ) -> [FixedEffectValues] {
    var partial = y
    for (b, j) in zip(beta, kept) {
      for i in partial.indices { partial[i] -= b * raw[j][i] }
    }
    var tight = options.demeaning
    tight.tolerance = min(tight.tolerance, 1e-12)
    let start = TwoWayPartition(demeaner)?.coefficients(partial, demeaner: demeaner)
    var alpha = demeaner.demean(partial, options: tight, start: start).effects
    var out: [FixedEffectValues] = []
    for (q, factor) in factors.enumerated() where q > 0 && factor.levelCount > 0 {
      let shift = alpha[demeaner.offsets[q]]
      for g in 0..<factor.levelCount { alpha[demeaner.offsets[q] + g] -= shift }
      for g in 0..<factors[0].levelCount { alpha[g] += shift }
    }
    for (q, factor) in factors.enumerated() {
      let offset = demeaner.offsets[q]
      out.append(
        FixedEffectValues(
          name: factor.name, levels: (0..<factor.levelCount).map { factor.levelName($0) },
          values: Array(alpha[offset..<(offset + factor.levelCount)])))
    }
    return out
  }
}

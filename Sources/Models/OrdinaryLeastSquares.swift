import DataTable
import Formula
import Inference
import LinearAlgebra

/// Ordinary and weighted least squares, as R's `lm` (matches `lm` estimates, aliasing and fit
/// statistics; covariances match `sandwich::vcovHC` / `vcovCL`).
///
/// ```swift
/// let fit = try OLS.fit("stem_score ~ female + ses + C(track)", data: table,
///                       vcov: .cluster("school_id"))
/// fit.coefficients["female"]
/// ```
public enum OLS {
  /// Fits a linear model.
  /// - Parameters:
  ///   - formula: model formula, e.g. `"score ~ female * year_c + C(track)"`.
  ///   - data: the table.
  ///   - weights: name of a weight column, or `nil`.
  ///   - weightKind: analytic (default) or frequency weights.
  ///   - vcov: covariance type in force on the result (others via `withCovariance`).
  ///   - solver: QR (default) or Cholesky.
  ///   - tolerance: relative tolerance for declaring a column aliased; `nil` uses the solver's
  ///     default (`LeastSquaresQR.defaultTolerance`, or 1e-10 for Cholesky as fixest).
  ///   - panel: a panel declaration, needed by `l(x, k)`, `f(x, k)` and `d(x)` in the formula.
  /// - Returns: an immutable result.
  /// - Throws: `FormulaError` or `DataError` for bad formulas and columns, `ModelError` for bad
  ///   weights or too few clusters, `LinearAlgebraError` if a factorisation fails.
  public static func fit(
    _ formula: String, data: DataTable, weights: String? = nil, weightKind: WeightKind = .analytic,
    vcov: CovarianceType = .iid, solver: LeastSquaresSolver = .qr, tolerance: Double? = nil,
    panel: PanelIndex? = nil
  ) throws -> OLSResult {
    let parsed = try ModelFormula.parse(
      formula,
      fixedEffects: .refused("fixed effects after '|' need the fixed-effects model (model fe)"),
      randomEffects: "random-effect terms ( | ) need the mixed model (model lmm)")
    var extra = vcov.requiredColumns
    if let weights { extra.append(weights) }
    try ModelFormula.requireColumns(extra, in: data)
    let design = try DesignMatrix.build(parsed, data: data, requiring: extra, panel: panel)
    return try fit(
      design: design, data: data, weights: weights, weightKind: weightKind, vcov: vcov,
      solver: solver, tolerance: tolerance)
  }

  /// Fits a linear model to a design already built (used by other estimators).
  /// - Parameters: as `fit(_:data:...)`, with the design in place of the formula.
  /// - Returns: an immutable result.
  public static func fit(
    design: DesignMatrix, data: DataTable, weights: String? = nil,
    weightKind: WeightKind = .analytic, vcov: CovarianceType = .iid,
    solver: LeastSquaresSolver = .qr, tolerance: Double? = nil
  ) throws -> OLSResult {
    guard let response = design.response else {
      throw FormulaError.unsupported(
        formula: design.formula.text, message: "a response (y ~ ...) is needed")
    }
    var (design, y, w, warnings) = try weightedRows(
      design: design, response: response, data: data, weights: weights)
    let n = design.nobs
    let sqrtW = w?.map { $0.squareRoot() }
    let xw = sqrtW.map { design.x.scalingRows(by: $0) } ?? design.x
    let yw = sqrtW.map { s in zip(y, s).map { $0 * $1 } } ?? y

    let solution = try LinearSolution(x: xw, y: yw, solver: solver, tolerance: tolerance)
    let keptNames = solution.kept.map { design.columnNames[$0] }
    let aliasedNames = solution.aliased.map { design.columnNames[$0] }
    if !aliasedNames.isEmpty {
      warnings.append("aliased (collinear) terms dropped: \(aliasedNames.joined(separator: ", "))")
    }
    let xKept = solution.aliased.isEmpty ? xw : xw.selectingColumns(solution.kept)
    let fittedW = xKept.multiplied(by: solution.coefficients)
    let residualsW = zip(yw, fittedW).map { $0 - $1 }
    let fitted = sqrtW.map { s in zip(fittedW, s).map { $0 / $1 } } ?? fittedW
    let residuals = zip(y, fitted).map { $0 - $1 }

    let rank = solution.kept.count
    let effectiveN = weightKind == .frequency ? (w?.reduce(0, +) ?? Double(n)) : Double(n)
    let dfResidual = effectiveN - Double(rank)
    let statistics = FitStatistics(
      y: y, fitted: fitted, residuals: residuals, weights: w, weightKind: weightKind,
      hasIntercept: design.formula.hasIntercept, rank: rank, dfResidual: dfResidual)

    if statistics.outcomeIsConstant {
      warnings.append(
        "the outcome \(design.formula.response?.text ?? "") does not vary on the rows used: "
          + "R-squared and the F test are undefined")
    }
    let regression = try RegressionCore(
      formula: design.formula.text, terms: design.columnNames, aliased: aliasedNames,
      coefficients: CoefficientVector(names: keptNames, values: solution.coefficients),
      nobs: n, residualDegreesOfFreedom: dfResidual, bread: solution.bread, scoreDesign: xKept,
      scoreResiduals: residualsW, data: data, rows: design.rows, warnings: warnings,
      rules: .linearModel(
        statistics: statistics, dfResidual: dfResidual, weights: w, weightKind: weightKind,
        effectiveObservations: effectiveN),
      covarianceType: vcov)
    return OLSResult(
      regression: regression,
      details: OLSResult.Details(
        statistics: statistics, fittedValues: fitted, residuals: residuals,
        weightsColumn: weights, weightKind: weightKind, droppedMissing: design.droppedMissing,
        solver: solver))
  }

  /// The design, response and weights with zero-weight rows excluded (as R's `lm` and `glm`,
  /// which do not count them as observations), and the note saying how many were.
  /// - Throws: `ModelError` when a weight is invalid or every weight is zero.
  static func weightedRows(
    design: DesignMatrix, response: [Double], data: DataTable, weights: String?
  ) throws -> (DesignMatrix, [Double], [Double]?, [String]) {
    guard let weights else { return (design, response, nil, []) }
    let values = try design.weightValues(data.column(named: weights))
    let positive = values.indices.filter { values[$0] > 0 }
    if positive.isEmpty {
      throw ModelError.nothingToEstimate("every weight in '\(weights)' is zero")
    }
    guard positive.count < values.count else { return (design, response, values, []) }
    return (
      design.restricted(to: positive), positive.map { response[$0] }, positive.map { values[$0] },
      ["\(values.count - positive.count) observations with zero weight were excluded"]
    )
  }
}

/// OLS/WLS is also known by its acronym's long form.
public typealias OrdinaryLeastSquares = OLS

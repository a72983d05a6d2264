import DataTable
import Formula
import Inference
import LinearAlgebra

/// Random effects (Swamy-Arora), first differences and between estimators on a panel declared by
/// its unit and time columns; estimates and iid standard errors match R's `plm` (and
/// linearmodels' `RandomEffects`, `FirstDifferenceOLS`, `BetweenOLS`).
///
/// ```swift
/// let re = try PanelEstimators.fit("inv ~ value + capital", data: grunfeld, model: .randomEffects,
///                                  unit: "firm", time: "year")
/// ```
public enum PanelEstimators {
  /// Fits one of the panel estimators.
  /// - Parameters:
  ///   - formula: `y ~ x1 + x2` (no `|` or random-effect terms).
  ///   - data: the table.
  ///   - model: random effects, first differences or between.
  ///   - unit: the unit (individual) column.
  ///   - time: the numeric time column.
  ///   - vcov: covariance in force (default iid, as plm's `summary`).
  /// - Returns: an immutable result.
  /// - Throws: `FormulaError`/`DataError` for bad formulas and columns; `ModelError` for a text
  ///   time column, duplicate unit-time pairs, or nothing left to estimate.
  public static func fit(
    _ formula: String, data: DataTable, model: PanelModel, unit: String, time: String,
    vcov: CovarianceType = .iid
  ) throws -> PanelResult {
    let refusal = "the \(model.rawValue) model takes no '|' or ( | ) terms"
    let parsed = try ModelFormula.parse(
      formula, fixedEffects: .refused(refusal), randomEffects: refusal)
    var extra: [String] = []
    for name in [unit, time] + vcov.requiredColumns where !extra.contains(name) {
      extra.append(name)
    }
    for name in extra { _ = try data.column(named: name) }
    let design = try DesignMatrix.build(parsed, data: data, requiring: extra)
    guard let y = design.response else {
      throw FormulaError.unsupported(formula: formula, message: "a response (y ~ ...) is needed")
    }
    let units = ClusterIndex(column: try data.column(named: unit), rows: design.rows)
    guard let timeValues = try data.column(named: time).doubles() else {
      throw ModelError.unsupported("time column '\(time)' is text; periods must be numbers")
    }
    let times = design.rows.map { timeValues[$0] }
    var seen = Set<PairKey>()
    for i in times.indices
    where !seen.insert(PairKey(unit: units.codes[i], time: times[i])).inserted {
      throw ModelError.unsupported(
        "unit '\(unit)' has two rows for the same '\(time)' (data row \(design.rows[i] + 1)); "
          + "each unit-time pair must occur once")
    }
    let panel = PanelData(design: design, y: y, units: units, times: times)
    let fitted: PanelFit
    switch model {
    case .between: fitted = try panel.between()
    case .firstDifferences: fitted = try panel.firstDifferences()
    case .randomEffects: fitted = try panel.randomEffects()
    }
    let nobs = fitted.x.rows
    let dfResidual = Double(nobs - fitted.solution.kept.count)
    let regression = try RegressionCore(
      formula: formula, terms: design.columnNames,
      aliased: fitted.solution.aliased.map { design.columnNames[$0] },
      coefficients: CoefficientVector(
        names: fitted.solution.kept.map { design.columnNames[$0] }, values: fitted.solution.beta),
      nobs: nobs, residualDegreesOfFreedom: dfResidual, bread: fitted.solution.bread,
      scoreDesign: fitted.solution.xKept, scoreResiduals: fitted.solution.residuals, data: data,
      rows: fitted.rows, warnings: fitted.warnings,
      rules: .panel(
        model: model, residualSumOfSquares: fitted.solution.rss, dfResidual: dfResidual,
        nobs: nobs),
      covarianceType: vcov)
    return PanelResult(
      regression: regression,
      details: PanelResult.Details(
        model: model, units: units.count, droppedMissing: design.droppedMissing,
        residualSumOfSquares: fitted.solution.rss,
        rSquared: fitted.solution.rSquared(y: fitted.y, centred: design.formula.hasIntercept),
        components: fitted.components))
  }
}

private struct PairKey: Hashable {
  let unit: Int32
  let time: Double
}

/// A least-squares solution with R's aliasing rule.
struct PanelSolution {
  let beta: [Double]
  let kept: [Int]
  let aliased: [Int]
  let bread: Matrix
  let xKept: Matrix
  let residuals: [Double]
  let rss: Double

  init(x: Matrix, y: [Double]) throws {
    let qr = try LeastSquaresQR.solve(x, response: y)
    beta = qr.coefficients
    kept = qr.kept
    aliased = qr.aliased
    bread = qr.unscaledCovariance()
    xKept = qr.aliased.isEmpty ? x : x.selectingColumns(qr.kept)
    let fitted = xKept.multiplied(by: beta)
    residuals = zip(y, fitted).map { $0 - $1 }
    rss = residuals.reduce(0) { $0 + $1 * $1 }
  }

  /// 1 - RSS / TSS, TSS about the mean when the model has an intercept.
  func rSquared(y: [Double], centred: Bool) -> Double {
    let mean = centred ? y.reduce(0, +) / Double(max(y.count, 1)) : 0
    let tss = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return 1 - rss / tss
  }
}

/// The estimating regression of a panel estimator and what it reports besides.
struct PanelFit {
  let x: Matrix
  let y: [Double]
  let rows: [Int]
  let solution: PanelSolution
  var components: PanelResult.VarianceComponents? = nil
  var warnings: [String] = []
}

import DataTable
import Inference
import LinearAlgebra

/// Newey-West and Driscoll-Kraay covariances of a fitted linear predictor, with unit and time
/// read from the table on the rows the model used (shared by OLS and fixed-effects results).
enum PanelCovariance {
  /// The covariance for `.hac` or `.driscollKraay`; `nil` for other types.
  /// - Parameters:
  ///   - type: the covariance type.
  ///   - bread: (X'WX)^-1 on the kept columns.
  ///   - x: whitened design.
  ///   - residuals: whitened residuals.
  ///   - data: the table.
  ///   - rows: table rows used.
  ///   - dfResidual: degrees of freedom of the t reference (plm's `coeftest` default).
  /// - Throws: `DataError` for unknown columns, `ModelError` for a text or missing time column,
  ///   a negative lag, or duplicate unit-period pairs.
  /// - Returns: the covariance with its t reference, or `nil` when `type` is neither panel type.
  static func estimate(
    _ type: CovarianceType, bread: Matrix, x: Matrix, residuals: [Double], data: DataTable,
    rows: [Int], dfResidual: Double
  ) throws -> SandwichCovariance.Estimate? {
    switch type {
    case .hac(let unitName, let timeName, let lags):
      let unitColumn = try data.column(named: unitName)
      let (period, periodCount) = try periods(data: data, column: timeName, rows: rows)
      let unit = ClusterIndex(column: unitColumn, rows: rows)
      var perUnit = [Int](repeating: 0, count: unit.count)
      for code in unit.codes { perUnit[Int(code)] += 1 }
      var seen = Set<Int64>()
      for i in rows.indices
      where !seen.insert(Int64(unit.codes[i]) << 32 | Int64(period[i])).inserted {
        throw ModelError.unsupported(
          "hac covariance: unit '\(unitName)' has two rows in the same period of '\(timeName)' "
            + "(data row \(rows[i] + 1)); each unit-period pair must occur once")
      }
      let lag = try checkedLags(
        lags, default: PanelHAC.defaultLags(longestUnit: perUnit.max() ?? 1),
        periods: periodCount, vcov: "hac", time: timeName)
      let matrix = PanelHAC.neweyWest(
        bread: bread, x: x, residuals: residuals, unit: unit.codes, period: period, lags: lag)
      return .init(
        matrix: matrix, degreesOfFreedom: dfResidual, clusterCounts: [],
        warnings: [])
    case .driscollKraay(let timeName, let lags):
      let (period, count) = try periods(data: data, column: timeName, rows: rows)
      guard count >= 2 else {
        throw ModelError.unsupported(
          "driscoll-kraay covariance needs at least two periods of '\(timeName)'; the model's "
            + "rows have \(count)")
      }
      var perPeriod = [Int](repeating: 0, count: count)
      for p in period { perPeriod[Int(p)] += 1 }
      // plm's default uses the longest unit's length; with units unknown, the number of periods.
      let lag = try checkedLags(
        lags, default: PanelHAC.defaultLags(longestUnit: count), periods: count,
        vcov: "driscoll-kraay", time: timeName)
      let matrix = PanelHAC.driscollKraay(
        bread: bread, x: x, residuals: residuals, period: period, periods: count, lags: lag)
      return .init(
        matrix: matrix, degreesOfFreedom: dfResidual, clusterCounts: [count], warnings: [])
    case .iid, .heteroskedastic, .cluster:
      return nil
    }
  }

  /// The lag length: `lags` when given, else `value`, refusing negative lags and lags that reach
  /// the number of periods (no pair of periods is that far apart, and larger values would loop for
  /// nothing or overflow in the Bartlett weight).
  ///
  /// The default is capped the same way.
  private static func checkedLags(
    _ lags: Int?, default value: Int, periods: Int, vcov: String, time: String
  ) throws -> Int {
    guard let lags else { return min(value, max(periods - 1, 0)) }
    guard lags >= 0 else {
      throw ModelError.unsupported("the number of lags must be >= 0, not \(lags)")
    }
    guard lags < periods else {
      throw ModelError.unsupported(
        "\(lags) lags are too many for \(vcov) covariance: '\(time)' has \(periods) "
          + "period(s) on the model's rows, so the lags (--lags) must be below \(periods)")
    }
    return lags
  }

  private static func periods(data: DataTable, column name: String, rows: [Int]) throws
    -> (positions: [Int32], count: Int)
  {
    let column = try data.column(named: name)
    guard let values = column.doubles() else {
      throw ModelError.unsupported("time column '\(name)' is text; periods must be numbers")
    }
    if let row = rows.first(where: { column.isMissing($0) }) {
      throw ModelError.unsupported("time column '\(name)' is missing on data row \(row + 1)")
    }
    return PanelHAC.periods(rows.map { values[$0] })
  }
}

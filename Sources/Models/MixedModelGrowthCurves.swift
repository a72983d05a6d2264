import DataTable
import Distributions
import Formula
import Foundation
import LinearAlgebra

/// One point of a predicted growth curve: the fixed-effect prediction of a group at a time, with
/// its confidence interval.
public struct GrowthCurvePoint: Sendable, Equatable {
  /// The value of the `by` variable, or `nil` for the curve of the whole sample.
  public let group: Double?
  /// The time.
  public let time: Double
  /// The prediction, the average of `x'beta` over the rows.
  public let estimate: Double
  /// Its standard error, `sqrt(xbar' V xbar)` with V the fixed effects' covariance.
  public let standardError: Double
  /// Lower end of the normal interval.
  public let low: Double
  /// Upper end of the normal interval.
  public let high: Double
}

extension MixedModelResult {
  /// Predicted growth curves from the fixed effects, with confidence bands.
  ///
  /// For every value `g` of `by` and every time `t`, `time` is set to `t` and `by` to `g` on each
  /// of the fit's rows, the fixed-effect design is rebuilt (so transforms such as
  /// `I(year - 2015)` and interactions such as `t:female` count), and its rows are averaged into
  /// `xbar`; the prediction is `xbar'beta` (random effects at their mean, zero) with standard
  /// error `sqrt(xbar' V xbar)` and a normal interval. Other covariates keep their observed values
  /// (the sample is held fixed, as Stata's `margins, at()`); above `maximumRows` rows every k-th
  /// row of the fit is used.
  /// - Parameters:
  ///   - data: the table the model was fitted on.
  ///   - time: the numeric time column.
  ///   - by: a numeric grouping column with at most 8 values, or `nil` for one curve.
  ///   - times: the times to predict at; `nil` for the distinct observed times (25 evenly spaced
  ///     ones between the smallest and largest when there are more).
  ///   - level: the confidence level.
  ///   - maximumRows: rows averaged over at most.
  /// - Returns: the points, group by group, times ascending.
  /// - Throws: `ModelError` when `time` or `by` is not numeric or `by` has too many values;
  ///   formula and data errors of the rebuild.
  public func growthCurves(
    data: DataTable, time: String, by: String?, times: [Double]? = nil, level: Double = 0.95,
    maximumRows: Int = 20_000
  ) throws -> [GrowthCurvePoint] {
    let parsed = try Formula(formula)
    let used = try DesignMatrix.build(parsed, data: data).rows
    let step = max(1, (used.count + maximumRows - 1) / max(maximumRows, 1))
    let rows = Swift.stride(from: 0, to: used.count, by: step).map { used[$0] }
    var names = parsed.variables.map(\.name)
    for name in [time] + (by.map { [$0] } ?? []) where !names.contains(name) { names.append(name) }
    let sample = try DataTable(
      columns: try names.map { try data.column(named: $0).gathering(rows: rows) },
      source: data.source)
    let timeGrid = try times ?? Self.grid(try Self.numbers(sample, time, role: "time"))
    var groups: [Double?] = [nil]
    if let by {
      let values = Set(try Self.numbers(sample, by, role: "by").filter { !$0.isNaN }).sorted()
      guard values.count <= 8 else {
        throw ModelError.unsupported(
          "growth curves by '\(by)': \(values.count) values; at most 8 curves are drawn")
      }
      groups = values
    }
    let z = Normal().quantile(0.5 + level / 2)
    var out: [GrowthCurvePoint] = []
    for group in groups {
      for t in timeGrid {
        var table = try sample.replacingOrAdding(
          Column.double(time, [Double?](repeating: t, count: rows.count)))
        if let by, let group {
          table = try table.replacingOrAdding(
            Column.double(by, [Double?](repeating: group, count: rows.count)))
        }
        let xbar = try averageRow(parsed, table)
        let estimate = zip(xbar, coefficients.values).reduce(0) { $0 + $1.0 * $1.1 }
        var variance = 0.0
        for j in xbar.indices {
          for k in xbar.indices { variance += xbar[j] * covariance[j, k] * xbar[k] }
        }
        let se = max(variance, 0).squareRoot()
        out.append(
          GrowthCurvePoint(
            group: group, time: t, estimate: estimate, standardError: se, low: estimate - z * se,
            high: estimate + z * se))
      }
    }
    return out
  }

  /// The average row of the fixed-effect design rebuilt on `table`, over the kept coefficients.
  private func averageRow(_ parsed: Formula, _ table: DataTable) throws -> [Double] {
    let design = try DesignMatrix.build(parsed, data: table)
    let columns = coefficients.names.compactMap { design.columnNames.firstIndex(of: $0) }
    guard columns.count == coefficients.names.count, design.nobs > 0 else {
      throw ModelError.unsupported(
        "growth curves could not rebuild the design of '\(formula)' with the time and group set")
    }
    let n = Double(design.nobs)
    return columns.map { column in
      (0..<design.nobs).reduce(0.0) { $0 + design.x[$1, column] } / n
    }
  }

  /// The numeric values of a column, or an error naming its role.
  private static func numbers(_ t: DataTable, _ name: String, role: String) throws -> [Double] {
    guard let values = try t.column(named: name).doubles() else {
      throw ModelError.unsupported("growth curves: the \(role) column '\(name)' must be numeric")
    }
    return values
  }

  /// The distinct observed times, or 25 evenly spaced between the extremes when there are more.
  static func grid(_ values: [Double]) -> [Double] {
    let distinct = Set(values.filter { $0.isFinite }).sorted()
    guard distinct.count > 25, let first = distinct.first, let last = distinct.last else {
      return distinct
    }
    return (0..<25).map { first + (last - first) * Double($0) / 24 }
  }
}

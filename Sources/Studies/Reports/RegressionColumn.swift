import Foundation
import Inference

/// One model's column in a side-by-side regression table (as fixest's `etable` and R's
/// `modelsummary`): estimates with standard errors, fit statistics, fixed effects and clustering.
public struct RegressionColumn: Sendable, Equatable {
  /// One coefficient.
  public struct Row: Sendable, Equatable {
    /// Term name (DESIGN.md term names).
    public let term: String
    /// Estimate (`nil`: aliased).
    public let estimate: Double?
    /// Standard error.
    public let standardError: Double?
    /// Two-sided p-value.
    public let pValue: Double?
    /// Confidence interval.
    public let low: Double?, high: Double?
    /// Withheld by disclosure control (`CoefficientDisclosure`): printed as the marker.
    public let suppressed: Bool

    /// Creates a row.
    public init(
      term: String, estimate: Double?, standardError: Double?, pValue: Double?, low: Double?,
      high: Double?, suppressed: Bool = false
    ) {
      self.suppressed = suppressed
      self.term = term
      self.estimate = estimate
      self.standardError = standardError
      self.pValue = pValue
      self.low = low
      self.high = high
    }
  }

  /// Column heading (the analysis name).
  public let label: String
  /// Model family shown under the heading (such as "OLS" or "Logit").
  public let model: String
  /// Response variable.
  public let response: String
  /// Coefficients in model order.
  public let rows: [Row]
  /// Fit statistics as (name, formatted value), such as ("Observations", "2,991").
  public let statistics: [Statistic]
  /// Absorbed fixed effects (names), listed as "Yes" rows.
  public let fixedEffects: [String]
  /// Standard-error type, such as "Clustered (school_id)".
  public let standardErrors: String
  /// Confidence level of `low`/`high`.
  public let level: Double
  /// The omitted reference level of each factor with main-effect rows (`region` to `Antwerpen`).
  ///
  /// For `TableOptions.referenceLevels`; empty when unknown (a table read from a results.json).
  /// Filled by `withReferences(data:identifiers:)`.
  public var references: [String: String] = [:]

  /// A named fit statistic.
  public struct Statistic: Sendable, Equatable {
    /// Row label.
    public let name: String
    /// Formatted value.
    public let value: String

    /// Creates a statistic.
    public init(_ name: String, _ value: String) {
      self.name = name
      self.value = value
    }
  }

  /// Creates a column.
  public init(
    label: String, model: String, response: String, rows: [Row], statistics: [Statistic],
    fixedEffects: [String], standardErrors: String, level: Double
  ) {
    self.label = label
    self.model = model
    self.response = response
    self.rows = rows
    self.statistics = statistics
    self.fixedEffects = fixedEffects
    self.standardErrors = standardErrors
    self.level = level
  }
}

extension RegressionColumn {
  /// The column of a fit, written once against `RegressionFit`: coefficient rows for every term
  /// (dropped ones empty), `Observations`, the model's own statistics, the log-likelihood and AIC
  /// (unless the model's statistics hold them or they are not finite), singletons dropped, the
  /// clusters per clustering column, the absorbed fixed effects and the standard-error type.
  /// - Parameters:
  ///   - result: the fit.
  ///   - label: the column heading (the analysis name).
  ///   - model: the model family shown under the heading.
  ///   - statistics: the model's own statistics, after `Observations`.
  ///   - level: confidence level of the intervals.
  /// - Returns: the column.
  public static func make(
    _ result: some RegressionFit, label: String, model: String, statistics: [Statistic],
    level: Double
  ) -> RegressionColumn {
    var all = [Statistic("Observations", RegressionTableBuilder.thousands(result.nobs))]
    all += statistics
    let names = Set(statistics.map(\.name))
    if !names.contains("Log-likelihood"), result.logLikelihood.isFinite {
      all.append(Statistic("Log-likelihood", NumberText.fixed(result.logLikelihood, digits: 1)))
    }
    if !names.contains("AIC"), result.aic.isFinite {
      all.append(Statistic("AIC", NumberText.fixed(result.aic, digits: 1)))
    }
    if result.dropped.singletons > 0 {
      all.append(
        Statistic("Singletons dropped", RegressionTableBuilder.thousands(result.dropped.singletons))
      )
    }
    if case .cluster(let columns, _) = result.covarianceType {
      for (column, count) in zip(columns, result.clusterCounts) {
        all.append(Statistic("Clusters (\(column))", RegressionTableBuilder.thousands(count)))
      }
    }
    let response =
      result.formula.split(separator: "~").first.map {
        $0.trimmingCharacters(in: .whitespaces)
      } ?? ""
    let effects = result.section("fixed_effects")?.column("name").compactMap { cell in
      if case .text(let name) = cell { return name }
      return nil
    }
    return RegressionColumn(
      label: label, model: model, response: response, rows: rows(result, level: level),
      statistics: all, fixedEffects: effects ?? [],
      standardErrors: RegressionTableBuilder.describe(result.covarianceType), level: level)
  }

  /// One row per model term (dropped terms with empty cells), from a fit's coefficient table.
  /// - Parameters:
  ///   - result: the fit.
  ///   - level: confidence level of the intervals.
  /// - Returns: the rows in the fit's term order.
  public static func rows(_ result: some RegressionFit, level: Double) -> [Row] {
    result.termRows(level: level).map { term, row in
      Row(
        term: term, estimate: row?.estimate, standardError: row?.standardError,
        pValue: row?.pValue, low: row?.confidenceLow, high: row?.confidenceHigh)
    }
  }
}

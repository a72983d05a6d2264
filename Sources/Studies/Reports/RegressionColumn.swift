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
  /// Model family shown under the heading ("OLS", "Logit", ...).
  public let model: String
  /// Response variable.
  public let response: String
  /// Coefficients in model order.
  public let rows: [Row]
  /// Fit statistics as (name, formatted value), e.g. ("Observations", "2,991").
  public let statistics: [Statistic]
  /// Absorbed fixed effects (names), listed as "Yes" rows.
  public let fixedEffects: [String]
  /// Standard-error type, e.g. "Clustered (school_id)".
  public let standardErrors: String
  /// Confidence level of `low`/`high`.
  public let level: Double

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
  /// One row per model term (dropped terms with empty cells), from a fit's coefficient table.
  /// - Parameters:
  ///   - result: the fit.
  ///   - terms: all model-matrix terms, aliased or absorbed ones included.
  ///   - level: confidence level of the intervals.
  public static func rows(_ result: some RegressionFit, terms: [String], level: Double) -> [Row] {
    var byTerm: [String: CoefficientTable.Row] = [:]
    for row in result.coefficientTable(level: level).rows { byTerm[row.term] = row }
    return terms.map { term in
      guard let row = byTerm[term] else {
        return Row(term: term, estimate: nil, standardError: nil, pValue: nil, low: nil, high: nil)
      }
      return Row(
        term: term, estimate: row.estimate, standardError: row.standardError, pValue: row.pValue,
        low: row.confidenceLow, high: row.confidenceHigh)
    }
  }
}

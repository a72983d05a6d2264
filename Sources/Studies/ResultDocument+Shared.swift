import Inference

extension ResultDocument {
  /// Coefficient objects for every term, in model order (DESIGN.md section 4); aliased or
  /// absorbed terms get nulls and `"aliased": true`.
  /// - Parameters:
  ///   - result: the fit.
  ///   - terms: all model-matrix terms, dropped ones included.
  ///   - level: confidence level of `conf_low`/`conf_high`.
  ///   - extra: further keys for a kept coefficient (e.g. exponentiated estimates).
  /// - Returns: one JSON object per term.
  static func coefficientRows(
    _ result: some RegressionFit, terms: [String], level: Double,
    extra: ((CoefficientTable.Row) -> [(String, JSONValue)])? = nil
  ) -> [JSONValue] {
    var rowsByTerm: [String: CoefficientTable.Row] = [:]
    for row in result.coefficientTable(level: level).rows { rowsByTerm[row.term] = row }
    return terms.map { term in
      guard let row = rowsByTerm[term] else {
        return .object([
          ("term", .string(term)), ("estimate", .null), ("std_error", .null), ("statistic", .null),
          ("p_value", .null), ("conf_low", .null), ("conf_high", .null), ("aliased", .bool(true)),
        ])
      }
      let pairs: [(String, JSONValue)] = [
        ("term", .string(term)), ("estimate", .number(row.estimate)),
        ("std_error", .number(row.standardError)), ("statistic", .number(row.statistic)),
        ("p_value", .number(row.pValue)), ("conf_low", .number(row.confidenceLow)),
        ("conf_high", .number(row.confidenceHigh)),
      ]
      return .object(pairs + (extra?(row) ?? []))
    }
  }

  /// How the coefficients were tested: reference distribution and its degrees of freedom,
  /// confidence level, solver, and for clustered covariances the clusters and the correction.
  /// - Parameters:
  ///   - result: the fit (its `testDegreesOfFreedom` gives t or normal).
  ///   - covariance: the covariance type in force.
  ///   - clusterCounts: clusters per clustering column.
  ///   - level: confidence level.
  ///   - solver: the least-squares solver, or `nil` when not applicable.
  /// - Returns: the `inference` object.
  static func inference(
    _ result: some RegressionFit, covariance: CovarianceType, clusterCounts: [Int], level: Double,
    solver: String?
  ) -> JSONValue {
    var pairs: [(String, JSONValue)] = [
      ("distribution", .string(result.testDegreesOfFreedom == nil ? "normal" : "t")),
      ("df", .number(result.testDegreesOfFreedom)),
      ("conf_level", .number(level)),
    ]
    if let solver { pairs.append(("solver", .string(solver))) }
    if case .cluster(let columns, let correction) = covariance {
      let clusters: [JSONValue] = zip(columns, clusterCounts).map {
        .object([("column", .string($0)), ("count", .integer($1))])
      }
      pairs.append(("clusters", .array(clusters)))
      pairs.append(
        (
          "small_sample_correction",
          .string(
            result.testDegreesOfFreedom == nil
              ? correction.factorDescription + ", normal" : correction.description)
        ))
    }
    return .object(pairs)
  }
}

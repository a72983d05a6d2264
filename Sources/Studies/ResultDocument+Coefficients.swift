import Foundation
import Inference

extension ResultDocument {
  /// Coefficient objects for every term, in model order (DESIGN.md section 4); aliased or
  /// absorbed terms get nulls and `"aliased": true`.
  /// - Parameters:
  ///   - result: the fit.
  ///   - level: confidence level of `conf_low`/`conf_high`.
  ///   - exponentiate: add `exp_estimate`, `exp_conf_low`, `exp_conf_high` to a kept term.
  /// - Returns: one JSON object per term.
  static func coefficientRows(_ result: some RegressionFit, level: Double, exponentiate: Bool)
    -> [JSONValue]
  {
    result.termRows(level: level).map { term, row in
      guard let row else {
        return .object([
          ("term", .string(term)), ("estimate", .null), ("std_error", .null), ("statistic", .null),
          ("p_value", .null), ("conf_low", .null), ("conf_high", .null), ("aliased", .bool(true)),
        ])
      }
      var pairs: [(String, JSONValue)] = [
        ("term", .string(term)), ("estimate", .number(row.estimate)),
        ("std_error", .number(row.standardError)), ("statistic", .number(row.statistic)),
        ("p_value", .number(row.pValue)), ("conf_low", .number(row.confidenceLow)),
        ("conf_high", .number(row.confidenceHigh)),
      ]
      if exponentiate {
        pairs += [
          ("exp_estimate", .number(Foundation.exp(row.estimate))),
          ("exp_conf_low", .number(Foundation.exp(row.confidenceLow))),
          ("exp_conf_high", .number(Foundation.exp(row.confidenceHigh))),
        ]
      }
      return .object(pairs)
    }
  }

  /// How the coefficients were tested: reference distribution and its degrees of freedom,
  /// confidence level, solver, and for clustered covariances the clusters and the correction.
  /// - Parameters:
  ///   - result: the fit.
  ///   - level: confidence level.
  /// - Returns: the `inference` object.
  static func inference(_ result: some RegressionFit, level: Double) -> JSONValue {
    var pairs: [(String, JSONValue)] = [
      (
        "distribution",
        .string(
          result.testDegreesOfFreedom == nil && result.coefficientDegreesOfFreedom == nil
            ? "normal" : "t")
      ),
      ("df", .number(result.testDegreesOfFreedom)),
      ("conf_level", .number(level)),
    ]
    if let solver = result.solverName { pairs.append(("solver", .string(solver))) }
    if case .cluster(let columns, let correction) = result.covarianceType {
      let clusters: [JSONValue] = zip(columns, result.clusterCounts).map {
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

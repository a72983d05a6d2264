import Foundation
import Inference
import Models

/// Builds the result document of DESIGN.md section 4 (`vetstat.result/1`) from any fitted
/// regression, written once against `RegressionFit`: the shared keys in contract order, and a
/// model's own content (family, weights, fixed effects, variance components, diagnostics) from
/// its `sections`, each at its `placement`.
public enum ResultDocument {
  /// The schema identifier written in every result document.
  public static let schema = "vetstat.result/1"

  /// The short model name of a GLM family: `logit`, `probit`, `cloglog`, `poisson`, `gaussian`.
  public static func modelName(_ family: GLMFamily) -> String { family.modelName }

  /// The document of a fit, with a `marginal_effects` array when effects are given and
  /// exponentiated estimates (odds / incidence-rate ratios) on request.
  /// - Parameters:
  ///   - result: the fit.
  ///   - level: confidence level of `conf_low`/`conf_high`.
  ///   - marginalEffects: effects to include, or `nil`.
  ///   - marginsAt: where the effects were evaluated.
  ///   - exponentiate: add `exp_estimate`, `exp_conf_low`, `exp_conf_high` to each coefficient.
  /// - Returns: the JSON value.
  public static func make(
    _ result: some RegressionFit, level: Double = 0.95, marginalEffects: [MarginalEffect]? = nil,
    marginsAt: MarginalEffectsAt = .average, exponentiate: Bool = false
  ) -> JSONValue {
    let sections =
      result.sections + (marginalEffects.map { MarginalEffect.sections($0, at: marginsAt) } ?? [])
    func placed(_ placement: ResultSection.Placement) -> [(String, JSONValue)] {
      sections.filter { $0.placement == placement }.map { ($0.key, value(of: $0)) }
    }
    var document: [(String, JSONValue)] = [
      ("schema", .string(schema)), ("model", .string(result.modelName)),
    ]
    document += placed(.afterModel)
    document += [
      ("formula", .string(result.formula)), ("vcov", .string(result.covarianceType.description)),
    ]
    document += placed(.afterCovarianceType)
    document.append(("nobs", .integer(result.nobs)))
    document += placed(.afterObservations)
    document += [
      ("df_residual", .number(result.residualDegreesOfFreedom)),
      ("coefficients", .array(coefficientRows(result, level: level, exponentiate: exponentiate))),
    ]
    document += placed(.afterCoefficients)
    document.append(("fit", .object(result.fitMeasures.map { ($0.key, .number($0.value)) })))
    document += placed(.afterFit)
    document += [
      ("inference", inference(result, level: level)), ("dropped", dropped(result.dropped)),
      ("converged", .bool(result.convergence.converged)),
      ("iterations", .integer(result.convergence.iterations)),
    ]
    document += placed(.afterConvergence)
    document.append(("warnings", .array(result.warnings.map { .string($0) })))
    document += placed(.end)
    return .object(document)
  }

  /// A section as JSON: an array of row objects, one record object, a list of values, or one
  /// value, as its layout says.
  /// - Parameter section: the section.
  /// - Returns: the JSON value.
  public static func value(of section: ResultSection) -> JSONValue {
    func object(_ row: [ResultSection.Cell]) -> [(String, JSONValue)] {
      zip(section.columns, row).map { ($0.key, value(of: $1)) }
    }
    switch section.layout {
    case .rows: return .array(section.rows.map { .object(object($0)) })
    case .values: return .array(section.rows.compactMap { $0.first.map(value(of:)) })
    case .scalar: return section.scalarValue.map(value(of:)) ?? .null
    case .record:
      let cells = section.rows.first.map(object) ?? []
      let children = section.children.map { ($0.key, value(of: $0)) }
      return .object(section.childrenFirst ? children + cells : cells + children)
    }
  }

  /// A cell as JSON.
  static func value(of cell: ResultSection.Cell) -> JSONValue {
    switch cell {
    case .text(let text): return .string(text)
    case .integer(let value): return .integer(value)
    case .number(let value): return .number(value)
    case .bool(let value): return .bool(value)
    }
  }

  /// The `dropped` object: missing rows, singletons, other reasons, collinear and (with fixed
  /// effects) absorbed terms.
  static func dropped(_ dropped: DroppedSummary) -> JSONValue {
    var pairs: [(String, JSONValue)] = [
      ("rows_missing", .integer(dropped.missingRows)), ("singletons", .integer(dropped.singletons)),
    ]
    pairs += dropped.other.map { ($0.reason, .integer($0.rows)) }
    pairs.append(("collinear_terms", .array(dropped.collinearTerms.map { .string($0) })))
    if let absorbed = dropped.absorbedTerms {
      pairs.append(("absorbed_terms", .array(absorbed.map { .string($0) })))
    }
    return .object(pairs)
  }
}

extension MarginalEffect {
  /// Marginal effects as sections at the end of a result document: where they were evaluated
  /// (`marginal_effects_at`) and one row per effect (`marginal_effects`).
  /// - Parameters:
  ///   - effects: the effects.
  ///   - at: where they were evaluated.
  /// - Returns: the two sections.
  public static func sections(_ effects: [MarginalEffect], at: MarginalEffectsAt)
    -> [ResultSection]
  {
    let columns = [
      "term", "kind", "estimate", "std_error", "statistic", "p_value", "conf_low", "conf_high",
    ].map { ResultSection.Column($0) }
    let rows: [[ResultSection.Cell]] = effects.map { e in
      [.text(e.term), .text(e.kind.rawValue)]
        + [e.estimate, e.standardError, e.statistic, e.pValue, e.confidenceLow, e.confidenceHigh]
        .map { .number($0) }
    }
    return [
      .scalar(
        "marginal_effects_at", title: "Marginal effects at", .text(at.rawValue), placement: .end),
      ResultSection(
        key: "marginal_effects", title: "Marginal effects", columns: columns, rows: rows,
        placement: .end),
    ]
  }
}

import Foundation
import Inference
import Models

/// Renders a fitted model as readable text, like R's `summary()`, written once against
/// `RegressionFit`: header, observations and what was dropped, a line per fixed-effects
/// section, covariance, coefficient table, marginal effects, the fit lines the model's kind words
/// (`ModelKind.summaryStyle(of:)`), then notes.
public enum ModelSummaryText {
  /// The text of a fit.
  /// - Parameters:
  ///   - result: the fit.
  ///   - source: the data file name to show, if any.
  ///   - level: confidence level of the intervals.
  ///   - marginalEffects: effects to show, or `nil`.
  ///   - marginsAt: where the effects were evaluated.
  ///   - exponentiate: add exp(estimate) and its interval (odds / incidence-rate ratios).
  /// - Returns: the text, ending in a newline.
  public static func render(
    _ result: some RegressionFit, source: String? = nil, level: Double = 0.95,
    marginalEffects: [MarginalEffect]? = nil, marginsAt: MarginalEffectsAt = .average,
    exponentiate: Bool = false
  ) -> String {
    let style = ModelRegistry.summaryStyle(of: result)
    var lines = ["\(style.title): \(result.formula)" + (source.map { "    data: \($0)" } ?? "")]
    lines.append(observations(result) + style.inputs)
    if let effects = result.section("fixed_effects") { lines.append(fixedEffects(effects)) }
    lines.append(covariance(result, listsClusters: style.listsClusters))
    lines.append("")
    lines.append(coefficientText(result, level: level, exponentiate: exponentiate))
    if let bootstrap = result.section("wild_bootstrap") {
      lines.append("")
      lines += WildBootstrapText.lines(bootstrap)
    }
    if let marginalEffects, !marginalEffects.isEmpty {
      lines.append("")
      lines.append(effectsText(marginalEffects, at: marginsAt, level: level))
    }
    lines.append("")
    lines += style.fitLines
    for warning in result.warnings { lines.append("Note: \(warning)") }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `Observations: n`, further counts (`, units: 10`) and what was dropped.
  static func observations(_ result: some RegressionFit) -> String {
    var text = "Observations: \(result.nobs)"
    for section in result.sections where section.placement == .afterObservations {
      text += ", \(section.title.lowercased()): \(cellText(section.scalarValue))"
    }
    let dropped = result.dropped
    if dropped.absorbedTerms != nil || !dropped.other.isEmpty {
      var reasons: [String] = []
      if dropped.missingRows > 0 { reasons.append("\(dropped.missingRows) for missing values") }
      if dropped.singletons > 0 { reasons.append("\(dropped.singletons) singletons") }
      for other in dropped.other where other.rows > 0 {
        reasons.append("\(other.rows) \(other.label)")
      }
      if !reasons.isEmpty { text += " (dropped: \(reasons.joined(separator: ", ")))" }
    } else if dropped.missingRows > 0 {
      text += " (\(dropped.missingRows) rows dropped for missing values)"
    }
    return text
  }

  /// `Fixed effects: firm (10 levels), year (20 levels, 1 redundant; 2 dropped)`.
  static func fixedEffects(_ section: ResultSection) -> String {
    let names = section.column("name")
    let levels = section.column("levels")
    let redundant = section.column("redundant")
    let droppedLevels = section.column("levels_dropped_no_variation")
    let effects = names.indices.map { q in
      var text = "\(cellText(names[q])) (\(cellText(levels[q])) levels"
      if q < redundant.count, redundant[q] != .integer(0) {
        text += ", \(cellText(redundant[q])) redundant"
      }
      if q < droppedLevels.count, droppedLevels[q] != .integer(0) {
        text += "; \(cellText(droppedLevels[q])) dropped"
      }
      return text + ")"
    }
    return "Fixed effects: \(effects.joined(separator: ", "))"
  }

  /// `Covariance: type`, with the clusters and the small-sample correction when clustered.
  static func covariance(_ result: some RegressionFit, listsClusters: Bool) -> String {
    var text = "Covariance: \(result.covarianceType)"
    guard listsClusters, case .cluster(let columns, let correction) = result.covarianceType
    else { return text }
    let counts = zip(columns, result.clusterCounts).map { "\($0): \($1) clusters" }
    let rule =
      result.testDegreesOfFreedom == nil
      ? "\(correction.factorDescription); z tests" : "\(correction)"
    text += " [\(counts.joined(separator: ", ")); \(rule)]"
    return text
  }

  /// A cell as text (`-` for none).
  static func cellText(_ cell: ResultSection.Cell?) -> String {
    switch cell {
    case .text(let text): return text
    case .integer(let value): return "\(value)"
    case .number(let value): return value.map { NumberFormat.significant($0) } ?? "NA"
    case .bool(let value): return value ? "yes" : "no"
    case nil: return "-"
    }
  }
}

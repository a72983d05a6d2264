import DataTable
import Foundation
import Inference
import Models
import Plotting

/// `marginal_effects: {variables: [action], by: [female, migrant]}` on a model kind: average
/// marginal effects of the variables overall and in each subgroup of each `by` column, with each
/// subgroup's difference from the first level ("effects for whom").
struct SubgroupMarginsSpec: Sendable {
  let variables: [String]
  let by: [String]

  /// Whether the entry's `marginal_effects` is written as a mapping (the subgroup form).
  static func isMapping(_ r: SpecReader) -> Bool {
    if case .mapping = r.node("marginal_effects")?.content { return true }
    return false
  }

  /// Reads the mapping form, checking that the columns exist and that `by` names no identifier.
  static func read(_ r: SpecReader, schema: StudySchema, diagnostics: SpecDiagnostics)
    -> SubgroupMarginsSpec?
  {
    guard let m = r.mapping("marginal_effects", allowed: ["variables", "by"]) else { return nil }
    let variables = m.names("variables", required: true) ?? []
    let by = m.names("by", required: true) ?? []
    for (key, list) in [("variables", variables), ("by", by)] {
      for (i, item) in list.enumerated() {
        let path = "\(m.child(key))[\(i)]"
        guard
          schema.checkColumn(item.name, keyPath: path, line: item.line, diagnostics: diagnostics)
        else { continue }
        if key == "by" {
          _ = schema.checkPublishable(
            item.name, as: "a subgroup", keyPath: path, line: item.line, diagnostics: diagnostics)
        }
      }
    }
    return SubgroupMarginsSpec(variables: variables.map(\.name), by: by.map(\.name))
  }

  /// Refuses subgroups with fewer than `min_cell` learners among the fit's rows.
  func checkSubgroups(rows: [Int], context: AnalysisContext, analysis: String) throws {
    var learners = LearnerIndex(context)
    for name in by {
      let column = try context.data.column(named: name)
      var groups: [String: [Int]] = [:]
      for row in rows where !column.isMissing(row) {
        groups[column.stringValue(row) ?? "", default: []].append(row)
      }
      for (label, members) in groups
      where learners.count(rows: members) < context.disclosure.minCell {
        throw AnalysisError.invalid(
          analysis,
          "marginal_effects.by: subgroup \(name) = \(label) holds fewer than min_cell "
            + "(\(context.disclosure.minCell)) learners; its effects are not published")
      }
    }
  }

  /// Checks the subgroups, computes the effects and adds them to an analysis's output.
  ///
  /// The output gains the document's `marginal_effects_by`, a table and a forest plot: one
  /// routine for every model kind that takes `marginal_effects: {variables, by}`.
  /// - Parameters:
  ///   - rows: the fit's rows of the study data.
  ///   - context: the study context (disclosure settings, data).
  ///   - name: the analysis name.
  ///   - level: the confidence level.
  ///   - document: the analysis's result document, extended in place.
  ///   - tables: its tables, extended in place.
  ///   - figures: its figures, extended in place.
  ///   - effects: the fit's `marginalEffects(variables:by:level:)`.
  /// - Throws: `AnalysisError` for a subgroup below `min_cell` learners; what `effects` throws.
  func attach(
    rows: [Int], context: AnalysisContext, name: String, level: Double,
    document: inout JSONValue, tables: inout [ReportTable], figures: inout [Figure],
    effects: ([String], [String], Double) throws -> [SubgroupMarginalEffect]
  ) throws {
    try checkSubgroups(rows: rows, context: context, analysis: name)
    let (withEffects, table, figure) = Self.output(
      try effects(variables, by, level), document: document, name: name, level: level)
    document = withEffects
    tables.append(table)
    figures.append(figure)
  }

  /// The document with `marginal_effects_by` appended, the report table and a forest plot
  /// (the figure is withheld with the table's rows when a variable's coefficient is; see
  /// `CoefficientDisclosure`).
  static func output(
    _ effects: [SubgroupMarginalEffect], document: JSONValue, name: String, level: Double
  ) -> (JSONValue, ReportTable, Figure) {
    func label(_ effect: SubgroupMarginalEffect) -> String {
      guard let by = effect.by, let level = effect.level else { return "all" }
      return effect.isDifference ? "\(by): \(level)" : "\(by) = \(level)"
    }
    let rows: [JSONValue] = effects.map { e in
      .object([
        ("term", .string(e.effect.term)), ("kind", .string(e.effect.kind.rawValue)),
        ("by", e.by.map { .string($0) } ?? .null), ("level", e.level.map { .string($0) } ?? .null),
        ("difference", .bool(e.isDifference)), ("n", .integer(e.count)),
        ("estimate", .number(e.effect.estimate)), ("std_error", .number(e.effect.standardError)),
        ("statistic", .number(e.effect.statistic)), ("p_value", .number(e.effect.pValue)),
        ("conf_low", .number(e.effect.confidenceLow)),
        ("conf_high", .number(e.effect.confidenceHigh)),
      ])
    }
    var out = document
    if case .object(var fields) = document {
      fields.append(("marginal_effects_by", .array(rows)))
      out = .object(fields)
    }
    let percent = NumberText.fixed(level * 100, digits: 0)
    let table = ReportTable(
      id: "\(name)_marginal_effects",
      title: "\(name): average marginal effects by subgroup (response scale)",
      header: ["Term", "Subgroup", "Estimate", "Std. error", "\(percent)% CI"],
      rows: effects.map { e in
        [
          .text(e.effect.term), .text(label(e)), .number(e.effect.estimate, digits: 4),
          .number(e.effect.standardError, digits: 4),
          .text(
            "[\(NumberText.fixed(e.effect.confidenceLow, digits: 4)), "
              + "\(NumberText.fixed(e.effect.confidenceHigh, digits: 4))]"),
        ]
      },
      notes: [
        "0/1 regressors: average change from 0 to 1; "
          + (effects.contains { $0.effect.term.hasSuffix("]") }
            ? "factor levels f[level]: average change from the reference level; " : "")
          + "others: average derivative. Rows \"b - a\" "
          + "are differences between subgroups, with delta-method standard errors."
      ])
    let title = "\(name): average marginal effects by subgroup"
    let chart = CoefficientChart(
      title: title, xLabel: "Average marginal effect (\(percent)% CI)",
      estimates: effects.map { e in
        CoefficientChart.Estimate(
          term: label(e), model: e.effect.term, estimate: e.effect.estimate,
          low: e.effect.confidenceLow, high: e.effect.confidenceHigh)
      })
    return (out, table, Figure(id: "\(name)_marginal_effects", title: title, svg: chart.svg()))
  }
}

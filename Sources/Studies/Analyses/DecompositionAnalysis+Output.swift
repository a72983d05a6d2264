import Foundation
import Inference
import Models
import Plotting

extension DecompositionAnalysis {
  /// The result document, the decomposition table in the style of Stata `oaxaca`, and findings.
  func outcome(
    _ result: any EstimationResult, labels: (a: String, b: String), counts: (a: Int, b: Int)
  ) -> AnalysisOutcome {
    var fields: [(String, JSONValue)] = [
      ("schema", .string(ResultDocument.schema)), ("model", .string(result.modelName)),
      ("formula", .string(result.formula)), ("nobs", .integer(result.nobs)),
    ]
    fields += result.sections.map { ($0.key, ResultDocument.value(of: $0)) }
    fields.append(("warnings", .array(result.warnings.map { .string($0) })))
    let components = result.section("components")
    let detailed = result.section("detailed")
    func number(_ cell: ResultSection.Cell?) -> Double? {
      if case .number(let value) = cell { return value }
      return nil
    }
    func text(_ cell: ResultSection.Cell?) -> String {
      if case .text(let value) = cell { return value }
      return ""
    }
    func row(_ label: String, _ cells: [ResultSection.Cell]) -> [ReportTable.Cell] {
      let estimate = number(cells[cells.count - 2])
      let error = number(cells[cells.count - 1])
      return [
        .text(label), estimate.map { .number($0, digits: 4) } ?? .text("NA"),
        error.map { .number($0, digits: 4) } ?? .text(""),
      ]
    }
    var rows: [[ReportTable.Cell]] = []
    for cells in components?.rows ?? [] {
      rows.append(row(Self.partTitle(text(cells[0]), labels: labels), cells))
    }
    let overall = rows.count
    for cells in detailed?.rows ?? [] {
      rows.append(
        row("\(Self.partTitle(text(cells[1]), labels: labels)): \(text(cells[0]))", cells))
    }
    let table = ReportTable(
      id: name,
      title: title ?? "Decomposition of the gap in \(result.formula) by \(group)",
      header: ["Part", "Estimate", "Std. error"], rows: rows,
      notes: [
        "Group A: \(group) = \(labels.a) (n = \(counts.a)); group B: \(group) = \(labels.b) "
          + "(n = \(counts.b)). Difference = mean A - mean B."
      ], rulesAfter: [overall])
    var findings: [String] = []
    let gap = number(components?.rows.first { text($0[0]) == "difference" }?[1])
    let explained = number(components?.rows.first { text($0[0]) == "explained" }?[1])
    if let gap, let explained, gap != 0 {
      findings.append(
        "\(name): of the gap of \(NumberText.fixed(gap, digits: 3)) between \(group) = "
          + "\(labels.a) and \(labels.b), observed characteristics explain "
          + "\(NumberText.fixed(explained, digits: 3)) (\(NumberText.fixed(100 * explained / gap, digits: 0))%)."
      )
    }
    let heading = title ?? "Decomposition of the gap by \(group)"
    let chart = CoefficientChart(
      title: heading, xLabel: "Contribution to mean A - mean B (95% CI)",
      estimates: (detailed?.rows ?? []).compactMap { cells in
        guard let estimate = number(cells[2]) else { return nil }
        let error = number(cells[3]) ?? 0
        return CoefficientChart.Estimate(
          term: text(cells[0]), model: Self.partTitle(text(cells[1]), labels: labels),
          estimate: estimate, low: estimate - 1.959964 * error, high: estimate + 1.959964 * error)
      })
    return AnalysisOutcome(
      document: .object(fields), tables: [table],
      figures: [Figure(id: name, title: heading, svg: chart.svg())], findings: findings)
  }

  /// A readable name of a part.
  static func partTitle(_ part: String, labels: (a: String, b: String)) -> String {
    switch part {
    case "mean_a": return "Mean, group A (\(labels.a))"
    case "mean_b": return "Mean, group B (\(labels.b))"
    case "difference": return "Difference"
    case "explained": return "Explained"
    case "unexplained": return "Unexplained"
    case "endowments": return "Endowments"
    case "coefficients": return "Coefficients"
    case "interaction": return "Interaction"
    default: return part
    }
  }
}

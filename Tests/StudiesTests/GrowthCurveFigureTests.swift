import DataTable
import Foundation
import Models
import Testing

@testable import Plotting
@testable import Studies

/// `kind: lmm` with `time` and `by` draws the predicted growth curves: one curve with its band per
/// group, equal to the fixed-effect predictions computed by hand from the coefficients and their
/// covariance, with small groups left out and no label over a mark.
@Suite struct GrowthCurveFigureTests {
  static let formula =
    "stem_score ~ I(year - 2015) * female + ses + (1 + I(year - 2015) | learner_id)"

  /// The first 400 learners of the demo data (about 1,700 learner-years).
  static func panel() throws -> String {
    let url = StudyFixtures.root.appendingPathComponent("datasets/vet_learners_sample.csv")
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
    let kept = lines.dropFirst().filter { line in
      (Int(line.prefix { $0 != "," }) ?? .max) <= 400
    }
    return ([lines[0]] + kept).joined(separator: "\n") + "\n"
  }

  static func run(minCell: Int, text: String, by: String = "female") throws -> AnalysisOutcome {
    let spec = """
      study: Growth
      data: {path: data/p.csv, panel: {unit: learner_id, time: year}}
      disclosure: {min_cell: \(minCell)}
      analyses:
        - {name: growth, kind: lmm, formula: "\(formula)", time: year, by: \(by)}
      outputs: {folder: out, formats: [json]}
      """
    let (_, path) = try StudyFixtures.make(spec: spec, files: ["p.csv": text])
    let (result, _) = try Study.run(spec: path)
    return try #require(result.outcomes.first?.outcome)
  }

  @Test func curvesAreTheFixedEffectPredictions() throws {
    let text = try Self.panel()
    let outcome = try Self.run(minCell: 10, text: text)
    let figure = try #require(outcome.figures.first)
    #expect(figure.id == "growth_growth")
    #expect(figure.svg.contains(">female = 0<") && figure.svg.contains(">female = 1<"))

    // The same fit outside the study, and the predictions by hand: x = (1, t, g, mean ses, t g).
    let table = try CSVReader.read(bytes: Array(text.utf8), name: "p.csv")
    let fit = try LinearMixedModel.fit(Self.formula, data: table)
    let curves = try fit.growthCurves(data: table, time: "year", by: "female")
    let ses = try #require(try table.column(named: "ses").doubles())
    let meanSes = ses.reduce(0, +) / Double(ses.count)
    let b = fit.coefficients.values
    #expect(
      fit.coefficients.names == [
        "(Intercept)", "I(year-2015)", "female", "ses", "I(year-2015):female",
      ])
    #expect(curves.count == 2 * 10)
    for point in curves {
      let t = point.time - 2015
      let g = try #require(point.group)
      let x = [1, t, g, meanSes, t * g]
      let estimate = zip(x, b).reduce(0) { $0 + $1.0 * $1.1 }
      var variance = 0.0
      for j in 0..<5 {
        for k in 0..<5 { variance += x[j] * fit.covariance[j, k] * x[k] }
      }
      #expect(abs(point.estimate - estimate) < 1e-9 * max(1, abs(estimate)))
      #expect(abs(point.standardError - variance.squareRoot()) < 1e-9)
      #expect(abs(point.high - point.low - 2 * 1.959963984540054 * point.standardError) < 1e-9)
    }
    // The drawn curves are these points; the chart has no label over a mark.
    let chart = try #require(
      MixedModelAnalysis.growthChart(
        curves, hidden: [], by: "female", time: "year", yLabel: "stem_score", heading: "growth"))
    #expect(chart.series.map(\.name) == ["female = 0", "female = 1"])
    #expect(chart.series[1].points.map(\.y) == curves.filter { $0.group == 1 }.map(\.estimate))
    #expect(chart.series.allSatisfy { $0.interval == .band })
    let geometry = chart.geometry()
    let marks = chart.markBoxes(geometry)
    #expect(!marks.isEmpty)
    for label in chart.placedLabels(geometry) {
      #expect(!marks.contains { $0.intersects(label.box) }, "'\(label.text)' covers a mark")
    }
  }

  @Test func groupsBelowMinCellAreNotDrawn() throws {
    // 75 of the 400 learners are migrants: with min_cell 100 their curve is left out, with a note.
    let text = try Self.panel()
    let outcome = try Self.run(minCell: 100, text: text, by: "migrant")
    let figure = try #require(outcome.figures.first)
    #expect(figure.svg.contains("migrant = 0") && !figure.svg.contains("migrant = 1"))
    #expect(
      outcome.findings.contains {
        $0.contains("growth curves of 1 value(s) of migrant with fewer than 100 learners")
      })
  }

  @Test func withheldCoefficientsWithholdTheFigure() throws {
    // 160 girls: with min_cell 300 the female coefficients are withheld, and the curves drawn
    // from them with them.
    let outcome = try Self.run(minCell: 300, text: try Self.panel())
    #expect(outcome.figures.isEmpty)
    #expect(outcome.findings.contains { $0.contains("coefficient(s) withheld") })
  }
}

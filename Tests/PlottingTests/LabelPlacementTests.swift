import Foundation
import TestSupport
import Testing

@testable import Plotting

/// Reference-line labels (a target, a break) never cover a data mark or another label, on the
/// bundled study's kind of chart and on randomly generated series.
@Suite struct LabelPlacementTests {
  static func overlaps(_ chart: XYChart) -> [String] {
    let geometry = chart.geometry()
    let marks = chart.markBoxes(geometry)
    let labels = chart.placedLabels(geometry)
    var problems: [String] = []
    for (i, label) in labels.enumerated() {
      if marks.contains(where: { $0.intersects(label.box) }) {
        problems.append("'\(label.text)' covers a mark")
      }
      for other in labels[(i + 1)...] where other.box.intersects(label.box) {
        problems.append("'\(label.text)' covers '\(other.text)'")
      }
    }
    return problems
  }

  @Test func targetLabelAboveASeriesThatReachesTheTarget() {
    // The target line runs through the last points, where the label used to sit.
    let points = (2015...2024).map { year in
      Series.Point(x: Double(year), y: 0.3 + 0.01 * Double(year - 2015), low: nil, high: nil)
    }
    var chart = XYChart(
      title: "Share", xLabel: "year", yLabel: "share",
      series: [Series(name: "all", points: points, interval: .none)])
    chart.referenceLines = [
      ReferenceLine(axis: .y, value: 0.39, label: "target 0.39"),
      ReferenceLine(axis: .x, value: 2021, label: "break"),
    ]
    #expect(Self.overlaps(chart).isEmpty)
    let svg = chart.svg()
    #expect(svg.contains(">target 0.39<") && svg.contains(">break<"))
  }

  @Test(arguments: 1...200) func randomSeriesKeepTheirLabelsClear(seed: Int) {
    var random = SplitMix64(seed: UInt64(seed))
    let seriesCount = Int.random(in: 1...4, using: &random)
    let years = Int.random(in: 3...25, using: &random)
    var series: [Series] = []
    for s in 0..<seriesCount {
      let level = Double.random(in: 0...1, using: &random)
      let points = (0..<years).map { t in
        let y = level + Double.random(in: -0.2...0.2, using: &random)
        let half = Double.random(in: 0...0.1, using: &random)
        return Series.Point(x: Double(2000 + t), y: y, low: y - half, high: y + half)
      }
      let interval: Series.Interval = [.none, .errorBars, .band][
        Int.random(in: 0...2, using: &random)]
      series.append(Series(name: "series \(s)", points: points, interval: interval))
    }
    var chart = XYChart(title: "Random", xLabel: "year", yLabel: "value", series: series)
    chart.integerX = true
    chart.referenceLines = [
      ReferenceLine(
        axis: .y, value: Double.random(in: -0.2...1.2, using: &random), label: "target 2030"),
      ReferenceLine(
        axis: .x, value: Double(2000 + Int.random(in: 0..<years, using: &random)),
        label: "break in series"),
      ReferenceLine(
        axis: .y, value: Double.random(in: 0...1, using: &random), label: "EU benchmark"),
    ]
    #expect(Self.overlaps(chart).isEmpty, "seed \(seed)")
  }
}

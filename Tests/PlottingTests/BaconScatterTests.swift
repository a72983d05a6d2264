import Plotting
import Testing

/// The Goodman-Bacon scatter: a marker per comparison, a legend entry per type, the TWFE line.
@Suite struct BaconScatterTests {
  @Test func markersLegendAndReferenceLine() {
    let points = [
      BaconScatter.Point(type: "Treated vs Untreated", weight: 0.59, estimate: 0.068),
      BaconScatter.Point(type: "Treated vs Untreated", weight: 0.05, estimate: 0.080),
      BaconScatter.Point(type: "Earlier vs Later Treated", weight: 0.003, estimate: -0.083),
      BaconScatter.Point(type: "Later vs Earlier Treated", weight: 0.011, estimate: 0.126),
    ]
    let chart = BaconScatter.chart(points, overall: 0.0818)
    #expect(
      chart.series.map(\.name) == [
        "Treated vs Untreated", "Earlier vs Later Treated", "Later vs Earlier Treated",
      ])
    #expect(chart.series.allSatisfy { !$0.line && $0.markers })
    let svg = chart.svg()
    // A marker per comparison, and one per legend entry.
    #expect(svg.components(separatedBy: "<circle").count - 1 == points.count + 3)
    #expect(svg.contains("Earlier vs Later Treated"))
    #expect(svg.contains("TWFE 0.0818"))
  }
}

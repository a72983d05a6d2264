import Plotting
import Testing

/// Scales, nice ticks and the SVG writer.
@Suite struct PlottingTests {
  @Test func niceTicksAreRoundAndCoverTheData() {
    #expect(NiceTicks.ticks(low: 0.13, high: 0.87, count: 5) == [0, 0.2, 0.4, 0.6, 0.8, 1.0])
    #expect(NiceTicks.ticks(low: 43.8, high: 52.7, count: 5) == [42, 44, 46, 48, 50, 52, 54])
    #expect(NiceTicks.ticks(low: -5.9, high: 7.8, count: 6) == [-6, -4, -2, 0, 2, 4, 6, 8])
    #expect(NiceTicks.ticks(low: 3, high: 3).count >= 2)
    #expect(NiceTicks.ticks(low: .nan, high: 1).isEmpty)
    #expect(NiceTicks.label(-2, step: 2) == "\u{2212}2")
    #expect(NiceTicks.label(0.25, step: 0.05) == "0.25")
  }

  @Test func linearScaleMapsEndsAndCentre() {
    let scale = LinearScale(domain: 0...10, range: (100, 0))
    #expect(scale(0) == 100 && scale(10) == 0 && scale(5) == 50)
  }

  @Test func chartHasTitleAxisLabelsAndLegendForSeveralSeries() {
    let a = Series(
      name: "women", points: [.init(x: 2020, y: 1, low: 0.5, high: 1.5), .init(x: 2021, y: 2)],
      interval: .errorBars)
    let b = Series(name: "men & <others>", points: [.init(x: 2020, y: 2), .init(x: 2021, y: 3)])
    let svg = XYChart(
      title: "Mean score", xLabel: "year", yLabel: "score", series: [a, b], legendTitle: "gender"
    ).svg()
    #expect(svg.contains("<title>Mean score</title>"))
    #expect(svg.contains("class=\"x-label\">year<") && svg.contains("class=\"y-label\">score<"))
    #expect(svg.contains("class=\"legend\"") && svg.contains("men &amp; &lt;others&gt;"))
    let single = XYChart(title: "t", xLabel: "x", yLabel: "y", series: [a]).svg()
    #expect(!single.contains("class=\"legend\""))
  }

  @Test func coefficientChartSkipsNonFiniteEstimates() {
    let chart = CoefficientChart(
      title: "Coefficients", xLabel: "Estimate",
      estimates: [
        .init(term: "female", model: "m", estimate: -2, low: -3, high: -1),
        .init(term: "bad", model: "m", estimate: .nan, low: 0, high: 1),
      ])
    let svg = chart.svg()
    #expect(svg.contains(">female<") && !svg.contains(">bad<"))
  }

  @Test func paletteIsOkabeIto() {
    #expect(Palette.okabeIto.count == 8)
    #expect(Palette.color(0) == "#0072B2" && Palette.color(8) == Palette.color(0))
  }
}

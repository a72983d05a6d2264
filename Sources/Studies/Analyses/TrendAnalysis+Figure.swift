import Models
import Plotting

extension TrendAnalysis {
  /// The series with intervals, the fitted trend (with jumps at breaks), the projection band to
  /// the target year, the breaks and the target value.
  func figure(points: [Point], suppressed: [Bool], fits: Fits, heading: String) -> Figure? {
    var series: [Series] = []
    for entry in fits.entries {
      let name = groupName(entry.group)
      let observed = points.indices.filter {
        !(suppressed.indices.contains($0) && suppressed[$0]) && points[$0].group == entry.group
          && points[$0].estimate.isFinite
      }.map { points[$0] }
      guard !observed.isEmpty else { continue }
      series.append(
        Series(
          name: name,
          points: observed.map { .init(x: $0.time, y: $0.estimate, low: $0.low, high: $0.high) },
          line: false, markers: true,
          interval: observed.contains { $0.low != nil } ? .errorBars : .none))
      if let fit = entry.fit { series += fittedSeries(fit, name: name) }
    }
    guard !series.isEmpty else { return nil }
    var chart = XYChart(
      title: heading, xLabel: time, yLabel: seriesLabel, series: series,
      legendTitle: compare)
    chart.integerX = points.allSatisfy { $0.time == $0.time.rounded() }
    chart.referenceLines += referenceLines(fits)
    return Figure(id: name, title: heading, svg: chart.svg())
  }

  /// A labelled line at every break and at the target value (the chart places each label clear
  /// of the data and the others).
  func referenceLines(_ fits: Fits) -> [ReferenceLine] {
    var lines: [ReferenceLine] = []
    let breaks = fits.entries.compactMap(\.fit).first?.shape.breaks ?? options.shape.breaks
    for b in breaks {
      lines.append(
        ReferenceLine(axis: .x, value: b, label: "break \(NumberText.fixed(b, digits: 0))"))
    }
    if let target = options.target, let value = target.value {
      lines.append(
        ReferenceLine(
          axis: .y, value: value,
          label:
            "target \(NumberText.fixed(value, digits: 2)) in \(NumberText.fixed(target.year, digits: 0))"
        ))
    }
    return lines
  }

  /// The fitted trend of a series and its projection band to the target year.
  ///
  /// The trend over the series' points is `<name>: trend`; when the target year lies beyond
  /// them, the projection with its prediction band year by year is `<name>: projection`. Bounds
  /// that are not finite are left out of the band rather than drawn.
  func fittedSeries(_ fit: TrendResult, name: String) -> [Series] {
    guard let first = fit.series.time.first, let last = fit.series.time.last else { return [] }
    var series = [
      Series(
        name: "\(name): trend",
        points: trendPoints(fit, from: first, to: last).filter { $0.y.isFinite }, markers: false)
    ]
    if let target = fit.projection?.target, target.year > last {
      var band: [Series.Point] = []
      var year = last
      while year <= target.year {
        let p = fit.project(to: TrendTarget(year: year))
        if p.estimate.isFinite {
          band.append(
            .init(
              x: year, y: p.estimate, low: p.predictionLow.isFinite ? p.predictionLow : nil,
              high: p.predictionHigh.isFinite ? p.predictionHigh : nil))
        }
        year += 1
      }
      series.append(
        Series(name: "\(name): projection", points: band, markers: false, interval: .band))
    }
    return series
  }

  /// The fitted trend on a fine grid, with a point just before each break so the level change
  /// shows as a jump.
  func trendPoints(_ fit: TrendResult, from first: Double, to last: Double) -> [Series.Point] {
    var xs = Swift.stride(from: first, through: last, by: max((last - first) / 100, 1e-9)).map {
      $0
    }
    for b in fit.shape.breaks where b > first && b <= last { xs += [b - 1e-6, b] }
    return xs.sorted().map { .init(x: $0, y: fit.trendValue(at: $0).estimate) }
  }
}

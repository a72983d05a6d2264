/// One series of an x-y chart: points with optional interval bounds.
public struct Series: Sendable {
  /// A data point; `low`/`high` bound its interval (error bar or band) when present.
  public struct Point: Sendable {
    /// Horizontal value.
    public let x: Double
    /// Vertical value.
    public let y: Double
    /// Lower end of the interval.
    public let low: Double?
    /// Upper end of the interval.
    public let high: Double?

    /// Creates a point.
    public init(x: Double, y: Double, low: Double? = nil, high: Double? = nil) {
      self.x = x
      self.y = y
      self.low = low
      self.high = high
    }
  }

  /// How intervals are drawn.
  public enum Interval: Sendable, Equatable {
    /// Not drawn.
    case none
    /// Vertical error bars with caps.
    case errorBars
    /// A shaded band between the bounds.
    case band
  }

  /// Legend name.
  public let name: String
  /// Points in drawing order (sorted by x for lines).
  public let points: [Point]
  /// Draw a line through the points.
  public let line: Bool
  /// Draw markers at the points.
  public let markers: Bool
  /// How intervals are drawn.
  public let interval: Interval

  /// Creates a series.
  public init(
    name: String, points: [Point], line: Bool = true, markers: Bool = true,
    interval: Interval = .none
  ) {
    self.name = name
    self.points = points
    self.line = line
    self.markers = markers
    self.interval = interval
  }
}

/// A horizontal or vertical reference line (a target value, a policy break).
public struct ReferenceLine: Sendable {
  /// Which axis the value is on: `.x` gives a vertical line.
  public enum Axis: Sendable { case x, y }
  /// Axis of `value`.
  public let axis: Axis
  /// Position in data units.
  public let value: Double
  /// Short label drawn beside the line.
  public let label: String?

  /// Creates a reference line.
  public init(axis: Axis, value: Double, label: String? = nil) {
    self.axis = axis
    self.value = value
    self.label = label
  }
}

/// A chart of numeric x against numeric y with lines, points, error bars and bands: means by year
/// and group, trends, event-study estimates.
public struct XYChart: Sendable {
  /// Title above the plot.
  public var title: String
  /// x axis label (with units).
  public var xLabel: String
  /// y axis label (with units).
  public var yLabel: String
  /// The series; a legend is drawn when there are several.
  public var series: [Series]
  /// Legend heading.
  public var legendTitle: String?
  /// Reference lines.
  public var referenceLines: [ReferenceLine] = []
  /// Only integer ticks on x (years, event times).
  public var integerX: Bool = false
  /// Size in px.
  public var width: Double = 640, height: Double = 400
  /// The y range to cover at least (small multiples share one); the data's range otherwise.
  public var yRange: ClosedRange<Double>?

  /// Creates a chart.
  public init(
    title: String, xLabel: String, yLabel: String, series: [Series], legendTitle: String? = nil
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.series = series
    self.legendTitle = legendTitle
  }

  /// The chart as SVG text.
  public func svg() -> String { drawing().rendered(title: title) }

  /// The frame and scales of the chart.
  struct Geometry {
    let frame: ChartFrame
    let x: LinearScale
    let xTicks: [Double]
    let y: LinearScale
    let yTicks: [Double]

    /// The x scale of series `index`: error bars of several series at the same x are dodged a
    /// few pixels apart to stay readable; lines and bands (a fitted trend) are not moved.
    func x(series index: Int, of chart: XYChart) -> LinearScale {
      let barred = chart.series.indices.filter { chart.series[$0].interval == .errorBars }
      guard barred.count > 1, let rank = barred.firstIndex(of: index) else { return x }
      let shift = (Double(rank) - Double(barred.count - 1) / 2) * 5
      return LinearScale(domain: x.domain, range: (x.rangeStart + shift, x.rangeEnd + shift))
    }
  }

  /// The frame and the scales covering every point, interval and reference line.
  func geometry() -> Geometry {
    let names = series.map(\.name)
    let legend = series.count > 1 ? ChartFrame.legendWidth(names: names, title: legendTitle) : 0
    let frame = ChartFrame(width: width, height: height, legendWidth: legend)
    let points = series.flatMap(\.points)
    let xs = points.map(\.x) + referenceLines.filter { $0.axis == .x }.map(\.value)
    let ys =
      points.flatMap { [$0.y, $0.low ?? $0.y, $0.high ?? $0.y] }
      + referenceLines.filter { $0.axis == .y }.map(\.value)
    let finiteX = xs.filter(\.isFinite)
    let finiteY = ys.filter(\.isFinite) + (yRange.map { [$0.lowerBound, $0.upperBound] } ?? [])
    var (xScale, xTicks) = LinearScale.nice(
      low: finiteX.min() ?? 0, high: finiteX.max() ?? 1, range: (frame.left + 12, frame.right - 12))
    if integerX {
      let lo = (finiteX.min() ?? 0).rounded(.down)
      let hi = (finiteX.max() ?? 1).rounded(.up)
      let step = max(1, NiceTicks.step(span: max(1, hi - lo), count: 8).rounded(.up))
      xTicks = Swift.stride(from: lo, through: hi, by: step).map { $0 }
      xScale = LinearScale(domain: lo...max(hi, lo + 1), range: (frame.left + 12, frame.right - 12))
    }
    let (yScale, yTicks) = LinearScale.nice(
      low: finiteY.min() ?? 0, high: finiteY.max() ?? 1, range: (frame.bottom, frame.top))
    return Geometry(frame: frame, x: xScale, xTicks: xTicks, y: yScale, yTicks: yTicks)
  }

  /// The chart as a drawing (to be rendered, or placed as a panel of small multiples).
  func drawing() -> SVGDocument {
    let geometry = geometry()
    let frame = geometry.frame
    let (xScale, xTicks, yScale, yTicks) = (
      geometry.x, geometry.xTicks, geometry.y, geometry.yTicks
    )
    var svg = SVGDocument(width: width, height: height)
    frame.drawTitle(title, into: &svg)
    frame.drawYAxis(scale: yScale, ticks: ChartFrame.labelled(yTicks), label: yLabel, into: &svg)
    frame.drawXAxis(scale: xScale, ticks: ChartFrame.labelled(xTicks), label: xLabel, into: &svg)
    for reference in referenceLines {
      draw(reference, frame: frame, x: xScale, y: yScale, into: &svg)
    }
    for (index, item) in series.enumerated() {
      draw(
        item, color: Palette.color(index), x: geometry.x(series: index, of: self), y: yScale,
        into: &svg)
    }
    // Labels last, each where it covers no mark and no other label.
    for label in placedLabels(geometry) {
      svg.text(label.text, x: label.box.x0, y: label.box.y1 - 2, size: LabelBox.fontSize)
    }
    if series.count > 1 {
      frame.drawLegend(
        title: legendTitle, entries: series.enumerated().map { ($1.name, Palette.color($0)) },
        into: &svg)
    }
    return svg
  }

  private func draw(
    _ series: Series, color: String, x: LinearScale, y: LinearScale, into svg: inout SVGDocument
  ) {
    let points = series.points.filter { $0.x.isFinite && $0.y.isFinite }.sorted { $0.x < $1.x }
    switch series.interval {
    case .band:
      let bounded = points.filter { $0.low != nil && $0.high != nil }
      let upper = bounded.map { (x($0.x), y($0.high ?? $0.y)) }
      let lower = bounded.reversed().map { (x($0.x), y($0.low ?? $0.y)) }
      svg.polygon(upper + lower, fill: color, opacity: 0.18)
    case .errorBars:
      for p in points {
        guard let low = p.low, let high = p.high, low.isFinite, high.isFinite else { continue }
        let px = x(p.x)
        svg.line(px, y(low), px, y(high), stroke: color, width: 1.5)
        svg.line(px - 4, y(low), px + 4, y(low), stroke: color, width: 1.5)
        svg.line(px - 4, y(high), px + 4, y(high), stroke: color, width: 1.5)
      }
    case .none: break
    }
    if series.line { svg.polyline(points.map { (x($0.x), y($0.y)) }, stroke: color, width: 2) }
    if series.markers { for p in points { svg.circle(x(p.x), y(p.y), radius: 3.5, fill: color) } }
  }

  private func draw(
    _ reference: ReferenceLine, frame: ChartFrame, x: LinearScale, y: LinearScale,
    into svg: inout SVGDocument
  ) {
    switch reference.axis {
    case .x:
      let px = x(reference.value)
      svg.line(px, frame.top, px, frame.bottom, stroke: "#555555", width: 1, dash: "4 3")
    case .y:
      let py = y(reference.value)
      svg.line(frame.left, py, frame.right, py, stroke: "#555555", width: 1, dash: "4 3")
    }
  }
}

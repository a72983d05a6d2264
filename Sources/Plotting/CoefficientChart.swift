/// A coefficient (dot-and-whisker) plot: one row per term, the estimate as a point and its
/// confidence interval as a horizontal bar, with a dashed line at zero; several models are
/// dodged vertically within a row and listed in the legend.
public struct CoefficientChart: Sendable {
  /// One estimate with its interval.
  public struct Estimate: Sendable {
    /// Term label shown on the y axis.
    public let term: String
    /// Model (series) name; used for colour and legend.
    public let model: String
    /// Point estimate.
    public let estimate: Double
    /// Interval ends.
    public let low: Double, high: Double

    /// Creates an estimate.
    public init(term: String, model: String, estimate: Double, low: Double, high: Double) {
      self.term = term
      self.model = model
      self.estimate = estimate
      self.low = low
      self.high = high
    }
  }

  /// Title above the plot.
  public var title: String
  /// x axis label, such as "Estimate (95% CI), score points".
  public var xLabel: String
  /// Estimates; non-finite ones are skipped.
  public var estimates: [Estimate]
  /// Width in px.
  public var width: Double = 640
  /// Title of the legend of the series (models, or the second grouping of a dot chart).
  public var legendTitle = "Model"
  /// Label above the rows (the terms, or the groups of a dot chart).
  public var yLabel = "Term"
  /// Whether a dashed reference line marks zero (coefficients: yes; levels of an indicator: no).
  public var zeroLine = true
  /// Palette index of each model, so that a model keeps its colour across the panels of a
  /// faceted chart (default: order of appearance).
  public var colorIndex: [String: Int] = [:]

  /// Creates a chart.
  public init(title: String, xLabel: String, estimates: [Estimate]) {
    self.title = title
    self.xLabel = xLabel
    self.estimates = estimates.filter {
      $0.estimate.isFinite && $0.low.isFinite && $0.high.isFinite
    }
  }

  /// The chart as SVG text.
  public func svg() -> String { drawing().rendered(title: title) }

  /// The chart as a drawing (to be rendered, or placed as a panel of a faceted chart).
  func drawing() -> SVGDocument {
    var terms: [String] = []
    var models: [String] = []
    for e in estimates {
      if !terms.contains(e.term) { terms.append(e.term) }
      if !models.contains(e.model) { models.append(e.model) }
    }
    let rowHeight = 26 + 8 * Double(max(0, models.count - 1))
    let height = max(220, 100 + rowHeight * Double(max(1, terms.count)))
    let longest = Double(terms.map(\.count).max() ?? 4)
    let legend = models.count > 1 ? ChartFrame.legendWidth(names: models, title: legendTitle) : 0
    let frame = ChartFrame(
      width: width, height: height, leftMargin: min(260, 24 + 6.6 * longest), legendWidth: legend)
    let values: [Double] = estimates.flatMap { [$0.low, $0.high] } + (zeroLine ? [0] : [])
    let (xScale, xTicks) = LinearScale.nice(
      low: values.min() ?? -1, high: values.max() ?? 1, range: (frame.left + 8, frame.right - 8))
    var svg = SVGDocument(width: width, height: height)
    frame.drawTitle(title, into: &svg)
    frame.drawXAxis(scale: xScale, ticks: ChartFrame.labelled(xTicks), label: xLabel, into: &svg)
    svg.line(frame.left, frame.top, frame.left, frame.bottom, stroke: "#333333")
    let band = (frame.bottom - frame.top) / Double(max(1, terms.count))
    for (row, term) in terms.enumerated() {
      let center = frame.top + band * (Double(row) + 0.5)
      svg.text(term, x: frame.left - 8, y: center + 4, size: 11, anchor: "end")
    }
    if zeroLine {
      svg.line(
        xScale(0), frame.top, xScale(0), frame.bottom, stroke: "#555555", width: 1, dash: "4 3")
    }
    for e in estimates {
      guard let row = terms.firstIndex(of: e.term), let m = models.firstIndex(of: e.model) else {
        continue
      }
      let offset = (Double(m) - Double(models.count - 1) / 2) * 8
      let y = frame.top + band * (Double(row) + 0.5) + offset
      let color = Palette.color(colorIndex[e.model] ?? m)
      svg.line(xScale(e.low), y, xScale(e.high), y, stroke: color, width: 2)
      svg.line(xScale(e.low), y - 3, xScale(e.low), y + 3, stroke: color, width: 1.5)
      svg.line(xScale(e.high), y - 3, xScale(e.high), y + 3, stroke: color, width: 1.5)
      svg.circle(xScale(e.estimate), y, radius: 4, fill: color)
    }
    svg.text(yLabel, x: 16, y: frame.top - 8, size: 12, role: "y-label")
    if models.count > 1 {
      frame.drawLegend(
        title: legendTitle,
        entries: models.enumerated().map { ($1, Palette.color(colorIndex[$1] ?? $0)) }, into: &svg)
    }
    return svg
  }
}

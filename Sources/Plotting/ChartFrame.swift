/// The plotting area of a chart and the pieces drawn around it: title, axes with ticks and tick
/// labels, axis labels, grid lines and the legend.
///
/// Charts share it so every figure looks alike.
public struct ChartFrame: Sendable {
  /// Total width and height in px.
  public let width: Double, height: Double
  /// Plot area: left, top, right, bottom edges in px.
  public let left: Double, top: Double, right: Double, bottom: Double

  /// Lays out a frame.
  /// - Parameters:
  ///   - width: total width (640 reads well at notebook width).
  ///   - height: total height.
  ///   - leftMargin: room for y tick labels and the y axis label.
  ///   - legendWidth: room on the right for the legend (0 for none).
  public init(width: Double, height: Double, leftMargin: Double = 72, legendWidth: Double = 0) {
    self.width = width
    self.height = height
    self.left = leftMargin
    self.top = 44
    self.right = width - 16 - legendWidth
    self.bottom = height - 56
  }

  /// Draws the title centred over the plot area.
  public func drawTitle(_ title: String, into svg: inout SVGDocument) {
    svg.text(title, x: width / 2, y: 24, size: 15, anchor: "middle", weight: "bold", role: "title")
  }

  /// Draws the x axis: line, ticks, tick labels, light vertical grid and the axis label.
  public func drawXAxis(
    scale: LinearScale, ticks: [(Double, String)], label: String, into svg: inout SVGDocument
  ) {
    for (value, text) in ticks {
      let x = scale(value)
      svg.line(x, top, x, bottom, stroke: "#E5E5E5")
      svg.line(x, bottom, x, bottom + 5, stroke: "#333333")
      svg.text(text, x: x, y: bottom + 19, size: 11, anchor: "middle")
    }
    svg.line(left, bottom, right, bottom, stroke: "#333333")
    svg.text(
      label, x: (left + right) / 2, y: height - 14, size: 12, anchor: "middle", role: "x-label")
  }

  /// Draws the y axis: line, ticks, tick labels, light horizontal grid and the rotated label.
  public func drawYAxis(
    scale: LinearScale, ticks: [(Double, String)], label: String, into svg: inout SVGDocument
  ) {
    for (value, text) in ticks {
      let y = scale(value)
      svg.line(left, y, right, y, stroke: "#E5E5E5")
      svg.line(left - 5, y, left, y, stroke: "#333333")
      svg.text(text, x: left - 8, y: y + 4, size: 11, anchor: "end")
    }
    svg.line(left, top, left, bottom, stroke: "#333333")
    svg.text(
      label, x: 16, y: (top + bottom) / 2, size: 12, anchor: "middle", rotate: -90, role: "y-label")
  }

  /// Draws a legend of coloured swatches at the right of the plot area.
  /// - Parameters:
  ///   - title: legend heading (e.g. the grouping variable).
  ///   - entries: (name, colour) per series.
  ///   - svg: the document the legend is drawn into.
  public func drawLegend(
    title: String?, entries: [(String, String)], into svg: inout SVGDocument
  ) {
    let x = right + 16
    var y = top + 8
    svg.raw("<g class=\"legend\">")
    if let title {
      svg.text(title, x: x, y: y, size: 12, weight: "bold")
      y += 18
    }
    for (name, color) in entries {
      svg.line(x, y - 4, x + 20, y - 4, stroke: color, width: 3)
      svg.circle(x + 10, y - 4, radius: 3.5, fill: color)
      svg.text(name, x: x + 26, y: y, size: 11)
      y += 18
    }
    svg.raw("</g>")
  }

  /// Ticks as (value, label) pairs with labels printed at the step's precision.
  public static func labelled(_ ticks: [Double]) -> [(Double, String)] {
    let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
    return ticks.map { ($0, NiceTicks.label($0, step: step)) }
  }

  /// Legend width for the given names (about 6.5 px per character, plus the swatch).
  public static func legendWidth(names: [String], title: String?) -> Double {
    let longest = max(names.map(\.count).max() ?? 0, title?.count ?? 0)
    return min(220, 44 + 6.5 * Double(longest))
  }
}

/// Small multiples: line charts of one measure, a panel per level of a grouping variable.
///
/// The panels (facets) are stacked under one title and share the y range, so that their levels
/// compare at a glance.
public struct SmallMultiples: Sendable {
  /// Title above every panel.
  public var title: String
  /// The panels, top to bottom; each panel's title names its level.
  public var panels: [XYChart]

  /// Creates small multiples; the panels' y axes are given the same range.
  public init(title: String, panels: [XYChart]) {
    self.title = title
    let ys = panels.flatMap { chart in
      chart.series.flatMap(\.points).flatMap { [$0.y, $0.low ?? $0.y, $0.high ?? $0.y] }
        + chart.referenceLines.filter { $0.axis == .y }.map(\.value)
    }.filter(\.isFinite)
    self.panels = panels.map { chart in
      var shared = chart
      shared.height = 300
      if let low = ys.min(), let high = ys.max() { shared.yRange = low...high }
      return shared
    }
  }

  /// The figure as SVG text.
  public func svg() -> String {
    Self.stack(title: title, drawings: panels.map { $0.drawing() })
  }

  /// Height of the band holding the figure's own title.
  static let titleBand = 36.0

  /// Drawings stacked top to bottom under `title`, each translated into its own band (one
  /// drawing is rendered as it is).
  static func stack(title: String, drawings: [SVGDocument]) -> String {
    let width = drawings.map(\.width).max() ?? 640
    let height = titleBand + drawings.reduce(0) { $0 + $1.height }
    var svg = SVGDocument(width: width, height: height)
    svg.text(title, x: width / 2, y: 24, size: 15, anchor: "middle", weight: "bold", role: "title")
    var y = titleBand
    for drawing in drawings {
      svg.raw("<g class=\"facet\" transform=\"translate(0,\(SVGDocument.n(y)))\">")
      for element in drawing.elements { svg.raw(element) }
      svg.raw("</g>")
      y += drawing.height
    }
    return svg.rendered(title: title)
  }
}

/// Coefficient plots stacked as small multiples, one panel per scale.
///
/// Log-odds of a logit and score points of a linear model never share an axis: each panel has
/// its own x axis, label and terms; one title heads the figure.
public struct FacetedCoefficientChart: Sendable {
  /// Title above every panel.
  public var title: String
  /// The panels, top to bottom; a panel's title names its scale.
  public var panels: [CoefficientChart]

  /// Creates a faceted chart.
  public init(title: String, panels: [CoefficientChart]) {
    self.title = title
    self.panels = panels.filter { !$0.estimates.isEmpty }
  }

  /// Height of the band holding the figure's own title.
  static let titleBand = 36.0

  /// The figure as SVG text: one panel renders as a plain coefficient chart; several are stacked
  /// under the figure title, each translated into its own band.
  public func svg() -> String {
    if panels.count == 1, let only = panels.first {
      var single = only
      single.title = title + " - " + only.title
      return single.svg()
    }
    let drawings = panels.map { $0.drawing() }
    let width = drawings.map(\.width).max() ?? 640
    let height = Self.titleBand + drawings.reduce(0) { $0 + $1.height }
    var svg = SVGDocument(width: width, height: height)
    svg.text(title, x: width / 2, y: 24, size: 15, anchor: "middle", weight: "bold", role: "title")
    var y = Self.titleBand
    for drawing in drawings {
      svg.raw("<g class=\"facet\" transform=\"translate(0,\(SVGDocument.n(y)))\">")
      for element in drawing.elements { svg.raw(element) }
      svg.raw("</g>")
      y += drawing.height
    }
    return svg.rendered(title: title)
  }
}

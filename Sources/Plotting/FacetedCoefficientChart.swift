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

  /// The figure as SVG text: one panel renders as a plain coefficient chart; several are stacked
  /// under the figure title, each translated into its own band.
  public func svg() -> String {
    if panels.count == 1, let only = panels.first {
      var single = only
      single.title = title + " - " + only.title
      return single.svg()
    }
    return SmallMultiples.stack(title: title, drawings: panels.map { $0.drawing() })
  }
}

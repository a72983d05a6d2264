/// Colours for series: the Okabe-Ito palette (Okabe & Ito 2008), distinguishable under the common
/// forms of colour-vision deficiency.
///
/// Black is left out of the cycle (it is the axis colour).
public enum Palette {
  /// Orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple, grey.
  public static let okabeIto: [String] = [
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999",
  ]

  /// The colour of series number `index` (0-based), cycling through the palette.
  /// - Parameter index: series position.
  /// - Returns: a `#RRGGBB` colour.
  public static func color(_ index: Int) -> String {
    // Start with the darker blue and vermillion: yellow on white is hard to read for thin lines.
    let order = [4, 5, 2, 0, 6, 1, 7, 3]
    return okabeIto[order[((index % order.count) + order.count) % order.count]]
  }
}

/// The Goodman-Bacon scatter: each 2x2 comparison's weight (x) against its estimate (y), one
/// colour per comparison type, with the overall TWFE estimate (their weighted mean) as a
/// dashed line, as the figure of Goodman-Bacon (2021) and `bacondecomp`'s README.
public enum BaconScatter {
  /// One comparison.
  public struct Point: Sendable {
    /// The comparison type's label ("Earlier vs Later Treated").
    public let type: String
    /// Its weight.
    public let weight: Double
    /// Its 2x2 DiD estimate.
    public let estimate: Double

    /// Creates a point.
    /// - Parameters:
    ///   - type: the comparison type's label.
    ///   - weight: the weight.
    ///   - estimate: the 2x2 estimate.
    public init(type: String, weight: Double, estimate: Double) {
      self.type = type
      self.weight = weight
      self.estimate = estimate
    }
  }

  /// The chart.
  /// - Parameters:
  ///   - points: every comparison.
  ///   - overall: the TWFE estimate, drawn as a horizontal reference line.
  ///   - title: the chart title.
  /// - Returns: an x-y chart of markers only, one series per type in first-appearance order.
  public static func chart(
    _ points: [Point], overall: Double, title: String = "Goodman-Bacon decomposition"
  ) -> XYChart {
    var types: [String] = []
    for point in points where !types.contains(point.type) { types.append(point.type) }
    let series = types.map { type in
      Series(
        name: type,
        points: points.filter { $0.type == type }.map {
          Series.Point(x: $0.weight, y: $0.estimate)
        },
        line: false, markers: true)
    }
    var chart = XYChart(
      title: title, xLabel: "Weight", yLabel: "2x2 DiD estimate", series: series,
      legendTitle: "Comparison")
    chart.referenceLines = [
      ReferenceLine(axis: .y, value: overall, label: "TWFE " + trimmed(overall)),
      ReferenceLine(axis: .y, value: 0),
    ]
    return chart
  }

  private static func trimmed(_ value: Double) -> String {
    NiceTicks.label(value, step: 0.0001)
  }
}

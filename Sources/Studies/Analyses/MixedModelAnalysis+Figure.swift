import Formula
import Foundation
import Models
import Plotting

extension MixedModelAnalysis {
  /// The figure of the predicted growth curves (fixed effects, random effects at zero) by the
  /// values of `by`, each with its confidence band, and notes on curves left out.
  ///
  /// A group with fewer than `min_cell` learners among the fit's rows is not drawn (its curve is
  /// a model statement about a small group); the note says so without its size.
  /// - Parameters:
  ///   - result: the fit.
  ///   - context: the study data, panel unit and disclosure settings.
  ///   - time: the time column.
  /// - Returns: the figure, `nil` when no curve may be drawn, and the notes.
  /// - Throws: `ModelError` when `time` or `by` is not numeric or `by` has more than 8 values;
  ///   formula and data errors of the rebuilt design.
  func growthFigure(_ result: MixedModelResult, context: AnalysisContext, time: String) throws
    -> (figure: Figure?, notes: [String])
  {
    let points = try result.growthCurves(
      data: context.data, time: time, by: by, level: keys.level)
    var notes: [String] = []
    var hidden = Set<Double>()
    if let by {
      let rows = try DesignMatrix.build(Formula(result.formula), data: context.data).rows
      let values = try context.data.column(named: by).doubles() ?? []
      var learners = LearnerIndex(context)
      for group in Set(points.compactMap(\.group)) {
        let count = learners.count(rows: rows.lazy.filter { values[$0] == group })
        if count < context.disclosure.minCell { hidden.insert(group) }
      }
      if !hidden.isEmpty {
        notes.append(
          "\(keys.name): growth curves of \(hidden.count) value(s) of \(by) with fewer than "
            + "\(context.disclosure.minCell) learners are not drawn")
      }
    }
    let response = keys.formula.split(separator: "~").first.map {
      String($0).trimmingCharacters(in: .whitespaces)
    }
    let heading = "\(keys.name): predicted growth curves (fixed effects, \(bandLabel) bands)"
    guard
      let chart = Self.growthChart(
        points, hidden: hidden, by: by, time: time, yLabel: response ?? "prediction",
        heading: heading)
    else { return (nil, notes) }
    return (Figure(id: "\(keys.name)_growth", title: heading, svg: chart.svg()), notes)
  }

  /// The chart of the curves: one line with its band per group not in `hidden`, in the order of
  /// the points (a legend names them; the title names a single one); `nil` when every group is
  /// hidden.
  static func growthChart(
    _ points: [GrowthCurvePoint], hidden: Set<Double>, by: String?, time: String,
    yLabel: String, heading: String
  ) -> XYChart? {
    var series: [Series] = []
    var groups: [Double?] = []
    for point in points where !groups.contains(point.group) { groups.append(point.group) }
    for group in groups {
      if let group, hidden.contains(group) { continue }
      let curve = points.filter { $0.group == group }
      let label =
        group.map {
          "\(by ?? "group") = \(NumberText.fixed($0, digits: $0 == $0.rounded() ? 0 : 3))"
        } ?? "all"
      series.append(
        Series(
          name: label,
          points: curve.map { .init(x: $0.time, y: $0.estimate, low: $0.low, high: $0.high) },
          markers: false, interval: .band))
    }
    guard let only = series.first else { return nil }
    // A single curve has no legend: the title names its group.
    let title = series.count == 1 && only.name != "all" ? "\(heading), \(only.name)" : heading
    var chart = XYChart(
      title: title, xLabel: time, yLabel: yLabel, series: series, legendTitle: by)
    chart.integerX = points.allSatisfy { $0.time == $0.time.rounded() }
    return chart
  }

  /// "95%" for the confidence level of the bands.
  private var bandLabel: String {
    "\(NumberText.fixed(keys.level * 100, digits: 0))%"
  }
}

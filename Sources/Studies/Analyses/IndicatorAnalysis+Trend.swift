import DataTable
import Models

/// The trend model of an indicator: a `trend:` block with the model keys of `kind: trend`
/// (`model`, `breaks`, `hac`, `hac_lag`, `prewhite`, `ar1`, `target`, `mann_kendall`, `level`)
/// and `time` fits one trend per group (each combination of the other `by` columns) to the
/// indicator's published cells.
///
/// The fitting, the result document, the table, the findings and the drawn trend and projection
/// are those of ``TrendAnalysis``. A suppressed cell enters as a point without a value: it is
/// never modelled or drawn, so a trend never rests on (or reveals) a withheld cell.
///
/// ```yaml
/// - {name: stem_share, kind: indicator, measure: "share(stem_enrolled)", by: [year, female],
///    trend: {breaks: [2021], hac: true, target: {year: 2030, value: 0.4}}}
/// ```
struct IndicatorTrend: Sendable {
  /// Keys that make a `trend:` block a trend model (without them it only draws lines).
  static let modelKeys = [
    "model", "degree", "breaks", "hac", "hac_lag", "prewhite", "vcov", "ar1", "mann_kendall",
    "time",
  ]
  /// Every key of a trend model block.
  static let keys = modelKeys + ["target", "level"]

  /// The fitted trends of one run.
  struct Fitted: Sendable {
    /// One point per cell with a time level, a suppressed cell without its value.
    let points: [TrendAnalysis.Point]
    /// Whether each point's cell is suppressed.
    let suppressed: [Bool]
    /// The fits, one per group.
    let fits: TrendAnalysis.Fits
    /// Each group's levels of the `by` columns (`nil` at the time column and for a total).
    let levels: [String?: [String?]]
  }

  /// The time column (one of `by`).
  let time: String
  /// The `kind: trend` analysis that fits, documents and draws the trend.
  let analysis: TrendAnalysis

  /// True when the indicator's `trend:` block asks for a trend model.
  static func isModel(_ r: SpecReader) -> Bool {
    guard let node = r.node("trend"), case .mapping(let entries) = node.content else {
      return false
    }
    return entries.contains { modelKeys.contains($0.key) }
  }

  /// Reads the trend model block of an indicator, reporting problems with key path and line.
  /// - Returns: the trend, or `nil` after reporting.
  static func read(
    _ r: SpecReader, name: String, measure: IndicatorAnalysis.Measure, measureText: String,
    by: [String], x: String?, level: Double, schema: StudySchema, diagnostics: SpecDiagnostics
  ) -> IndicatorTrend? {
    guard let t = r.mapping("trend", allowed: keys) else { return nil }
    let before = diagnostics.issues.count
    var options = TrendAnalysis.readOptions(t, diagnostics: diagnostics)
    if t.entry("level") == nil { options.level = level }
    let time = t.string("time") ?? x ?? "year"
    if !by.contains(time) {
      diagnostics.report(
        t.child("time"), line: t.line(of: "time"),
        "the trend's time column '\(time)' must be one of the by columns "
          + "(\(by.joined(separator: ", "))); name it with trend: {time: ...}")
    } else if schema.table[time]?.isNumeric != true {
      diagnostics.report(
        t.child("time"), line: t.line(of: "time"), "time column '\(time)' must be numeric")
    }
    if measure == .count {
      diagnostics.report(
        r.child("trend"), line: r.line(of: "trend"),
        "a trend models share(x) or mean(x), not count()")
    }
    if diagnostics.issues.count > before { return nil }
    return IndicatorTrend(
      time: time,
      analysis: TrendAnalysis(
        indicator: name, measure: measure, measureText: measureText, time: time,
        options: options, mannKendall: t.bool("mann_kendall") ?? false))
  }

  /// The group of a cell: `female = 1, track = stem` (a total shown as `All`), `nil` when every
  /// other grouping is a total or there is none.
  static func group(_ levels: [String?], by: [String], time: Int) -> String? {
    let others = by.indices.filter { $0 != time }
    guard others.contains(where: { levels[$0] != nil }) else { return nil }
    return others.map { "\(by[$0]) = \(levels[$0] ?? "All")" }.joined(separator: ", ")
  }

  /// Fits a trend per group to the published cells.
  func fit(cells: [IndicatorAnalysis.Cell], suppressed: [Bool], by: [String]) -> Fitted {
    var points: [TrendAnalysis.Point] = []
    var hidden: [Bool] = []
    var levels: [String?: [String?]] = [:]
    guard let t = by.firstIndex(of: time) else {
      return Fitted(points: [], suppressed: [], fits: .init(), levels: [:])
    }
    for (i, cell) in cells.enumerated() {
      guard let level = cell.levels[t], let x = Double(level) else { continue }
      let isHidden = suppressed.indices.contains(i) && suppressed[i]
      let group = Self.group(cell.levels, by: by, time: t)
      var groupLevels = cell.levels
      groupLevels[t] = nil
      levels[group] = groupLevels
      // A withheld cell keeps only its place: no value, count or interval reaches the model.
      var point = TrendAnalysis.Point(
        time: x, group: group, n: isHidden ? nil : cell.n,
        estimate: isHidden ? .nan : cell.estimate,
        standardError: isHidden ? nil : cell.standardError, low: isHidden ? nil : cell.low,
        high: isHidden ? nil : cell.high)
      point.levels = cell.key
      points.append(point)
      hidden.append(isHidden)
    }
    let fits = analysis.fits(points: points, suppressed: hidden, options: analysis.options)
    return Fitted(points: points, suppressed: hidden, fits: fits, levels: levels)
  }

  /// The keys added to the indicator's result document: the trend's time column, that
  /// suppressed cells are not modelled, and one trend document per group (as `kind: trend`,
  /// with the group's `by` levels).
  func document(_ fitted: Fitted, by: [String]) -> [(String, JSONValue)] {
    let columns = by.filter { $0 != time }
    let t = by.firstIndex(of: time)
    return [
      ("trend_time", .string(time)),
      ("suppressed_points_modelled", .bool(false)),
      ("trend_notes", .array(fitted.fits.notes.map { .string($0) })),
      (
        "trend",
        analysis.trendEntries(fitted.fits) { group in
          let levels = (fitted.levels[group] ?? []).enumerated().filter { $0.offset != t }
            .map(\.element)
          return [("by", Grouping.json(levels: levels, columns: columns))]
        }
      ),
    ]
  }
}

extension TrendAnalysis {
  /// The trend analysis behind an indicator's `trend:` block: the indicator's measure by `time`,
  /// fitted with `options` (no `compare`: one series per group of the indicator).
  init(
    indicator name: String, measure: IndicatorAnalysis.Measure, measureText: String,
    time: String, options: TrendOptions, mannKendall: Bool
  ) {
    self.name = name
    self.measure = measure
    self.expression = nil
    self.measureText = measureText
    self.valueColumn = nil
    self.seColumn = nil
    self.flagsColumn = nil
    self.time = time
    self.compare = nil
    self.options = options
    self.mannKendall = mannKendall
    self.title = nil
  }
}

import DataTable
import Models

/// `kind: trend`: a trend model on an indicator series by year, toward a target.
///
/// The series is computed from the learner data (`measure: "share(stem_enrolled)"` or
/// `"mean(score)"` by `time`, and by the two levels of `compare` for a gap trend), every point a
/// disclosure-controlled cell counted in learners (a withheld point is neither published nor
/// modelled), or read from a ready-made series (`value:` a column, one row per time and group;
/// `se:` its standard errors; `flags:` Eurostat flags, a `b` making that year a segment break). The trend (`model: linear | quadratic | segmented` with
/// `breaks:`) is fitted by least squares with classical or Newey-West errors (`hac: true`,
/// `hac_lag: L`, `prewhite:`) or by Prais-Winsten (`ar1: true`), projected to
/// `target: {year, value, direction}`, and checked by Mann-Kendall (`mann_kendall: true`).
///
/// ```yaml
/// - {name: stem_share, kind: trend, measure: "share(stem_enrolled)", time: year,
///    compare: female, breaks: [2021], hac: true, target: {year: 2030, value: 0.4}}
/// ```
public struct TrendAnalysis: AnalysisKind {
  /// The `kind:` names this analysis answers to.
  public static let kindNames = ["trend"]
  /// The spec keys this kind accepts besides `name` and `kind`.
  public static let keys = [
    "measure", "value", "se", "flags", "time", "compare", "model", "degree", "breaks", "hac",
    "hac_lag", "prewhite", "vcov", "ar1", "target", "mann_kendall", "level", "title",
  ]

  let name: String
  let measure: IndicatorAnalysis.Measure?
  let expression: Expression?
  let measureText: String?
  let valueColumn: String?
  let seColumn: String?
  let flagsColumn: String?
  let time: String
  let compare: String?
  let options: TrendOptions
  let mannKendall: Bool
  let title: String?

  /// Validates the analysis entry, reporting every problem with its key path and line.
  public init?(spec: AnalysisSpec, schema: StudySchema, diagnostics: SpecDiagnostics) {
    let r = spec.reader(diagnostics)
    let before = diagnostics.issues.count
    name = spec.name
    title = r.string("title")
    measureText = r.string("measure")
    valueColumn = r.string("value")
    seColumn = r.string("se")
    flagsColumn = r.string("flags")
    time = r.string("time") ?? "year"
    compare = r.string("compare")
    mannKendall = r.bool("mann_kendall") ?? false
    (measure, expression) = Self.readSeries(r, schema: schema, diagnostics: diagnostics)
    Self.checkColumns(r, schema: schema, diagnostics: diagnostics)
    options = Self.readOptions(r, diagnostics: diagnostics)
    if diagnostics.issues.count > before { return nil }
  }

  /// Reads `measure` or `value` (exactly one) and checks the measure's expression.
  static func readSeries(_ r: SpecReader, schema: StudySchema, diagnostics: SpecDiagnostics)
    -> (IndicatorAnalysis.Measure?, Expression?)
  {
    let measureText = r.string("measure")
    let value = r.string("value")
    switch (measureText, value) {
    case (nil, nil):
      diagnostics.report(
        r.child("measure"), line: r.line,
        "give measure: (share(x) or mean(x) computed from the data) or value: (a column of a "
          + "ready-made series)")
      return (nil, nil)
    case (.some, .some):
      diagnostics.report(
        r.child("value"), line: r.line(of: "value"), "give measure: or value:, not both")
      return (nil, nil)
    case (nil, .some):
      if schema.panel != nil {
        diagnostics.report(
          r.child("value"), line: r.line(of: "value"),
          "value: reads a ready-made (aggregated) series, but this study's data is a learner "
            + "panel (data.panel); use measure: so that every point goes through disclosure "
            + "control")
      }
      if r.string("se") != nil, r.bool("ar1") == true {
        diagnostics.report(
          r.child("ar1"), line: r.line(of: "ar1"),
          "ar1: true does not take a weighted series (se:); drop one of them")
      }
      return (nil, nil)
    case (.some(let text), nil):
      for key in ["se", "flags"] where r.string(key) != nil {
        diagnostics.report(
          r.child(key), line: r.line(of: key),
          "\(key): belongs to a ready-made series (value:), not to a measure")
      }
      let (kind, inner, problem) = IndicatorAnalysis.parseMeasure(text)
      if let problem {
        diagnostics.report(r.child("measure"), line: r.line(of: "measure"), problem)
        return (nil, nil)
      }
      guard let kind, kind != .count, let inner else {
        diagnostics.report(
          r.child("measure"), line: r.line(of: "measure"),
          "a trend models share(x) or mean(x), not count()")
        return (nil, nil)
      }
      for column in inner.columnNames where schema.identifiers.contains(column) {
        diagnostics.report(
          r.child("measure"), line: r.line(of: "measure"),
          schema.identifierPolicy.refusal(column, use: "read by a measure (its text is published)"))
      }
      var types: [String: ExpressionType] = [:]
      for c in schema.table.columns { types[c.name] = ExpressionType(column: c) }
      do {
        if try inner.check(columns: types, hasPanel: false) == .text {
          diagnostics.report(
            r.child("measure"), line: r.line(of: "measure"),
            "\(kind.rawValue)() needs numbers or true/false, not text")
        }
      } catch {
        diagnostics.report(
          r.child("measure"), line: r.line(of: "measure"), "bad expression \(error): \(text)")
      }
      return (kind, inner)
    }
  }

  /// Checks `time`, `compare`, `value` and `se` name usable columns.
  static func checkColumns(_ r: SpecReader, schema: StudySchema, diagnostics: SpecDiagnostics) {
    let time = r.string("time") ?? "year"
    if schema.checkColumn(
      time, keyPath: r.child("time"), line: r.line(of: "time"), diagnostics: diagnostics)
    {
      if schema.table[time]?.isNumeric != true {
        diagnostics.report(
          r.child("time"), line: r.line(of: "time"), "time column '\(time)' must be numeric")
      }
      _ = schema.checkPublishable(
        time, as: "the time variable", keyPath: r.child("time"), line: r.line(of: "time"),
        diagnostics: diagnostics)
    }
    for key in ["compare", "value", "se", "flags"] {
      guard let column = r.string(key) else { continue }
      guard
        schema.checkColumn(
          column, keyPath: r.child(key), line: r.line(of: key), diagnostics: diagnostics)
      else { continue }
      _ = schema.checkPublishable(
        column, as: key == "compare" ? "a compared group" : "a series value",
        keyPath: r.child(key), line: r.line(of: key), diagnostics: diagnostics)
      if key == "value" || key == "se", schema.table[column]?.isNumeric != true {
        diagnostics.report(r.child(key), line: r.line(of: key), "'\(column)' must be numeric")
      }
    }
  }

  /// Reads the model keys into trend options.
  static func readOptions(_ r: SpecReader, diagnostics: SpecDiagnostics) -> TrendOptions {
    var options = TrendOptions(level: r.confidenceLevel())
    var breaks: [Double] = []
    if let node = r.node("breaks") {
      if case .sequence(let items) = node.content {
        for (i, item) in items.enumerated() {
          if case .scalar(let text, _) = item.content, let value = Double(text) {
            breaks.append(value)
          } else {
            diagnostics.report("\(r.child("breaks"))[\(i)]", line: item.line, "expected a year")
          }
        }
      } else if let one = r.double("breaks") {
        breaks = [one]
      }
      if breaks != breaks.sorted() || Set(breaks).count != breaks.count {
        diagnostics.report(
          r.child("breaks"), line: r.line(of: "breaks"), "breaks must be increasing years")
      }
    }
    let model =
      modelOfDegree(r, hasBreaks: !breaks.isEmpty, diagnostics: diagnostics) ?? r.string("model")
      ?? (breaks.isEmpty ? "linear" : "segmented")
    switch model {
    case "linear", "quadratic":
      options.shape = model == "linear" ? .linear : .quadratic
      if !breaks.isEmpty {
        diagnostics.report(
          r.child("breaks"), line: r.line(of: "breaks"),
          "breaks: need model: segmented (or leave model: out)")
      }
    case "segmented":
      options.shape = .segmented(breaks: breaks)
      if breaks.isEmpty {
        diagnostics.report(
          r.child("model"), line: r.line(of: "model"), "model: segmented needs breaks: [year, ...]")
      }
    default:
      let near = nearestName(to: model, among: ["linear", "quadratic", "segmented"])
      diagnostics.report(
        r.child("model"), line: r.line(of: "model"),
        "unknown model '\(model)'" + (near.map { "; did you mean '\($0)'?" } ?? "")
          + " (linear, quadratic, segmented)")
    }
    let lag = r.int("hac_lag")
    if let lag, lag < 0 {
      diagnostics.report(r.child("hac_lag"), line: r.line(of: "hac_lag"), "hac_lag must be >= 0")
    }
    let prewhite = r.bool("prewhite")
    if let requested = covarianceOfVcov(r, diagnostics: diagnostics) {
      options.neweyWest = requested
    } else if (r.bool("hac") ?? false) || lag != nil || prewhite != nil {
      options.neweyWest = NeweyWestOptions(lag: lag, prewhite: prewhite ?? true)
    }
    options.ar1 = r.bool("ar1") ?? false
    if options.ar1 && options.neweyWest != nil {
      diagnostics.report(
        r.child("ar1"), line: r.line(of: "ar1"),
        "ar1: true models the autocorrelation itself; drop the HAC covariance (vcov/hac)")
    }
    if let t = r.mapping("target", allowed: ["year", "value", "direction"]) {
      let year = t.double("year", required: true)
      let value = t.double("value")
      var direction = TrendTarget.Direction.atLeast
      if let text = t.string("direction") {
        if let parsed = TrendTarget.Direction(rawValue: text) {
          direction = parsed
        } else {
          diagnostics.report(
            t.child("direction"), line: t.line(of: "direction"),
            "direction must be at_least or at_most, found '\(text)'")
        }
      }
      if let year { options.target = TrendTarget(year: year, value: value, direction: direction) }
    }
    return options
  }
}

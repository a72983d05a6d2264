import Foundation
import Models
import Studies
import Testing

/// An indicator's `trend:` block with model keys: the same fit as `kind: trend` on the same
/// series, fitted to the published cells only (a suppressed cell never moves the trend).
@Suite struct IndicatorTrendTests {
  static let demo = StudyFixtures.root.appendingPathComponent(
    "datasets/demo/stem_scores_demo.csv")

  /// Runs the analyses on `data` (the demo learner panel unless given), min_cell 100 learners.
  static func run(_ analyses: [String], data: String? = nil) throws
    -> [(document: [String: Any], outcome: AnalysisOutcome)]
  {
    let csv = try data ?? String(contentsOf: demo, encoding: .utf8)
    let spec = """
      study: Indicator trend
      data: {path: data/demo.csv, panel: {unit: learner_id, time: year}}
      disclosure: {min_cell: 100}
      analyses:
      \(analyses.map { "  - \($0)" }.joined(separator: "\n"))
      outputs: {folder: out, formats: [json]}
      """
    let (_, path) = try StudyFixtures.make(spec: spec, files: ["demo.csv": csv])
    let (result, _) = try Study.run(spec: path)
    return try result.outcomes.map { item in
      let text = item.outcome.document.serialized()
      let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
      return (json, item.outcome)
    }
  }

  /// Every number under a JSON value, in document order, with its key path.
  static func numbers(_ value: Any?, path: String = "") -> [(String, Double)] {
    switch value {
    case let n as NSNumber: return [(path, n.doubleValue)]
    case let object as [String: Any]:
      return object.keys.sorted().flatMap { numbers(object[$0], path: path + "." + $0) }
    case let array as [Any]:
      return array.enumerated().flatMap { numbers($1, path: path + "[\($0)]") }
    default: return []
    }
  }

  /// The largest difference between the numbers of two fit documents (the group keys aside);
  /// infinity when their keys differ.
  static func maxDifference(_ a: [String: Any], _ b: [String: Any]) -> Double {
    let drop: Set<String> = ["group", "by"]
    let x = numbers(a.filter { !drop.contains($0.key) })
    let y = numbers(b.filter { !drop.contains($0.key) })
    guard x.map(\.0) == y.map(\.0), !x.isEmpty else { return .infinity }
    return zip(x, y).map { abs($0.1 - $1.1) }.max() ?? .infinity
  }

  @Test func indicatorTrendEqualsTheTrendKindOnTheSameSeries() throws {
    let model = "breaks: [2020], hac: true, target: {year: 2030, value: 60}, mann_kendall: true"
    let results = try Self.run([
      "{name: ind, kind: indicator, measure: \"mean(score)\", by: [year, female], "
        + "trend: {\(model)}}",
      "{name: tr, kind: trend, measure: \"mean(score)\", compare: female, \(model)}",
    ])
    let indicator = results[0].document
    let trend = results[1].document
    let ours = indicator["trend"] as? [[String: Any]] ?? []
    let theirs = trend["trend"] as? [[String: Any]] ?? []
    #expect(ours.map { $0["group"] as? String } == ["female = 0", "female = 1"])
    #expect(theirs.map { $0["group"] as? String } == ["0", "1"])
    #expect(((ours.first?["by"] as? [String: Any])?["female"] as? Int) == 0)
    // The same cells are withheld in both (2015 and 2024 have too few learners).
    let hidden = { (d: [String: Any]) in
      (d["cells"] as? [[String: Any]] ?? []).filter { $0["suppressed"] as? Bool == true }.count
    }
    #expect(hidden(indicator) >= 4 && hidden(indicator) == hidden(trend))
    var worst = 0.0
    for (a, b) in zip(ours, theirs) {
      #expect(a["target_probability"] is NSNumber)
      #expect((a["breaks"] as? [Double]) == [2020])
      #expect((a["nobs"] as? Int).map { $0 < 10 } == true)
      worst = max(worst, Self.maxDifference(a, b))
    }
    print("indicator trend vs kind: trend, max abs difference:", worst)
    #expect(worst <= 1e-12)
    #expect(indicator["suppressed_points_modelled"] as? Bool == false)
    let outcome = results[0].outcome
    #expect(outcome.tables.map(\.id) == ["ind", "ind_trend"])
    let svg = outcome.figures.first?.svg ?? ""
    #expect(svg.contains("female = 1: trend") && svg.contains("female = 1: projection"))
    #expect(svg.contains("target 60.00 in 2030") && svg.contains("break 2020"))
    #expect(outcome.findings.contains { $0.contains("ind (female = 0): mean of score changes by") })
    #expect(outcome.findings.contains { $0.contains("points are suppressed") })
  }

  @Test func suppressedCellsNeverEnterTheTrend() throws {
    let analysis =
      "{name: ind, kind: indicator, measure: \"mean(score)\", by: [year, female], margins: true, "
      + "trend: {model: linear, target: {year: 2030, value: 60}}}"
    let document = try Self.run([analysis])[0].document
    let cells = document["cells"] as? [[String: Any]] ?? []
    let fits = document["trend"] as? [[String: Any]] ?? []
    // female 0, female 1 and the total by year (a margin).
    #expect(fits.map { $0["group"] as? String } == ["female = 0", "female = 1", nil])
    var worst = 0.0
    for fit in fits {
      let sex = ((fit["by"] as? [String: Any])?["female"] as? Int).map(String.init)
      let series = cells.filter {
        let by = $0["by"] as? [String: Any] ?? [:]
        return by["year"] is Int && (by["female"] as? Int).map(String.init) == sex
      }
      let shown = series.filter { $0["suppressed"] as? Bool == false }
      #expect(shown.count < series.count, "some points of every series are withheld")
      #expect(fit["nobs"] as? Int == shown.count)
      let own = try TrendModel.fit(
        try TrendSeries(
          time: shown.compactMap {
            (($0["by"] as? [String: Any])?["year"] as? NSNumber)?.doubleValue
          },
          values: shown.compactMap { ($0["estimate"] as? NSNumber)?.doubleValue }),
        options: TrendOptions(target: TrendTarget(year: 2030, value: 60)))
      let estimates = (fit["coefficients"] as? [[String: Any]] ?? []).compactMap {
        ($0["estimate"] as? NSNumber)?.doubleValue
      }
      #expect(estimates.count == own.estimates.count)
      worst = max(worst, zip(estimates, own.estimates).map { abs($0 - $1) }.max() ?? .infinity)
      let p = (fit["target_probability"] as? NSNumber)?.doubleValue ?? .nan
      worst = max(worst, abs(p - (own.projection?.targetProbability ?? .nan)))
    }
    print("indicator trend vs TrendModel on the published cells, max abs difference:", worst)
    #expect(worst <= 1e-12)
    // Moving the scores of 2015 (94 learners: withheld in every series) changes no trend number.
    let csv = try String(contentsOf: Self.demo, encoding: .utf8)
    let shifted =
      csv.split(separator: "\n").map { line -> String in
        var c = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if c[2] == "2015", let score = Double(c[8]) { c[8] = "\(score + 40)" }
        return c.joined(separator: ",")
      }.joined(separator: "\n") + "\n"
    let moved = try Self.run([analysis], data: shifted)[0].document
    #expect(
      (moved["trend"] as? [[String: Any]] ?? []).map { Self.numbers($0) }.flatMap { $0 }.map(\.1)
        == fits.map { Self.numbers($0) }.flatMap { $0 }.map(\.1))
  }

  @Test func anExactlyFittedSeriesIsReportedNotFatal() throws {
    // A mean of a constant every year: zero residuals, so the automatic Newey-West lag is
    // undefined; the series says so (and the figure is drawn) instead of the run failing. (A
    // share of 1 would not do: it reveals that no learner is at 0, so it is withheld.)
    let result = try Self.run([
      "{name: ind, kind: indicator, measure: \"mean(score * 0 + 5)\", by: [year, female], "
        + "trend: {hac: true, target: {year: 2030, value: 0.5}}}"
    ])[0]
    let fits = result.document["trend"] as? [[String: Any]] ?? []
    #expect(fits.count == 2)
    // Whether QR leaves the residuals exactly zero or at rounding level depends on the series:
    // each series is either refused with the reason or fitted with finite numbers.
    for fit in fits {
      if let error = fit["error"] as? String {
        #expect(error.contains("hac_lag"), "\(error)")
      } else {
        let estimates = (fit["coefficients"] as? [[String: Any]] ?? []).compactMap {
          ($0["estimate"] as? NSNumber)?.doubleValue
        }
        #expect(!estimates.isEmpty && estimates.allSatisfy(\.isFinite))
      }
    }
    let svg = try #require(result.outcome.figures.first?.svg)
    #expect(!svg.contains("nan") && !svg.contains("NaN"))
  }

  @Test func aTargetOnlyBlockStillOnlyDrawsTheLine() throws {
    let result = try Self.run([
      "{name: ind, kind: indicator, measure: \"mean(score)\", by: [year], "
        + "trend: {target: {year: 2030, value: 60}}}"
    ])[0]
    #expect(result.document["trend"] == nil)
    #expect(result.outcome.tables.map(\.id) == ["ind"])
  }

  @Test func badTrendBlocksAreRefusedWithTheKeyPath() throws {
    func issues(_ analysis: String) throws -> [(String, String)] {
      try StudyFixtures.validationIssues(of: analysis).map { ($0.keyPath, $0.message) }
    }
    let time = try issues(
      "{name: i, kind: indicator, measure: \"mean(score)\", by: [female], trend: {model: linear}}")
    #expect(time.map(\.0) == ["analyses[0].trend.time"])
    let count = try issues(
      "{name: i, kind: indicator, measure: count(), by: [year], trend: {hac: true}}")
    #expect(count.first?.1.contains("not count()") == true)
    let conflict = try issues(
      "{name: i, kind: indicator, measure: \"mean(score)\", by: [year], "
        + "trend: {ar1: true, hac: true}}")
    #expect(conflict.map(\.0) == ["analyses[0].trend.ar1"])
    let unknown = try issues(
      "{name: i, kind: indicator, measure: \"mean(score)\", by: [year], "
        + "trend: {model: linear, break_at: 2021}}")
    #expect(unknown.map(\.0) == ["analyses[0].trend.break_at"])
  }
}

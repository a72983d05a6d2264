import Foundation
import Models
import Studies
import Testing

/// `kind: trend` end to end: a ready-made series (Eurostat adult learning, Flanders) against the
/// R references of Tests/Fixtures/trend, and a series computed from the demo learner data whose
/// small points are suppressed and left out of the model.
@Suite struct TrendStudyTests {
  static var reference: [String: Any] {
    let url = StudyFixtures.root.appendingPathComponent("Tests/Fixtures/trend/reference.json")
    let data = (try? Data(contentsOf: url)) ?? Data()
    return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
  }

  /// The Flanders rows of the fixture as `year,female,value` (F and M) or `year,value` (T).
  static func flanders(total: Bool) throws -> String {
    let url = StudyFixtures.root.appendingPathComponent(
      "Tests/Fixtures/trend/flanders_adult_learning.csv")
    var lines = [total ? "year,value" : "year,female,value"]
    for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst() {
      let c = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      if total && c[1] == "T" { lines.append("\(c[0]),\(c[2])") }
      if !total && c[1] != "T" { lines.append("\(c[0]),\(c[1] == "F" ? 1 : 0),\(c[2])") }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func run(_ analysis: String, file: String, data: String, panel: String = "")
    throws -> (document: [String: Any], outcome: AnalysisOutcome)
  {
    let spec = """
      study: Trend
      data: {path: data/\(file)\(panel)}
      disclosure: {min_cell: 100}
      analyses:
        - \(analysis)
      outputs: {folder: out, formats: [json]}
      """
    let (_, path) = try StudyFixtures.make(spec: spec, files: [file: data])
    let (result, _) = try Study.run(spec: path)
    let outcome = try #require(result.outcomes.first?.outcome)
    let text = outcome.document.serialized()
    let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    return (json, outcome)
  }

  func column(_ rows: Any?, _ key: String) -> [Double] {
    (rows as? [[String: Any]] ?? []).map { ($0[key] as? NSNumber)?.doubleValue ?? .nan }
  }

  func maxDifference(_ a: [Double], _ b: Any?) -> Double {
    let b = (b as? [Any] ?? []).map { ($0 as? NSNumber)?.doubleValue ?? .nan }
    guard a.count == b.count, !a.isEmpty else { return .infinity }
    return zip(a, b).map { abs($0 - $1) }.max() ?? .infinity
  }

  @Test func readyMadeSegmentedSeriesMatchesSandwich() throws {
    let (document, outcome) = try Self.run(
      "{name: adult_learning, kind: trend, value: value, breaks: [2017], hac: true, "
        + "target: {year: 2030, value: 9.5}, mann_kendall: true}",
      file: "t.csv", data: try Self.flanders(total: true))
    let fit = try #require((document["trend"] as? [[String: Any]])?.first)
    let expected = Self.reference["segmented2017_nw_default"] as? [String: Any] ?? [:]
    #expect(maxDifference(column(fit["coefficients"], "estimate"), expected["estimate"]) < 1e-8)
    #expect(maxDifference(column(fit["coefficients"], "std_error"), expected["se"]) < 1e-8)
    #expect((fit["trend_model"] as? [String: Any])?["hac_lag"] as? Int == 4)
    #expect(fit["target_probability"] is NSNumber)
    #expect((fit["mann_kendall"] as? [String: Any])?["s"] as? Double == 17)
    #expect(outcome.figures.first?.svg.contains("target 9.50 in 2030") == true)
    #expect(outcome.tables.map(\.id) == ["adult_learning", "adult_learning_trend"])
    let finding = outcome.findings.joined(separator: " ")
    #expect(finding.contains("at 2017 the level changes by"))
    #expect(finding.contains("probability of at least 9.500 is"))
  }

  @Test func theIssuesKeySpellingFitsTheSameModels() throws {
    let data = try Self.flanders(total: true)
    let pairs = [
      (
        "breaks: [2017], hac_lag: 1, prewhite: false",
        "degree: 1, breaks: [2017], vcov: {hac: {lags: 1, prewhite: false}}"
      ),
      ("model: quadratic, hac: true", "degree: 2, vcov: hac"),
      ("model: linear", "degree: 1, vcov: iid"),
    ]
    for (original, issue) in pairs {
      let (a, _) = try Self.run(
        "{name: t, kind: trend, value: value, \(original)}", file: "t.csv", data: data)
      let (b, _) = try Self.run(
        "{name: t, kind: trend, value: value, \(issue)}", file: "t.csv", data: data)
      let fitA = try #require((a["trend"] as? [[String: Any]])?.first)
      let fitB = try #require((b["trend"] as? [[String: Any]])?.first)
      #expect(NSDictionary(dictionary: fitA) == NSDictionary(dictionary: fitB), "\(issue)")
    }
    let (segmented, _) = try Self.run(
      "{name: t, kind: trend, value: value, degree: 1, breaks: [2017], vcov: {hac: true}}",
      file: "t.csv", data: data)
    let fit = try #require((segmented["trend"] as? [[String: Any]])?.first)
    let expected = Self.reference["segmented2017_nw_default"] as? [String: Any] ?? [:]
    #expect(maxDifference(column(fit["coefficients"], "estimate"), expected["estimate"]) < 1e-8)
    #expect(maxDifference(column(fit["coefficients"], "std_error"), expected["se"]) < 1e-8)
  }

  @Test func eurostatBreakFlagsBecomeSegmentBreaks() throws {
    let url = StudyFixtures.root.appendingPathComponent(
      "Tests/Fixtures/trend/flanders_adult_learning.csv")
    let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
    let total = [rows[0]] + rows.filter { $0.contains(",T,") }
    let (document, outcome) = try Self.run(
      "{name: flagged, kind: trend, value: value, flags: flag, hac_lag: 1, prewhite: false}",
      file: "t.csv", data: total.joined(separator: "\n") + "\n")
    let fit = try #require((document["trend"] as? [[String: Any]])?.first)
    #expect((fit["breaks"] as? [Double]) == [2004, 2006, 2017])
    let expected = Self.reference["segmented3_nw_lag1"] as? [String: Any] ?? [:]
    #expect(maxDifference(column(fit["coefficients"], "estimate"), expected["estimate"]) < 1e-8)
    #expect(maxDifference(column(fit["coefficients"], "std_error"), expected["se"]) < 1e-8)
    #expect(
      outcome.findings.contains { $0.contains("Break in series (flag b) in 2004, 2006, 2017") })
    #expect(
      outcome.tables.last?.notes.contains { $0.contains("modelled as segment breaks") } == true)
  }

  @Test func aEurostatTSVIsReadAsTheData() throws {
    let tsv = StudyFixtures.root.appendingPathComponent(
      "Tests/Fixtures/trend/trng_lfse_04_BE_EU_subset.tsv")
    let spec = """
      study: Eurostat
      data: {path: \(tsv.path), filter: "geo == 'BE2' && sex == 'T'"}
      analyses:
        - {name: be2, kind: trend, value: value, time: time, flags: flags, hac_lag: 1, prewhite: false}
      outputs: {folder: out, formats: [json]}
      """
    let (_, path) = try StudyFixtures.make(spec: spec, files: [:])
    let (result, _) = try Study.run(spec: path)
    let text = try #require(result.outcomes.first?.outcome.document.serialized())
    let document =
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    let fit = try #require((document["trend"] as? [[String: Any]])?.first)
    let expected = Self.reference["segmented3_nw_lag1"] as? [String: Any] ?? [:]
    #expect(maxDifference(column(fit["coefficients"], "estimate"), expected["estimate"]) < 1e-8)
    #expect(maxDifference(column(fit["coefficients"], "std_error"), expected["se"]) < 1e-8)
  }

  @Test func genderGapTrendMatchesTheInteraction() throws {
    let (document, outcome) = try Self.run(
      "{name: gap, kind: trend, value: value, compare: female, hac: true}",
      file: "fm.csv", data: try Self.flanders(total: false))
    let gap = try #require(document["gap_trend"] as? [String: Any])
    let interacted = Self.reference["gap_interacted"] as? [String: Any] ?? [:]
    #expect(maxDifference(column(gap["coefficients"], "estimate"), interacted["estimate"]) < 1e-10)
    #expect(maxDifference(column(gap["coefficients"], "std_error"), interacted["se"]) < 1e-10)
    let series = Self.reference["gap_series_nw_default"] as? [String: Any] ?? [:]
    #expect(maxDifference(column(gap["gap_trend"], "std_error"), series["se"]) < 1e-8)
    #expect(outcome.findings.contains { $0.contains("female = 1 minus female = 0") })
  }

  @Test func smallPointsAreSuppressedAndNotModelled() throws {
    let demo = StudyFixtures.root.appendingPathComponent("datasets/demo/stem_scores_demo.csv")
    let csv = try String(contentsOf: demo, encoding: .utf8)
    let (document, outcome) = try Self.run(
      "{name: scores, kind: trend, measure: \"mean(score)\", compare: female, "
        + "target: {year: 2030, value: 60}}",
      file: "demo.csv", data: csv, panel: ", panel: {unit: learner_id, time: year}")
    let cells = document["cells"] as? [[String: Any]] ?? []
    let hidden = cells.filter { $0["suppressed"] as? Bool == true }
    #expect(!hidden.isEmpty, "2015 and 2024 have fewer than 100 learners per sex")
    #expect(hidden.allSatisfy { $0["n"] is NSNull && $0["estimate"] is NSNull })
    // Recompute the published points independently and fit them with the library.
    let lines = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
    let fits = document["trend"] as? [[String: Any]] ?? []
    for (index, sex) in ["0", "1"].enumerated() {
      let shown = cells.filter {
        $0["suppressed"] as? Bool == false
          && (($0["by"] as? [String: Any])?["female"] as? Int).map(String.init) == sex
      }
      let years = shown.compactMap { ($0["by"] as? [String: Any])?["year"] as? Int }
      let means = years.map { year -> Double in
        let scores = lines.filter { $0[2] == "\(year)" && $0[3] == sex }.compactMap {
          Double($0[8])
        }
        return scores.reduce(0, +) / Double(scores.count)
      }
      let own = try TrendModel.fit(
        try TrendSeries(time: years.map(Double.init), values: means),
        options: TrendOptions(target: TrendTarget(year: 2030, value: 60)))
      let fit = fits[index]
      #expect(fit["nobs"] as? Int == years.count)
      #expect(maxDifference(own.estimates, column(fit["coefficients"], "estimate")) < 1e-9)
      #expect(
        abs(
          ((fit["target_probability"] as? NSNumber)?.doubleValue ?? .nan)
            - (own.projection?.targetProbability ?? .nan)) < 1e-9)
    }
    #expect(outcome.findings.contains { $0.contains("points are suppressed") })
  }
}

/// The trend kind's likely mistakes are refused at validate with key path and line.
@Suite struct TrendSpecErrorTests {
  func issues(_ analysis: String, panel: Bool = false) throws -> [(String, Int, String)] {
    try StudyFixtures.validationIssues(of: analysis, panel: panel).map {
      ($0.keyPath, $0.line, $0.message)
    }
  }

  @Test func segmentedWithoutBreaksNamesTheModelKey() throws {
    let found = try issues(
      "{name: s, kind: trend, measure: \"share(stem_enrolled)\", model: segmented}")
    #expect(found.map(\.0) == ["analyses[0].model"])
    #expect(found.first?.1 == 4)
  }

  @Test func conflictingAndMissingKeysAreReported() throws {
    let both = try issues("{name: s, kind: trend, measure: \"mean(score)\", ar1: true, hac: true}")
    #expect(both.map(\.0) == ["analyses[0].ar1"])
    let none = try issues("{name: s, kind: trend, time: year}")
    #expect(none.map(\.0) == ["analyses[0].measure"])
    let count = try issues("{name: s, kind: trend, measure: \"count()\"}")
    #expect(count.first?.2.contains("not count()") == true)
    let typo = try issues(
      "{name: s, kind: trend, measure: \"mean(score)\", model: quadratc}")
    #expect(typo.first?.2.contains("did you mean 'quadratic'") == true)
    let ready = try issues("{name: s, kind: trend, value: score}", panel: true)
    #expect(ready.first?.2.contains("learner panel") == true)
    let badTime = try issues("{name: s, kind: trend, measure: \"mean(score)\", time: track}")
    #expect(badTime.first?.2.contains("must be numeric") == true)
  }

  @Test func theIssuesSpellingCannotBeMixedWithTheOriginalOrMisused() throws {
    let measure = "name: s, kind: trend, measure: \"mean(score)\""
    let cases: [(String, String, String)] = [
      ("degree: 3", "analyses[0].degree", "degree must be 1 (linear) or 2 (quadratic)"),
      ("degree: 1, model: linear", "analyses[0].degree", "not both"),
      ("degree: 2, breaks: [2023]", "analyses[0].degree", "use degree: 1"),
      ("vcov: hac, hac_lag: 2", "analyses[0].vcov", "give vcov: or hac_lag:, not both"),
      ("vcov: robust", "analyses[0].vcov", "vcov must be iid, hac or"),
      ("vcov: {hac: {lags: -1}}", "analyses[0].vcov.hac.lags", "lags must be >= 0"),
      ("vcov: {hac: {lag: 2}}", "analyses[0].vcov.hac.lag", "lags"),
      ("vcov: hac, ar1: true", "analyses[0].ar1", "drop the HAC covariance"),
    ]
    for (keys, path, message) in cases {
      let found = try issues("{\(measure), \(keys)}")
      #expect(found.count == 1 && found.first?.0 == path, "\(keys): \(found)")
      #expect(found.first?.2.contains(message) == true, "\(keys): \(found)")
    }
  }
}

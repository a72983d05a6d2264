import Foundation
import Models
import Testing

/// Kaplan-Meier curves, medians and the log-rank test against R `survival` 3.5.3
/// (Tests/Fixtures/survival/generate.R): lung by sex, veteran overall, and the counting-process
/// heart data by transplant (delayed entry), every conf.type; survdiff plain and stratified.
@Suite struct KaplanMeierReferenceTests {
  /// (dataset, group column, event column, reference case)
  static let cases: [(String, String?, String, String)] = [
    ("lung.csv", "sex", "event", "lung_sex"),
    ("veteran.csv", nil, "status", "veteran_all"),
    ("heart.csv", "transplant", "event", "heart_transplant"),
  ]

  func fit(_ index: Int, _ type: SurvivalConfidenceType) throws -> KaplanMeierResult {
    let (file, group, event, _) = Self.cases[index]
    let data = try SurvivalReference.rows(file)
    return try KaplanMeier.fit(
      SurvivalReference.spells(data, event: event),
      groups: group.map { g in data.map { $0[g] ?? "" } }, confidenceType: type)
  }

  /// The R stratum name of a curve (`sex=1`, or `all`).
  func stratum(_ index: Int, _ curve: KaplanMeierCurve) -> String {
    Self.cases[index].1.map { "\($0)=\(curve.group)" } ?? "all"
  }

  @Test(arguments: [0, 1, 2], SurvivalConfidenceType.allCases)
  func curvesMatchR(_ index: Int, _ type: SurvivalConfidenceType) throws {
    let result = try fit(index, type)
    let reference = try SurvivalReference.rows("ref_km.csv").filter {
      $0["case"] == Self.cases[index].3 && $0["conf_type"] == type.rawValue
    }
    var rowCount = 0
    var worst = 0.0
    for curve in result.curves {
      let rows = reference.filter { $0["strata"] == stratum(index, curve) }
      #expect(rows.count == curve.time.count, "\(curve.group): number of times")
      guard rows.count == curve.time.count else { continue }
      for (i, row) in rows.enumerated() {
        #expect(curve.time[i] == SurvivalReference.number(row["time"]))
        #expect(Double(curve.nRisk[i]) == SurvivalReference.number(row["n_risk"]))
        #expect(Double(curve.nEvent[i]) == SurvivalReference.number(row["n_event"]))
        #expect(Double(curve.nCensor[i]) == SurvivalReference.number(row["n_censor"]))
        let pairs: [(Double, String)] = [
          (curve.survival[i], "surv"), (curve.logStandardError[i], "std_err"),
          (curve.lower[i] ?? .nan, "lower"), (curve.upper[i] ?? .nan, "upper"),
        ]
        for (value, key) in pairs {
          worst = max(
            worst, SurvivalReference.difference(value, SurvivalReference.number(row[key])))
        }
        rowCount += 1
      }
    }
    #expect(rowCount == reference.count)
    #expect(worst < 1e-12, "largest scaled difference \(worst)")
  }

  @Test(arguments: [0, 1, 2], SurvivalConfidenceType.allCases)
  func mediansMatchR(_ index: Int, _ type: SurvivalConfidenceType) throws {
    let result = try fit(index, type)
    let reference = try SurvivalReference.rows("ref_km_median.csv").filter {
      $0["case"] == Self.cases[index].3 && $0["conf_type"] == type.rawValue
    }
    #expect(reference.count == result.curves.count)
    for curve in result.curves {
      let row = try #require(reference.first { $0["strata"] == stratum(index, curve) })
      let pairs: [(Double?, String)] = [
        (curve.median.estimate, "median"), (curve.median.low, "lower"),
        (curve.median.high, "upper"),
      ]
      for (value, key) in pairs {
        let expected = SurvivalReference.number(row[key])
        #expect(
          SurvivalReference.difference(value ?? .nan, expected) < 1e-12,
          "\(curve.group) \(key): \(String(describing: value)) vs \(expected)")
      }
    }
  }

  @Test func logRankMatchesR() throws {
    let lung = try SurvivalReference.rows("lung.csv")
    let veteran = try SurvivalReference.rows("veteran.csv")
    let tests: [(String, LogRankTest)] = [
      (
        "lung_sex",
        try LogRankTest(
          SurvivalReference.spells(lung), groups: lung.map { $0["sex"] ?? "" })
      ),
      (
        "lung_ecog",
        try LogRankTest(
          SurvivalReference.spells(lung), groups: lung.map { $0["ph.ecog"] ?? "" })
      ),
      (
        "veteran_trt_strata",
        try LogRankTest(
          SurvivalReference.spells(veteran, event: "status"),
          groups: veteran.map { $0["trt"] ?? "" },
          strata: veteran.map { $0["celltype"] ?? "" })
      ),
    ]
    let reference = try SurvivalReference.rows("ref_logrank.csv")
    for (name, test) in tests {
      let rows = reference.filter { $0["case"] == name }
      #expect(rows.count == test.groups.count)
      for (k, row) in rows.enumerated() where k < test.groups.count {
        #expect(row["group"]?.hasSuffix("=\(test.groups[k])") == true)
        #expect(Double(test.counts[k]) == SurvivalReference.number(row["n"]))
        #expect(test.observed[k] == SurvivalReference.number(row["observed"]))
        #expect(
          SurvivalReference.difference(
            test.expected[k],
            SurvivalReference.number(row["expected"])) < 1e-12)
      }
      let first = try #require(rows.first)
      #expect(
        relativeError(test.test.statistic, SurvivalReference.number(first["chisq"])) < 1e-10,
        "\(name): \(test.test.statistic)")
      #expect(Double(test.test.degreesOfFreedom) == SurvivalReference.number(first["df"]))
      #expect(relativeError(test.test.pValue, SurvivalReference.number(first["p"])) < 1e-8)
    }
  }

  @Test func badSpellsAreRefused() {
    #expect(throws: SurvivalError.exitNotAfterEntry(row: 2, entry: 5, exit: 3)) {
      try SurvivalSpells(exit: [4, 3], event: [true, false], entry: [0, 5])
    }
    #expect(throws: SurvivalError.badTime(column: "time", row: 1)) {
      try SurvivalSpells(exit: [.nan, 3], event: [true, false])
    }
  }

  @Test func noEventsWarns() throws {
    let spells = try SurvivalSpells(exit: [1, 2, 3], event: [false, false, false])
    let result = try KaplanMeier.fit(spells)
    #expect(result.warnings.contains { $0.contains("no events") })
    #expect(result.curves[0].survival == [1, 1, 1])
    #expect(result.curves[0].median.estimate == nil)
  }

  /// A curve shortened to its first times keeps their estimates; its median comes from those
  /// times only (none before the curve falls to one half).
  @Test func aShortenedCurveReadsItsMedianFromItsOwnTimes() throws {
    let curve = try #require(try fit(0, .log).curves.first)
    let whole = curve.prefix(through: curve.time.count - 1)
    #expect(whole == curve)
    let half = try #require(curve.survival.firstIndex { $0 < 0.5 })
    let through = curve.prefix(through: half)
    #expect(through.survival == Array(curve.survival[...half]))
    #expect(through.median.estimate == curve.median.estimate)
    let before = curve.prefix(through: half - 1)
    #expect(before.time.count == half && before.median.estimate == nil)
    #expect(curve.prefix(through: -1).time.isEmpty)
  }
}

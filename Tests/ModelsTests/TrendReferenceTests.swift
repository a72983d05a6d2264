import Foundation
import Inference
import Models
import Testing

/// The trend models against R (lm, sandwich 3.0-2 NeweyWest, an iterated Prais-Winsten script)
/// and Python pymannkendall 1.4.3 on Eurostat's adult learning series for Flanders (BE2,
/// 2000-2019; Tests/Fixtures/trend, generate.R and generate_mk.py).
@Suite struct TrendReferenceTests {
  typealias Reference = [String: Any]

  static func reference() throws -> Reference {
    try FixturePaths.json("trend/reference.json") as? Reference ?? [:]
  }

  /// The BE2 series of one sex (`T`, `F`, `M`) with its break flags.
  static func series(_ sex: String) throws -> TrendSeries {
    let text = try String(
      contentsOf: FixturePaths.fixture("trend/flanders_adult_learning.csv"), encoding: .utf8)
    var time: [Double] = []
    var values: [Double] = []
    for line in text.split(separator: "\n").dropFirst() {
      let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard cells.count >= 3, cells[1] == sex else { continue }
      time.append(Double(cells[0]) ?? .nan)
      values.append(Double(cells[2]) ?? .nan)
    }
    return try TrendSeries(time: time, values: values)
  }

  func numbers(_ any: Any?) -> [Double] {
    if let list = any as? [Any] { return list.compactMap { ($0 as? NSNumber)?.doubleValue } }
    if let value = any as? NSNumber { return [value.doubleValue] }
    return []
  }

  /// Max abs difference of estimates and standard errors from the reference entry.
  func difference(_ fit: TrendResult, _ key: String) throws -> Double {
    let entry = try Self.reference()[key] as? Reference ?? [:]
    let estimates = numbers(entry["estimate"])
    let errors = numbers(entry["se"])
    #expect(estimates.count == fit.estimates.count, "\(key)")
    #expect(errors.count == fit.standardErrors.count, "\(key)")
    guard estimates.count == fit.estimates.count, errors.count == fit.standardErrors.count
    else { return .infinity }
    let a = zip(fit.estimates, estimates).map { abs($0 - $1) }.max() ?? .infinity
    let b = zip(fit.standardErrors, errors).map { abs($0 - $1) }.max() ?? .infinity
    return max(a, b)
  }

  func lag(_ key: String) throws -> Int? {
    let entry = try Self.reference()[key] as? Reference ?? [:]
    return numbers(entry["lag"]).first.map { Int($0) }
  }

  @Test func linearAndQuadraticMatchLm() throws {
    let y = try Self.series("T")
    let linear = try TrendModel.fit(y)
    #expect(try difference(linear, "linear_classical") < 1e-10)
    let quadratic = try TrendModel.fit(y, options: TrendOptions(shape: .quadratic))
    #expect(try difference(quadratic, "quadratic_classical") < 1e-10)
    #expect(quadratic.terms == ["(Intercept)", "time", "time^2"])
  }

  @Test func neweyWestMatchesSandwich() throws {
    let y = try Self.series("T")
    let auto = try TrendModel.fit(y, options: TrendOptions(neweyWest: NeweyWestOptions()))
    #expect(try difference(auto, "linear_nw_default") < 1e-8)
    #expect(auto.hacLag == (try lag("linear_nw_default")))
    #expect(auto.hacPrewhitened == true)
    let plain = try TrendModel.fit(
      y, options: TrendOptions(neweyWest: NeweyWestOptions(lag: 2, prewhite: false, adjust: true)))
    #expect(try difference(plain, "linear_nw_lag2_noprewhite_adjust") < 1e-8)
    let quadratic = try TrendModel.fit(
      y, options: TrendOptions(shape: .quadratic, neweyWest: NeweyWestOptions(lag: 3)))
    #expect(try difference(quadratic, "quadratic_nw_lag3") < 1e-8)
  }

  @Test func segmentedRegressionWithNeweyWestMatchesR() throws {
    let y = try Self.series("T")
    let classical = try TrendModel.fit(y, options: TrendOptions(shape: .segmented(breaks: [2017])))
    #expect(try difference(classical, "segmented2017_classical") < 1e-10)
    #expect(classical.terms == ["(Intercept)", "time", "level_2017", "slope_2017"])
    let hac = try TrendModel.fit(
      y,
      options: TrendOptions(
        shape: .segmented(breaks: [2017]), neweyWest: NeweyWestOptions()))
    #expect(try difference(hac, "segmented2017_nw_default") < 1e-8)
    #expect(hac.hacLag == (try lag("segmented2017_nw_default")))
    let three = try TrendModel.fit(
      y,
      options: TrendOptions(
        shape: .segmented(breaks: [2004, 2006, 2017]),
        neweyWest: NeweyWestOptions(lag: 1, prewhite: false)))
    #expect(try difference(three, "segmented3_nw_lag1") < 1e-8)
  }

  @Test func collinearPrewhiteningFallsBackWithAWarning() throws {
    // Three breaks: the estimating functions of the level dummies are zero before their break,
    // so the VAR(1) prewhitening regression is singular (R's NeweyWest stops with an error).
    let y = try Self.series("F")
    let shape = TrendShape.segmented(breaks: [2004, 2006, 2017])
    let fallback = try TrendModel.fit(
      y, options: TrendOptions(shape: shape, neweyWest: NeweyWestOptions(lag: 1)))
    let plain = try TrendModel.fit(
      y, options: TrendOptions(shape: shape, neweyWest: NeweyWestOptions(lag: 1, prewhite: false)))
    #expect(fallback.warnings.contains { $0.contains("without prewhitening") })
    #expect(fallback.standardErrors == plain.standardErrors)
    #expect(fallback.hacPrewhitened == false && plain.hacPrewhitened == false)
  }

  @Test func weightedTrendMatchesWeightedLm() throws {
    let y = try Self.series("T")
    let se = y.time.map { 0.1 + 0.01 * ($0 - 2000) }
    let weighted = try TrendSeries(time: y.time, values: y.values, standardErrors: se)
    let classical = try TrendModel.fit(weighted)
    #expect(try difference(classical, "weighted_classical") < 1e-9)
    let hac = try TrendModel.fit(
      weighted, options: TrendOptions(neweyWest: NeweyWestOptions(lag: 2)))
    #expect(try difference(hac, "weighted_nw_lag2") < 1e-8)
  }

  func expectProjection(_ projection: TrendProjection?, _ key: String) throws {
    let entry = try Self.reference()[key] as? Reference ?? [:]
    let expected = ["estimate", "low", "high", "prob_at_least_9_5"].map { numbers(entry[$0]) }
    guard let projection, expected.allSatisfy({ $0.count == 1 }) else {
      Issue.record("projection \(key) missing")
      return
    }
    let got = [
      projection.estimate, projection.predictionLow, projection.predictionHigh,
      projection.targetProbability ?? .nan,
    ]
    let worst = zip(got, expected.map { $0[0] }).map { abs($0 - $1) }.max() ?? .infinity
    #expect(worst < 1e-8, "\(key): \(worst)")
  }

  @Test func projectionMatchesPredictAndT() throws {
    let y = try Self.series("T")
    let target = TrendTarget(year: 2030, value: 9.5)
    let classical = try TrendModel.fit(y, options: TrendOptions(target: target))
    try expectProjection(classical.projection, "projection_classical")
    let hac = try TrendModel.fit(
      y, options: TrendOptions(neweyWest: NeweyWestOptions(), target: target))
    try expectProjection(hac.projection, "projection_nw_default")
    let below = classical.project(to: TrendTarget(year: 2030, value: 9.5, direction: .atMost))
    #expect(
      abs((below.targetProbability ?? 0) + (classical.projection?.targetProbability ?? 0) - 1)
        < 1e-12)
  }

  @Test func praisWinstenMatchesIteratedScript() throws {
    let y = try Self.series("T")
    let reference = try Self.reference()
    for (key, shape) in [
      ("prais_winsten_linear", TrendShape.linear),
      ("prais_winsten_segmented2017", .segmented(breaks: [2017])),
    ] {
      let fit = try TrendModel.fit(
        y,
        options: TrendOptions(shape: shape, ar1: true, target: TrendTarget(year: 2030, value: 9.5)))
      #expect(fit.convergence.converged)
      #expect(try difference(fit, key) < 1e-6, "\(key)")
      let entry = reference[key] as? Reference ?? [:]
      #expect(abs((fit.rho ?? .nan) - (numbers(entry["rho"]).first ?? .nan)) < 1e-8)
      #expect(abs(fit.sigma - (numbers(entry["sigma"]).first ?? .nan)) < 1e-8)
      if key == "prais_winsten_linear" {
        try expectProjection(fit.projection, "projection_prais_winsten")
      }
    }
  }

  @Test func genderGapTrendMatchesInteraction() throws {
    let women = try Self.series("F")
    let men = try Self.series("M")
    let comparison = try TrendComparison.fit(
      reference: men, group: women, label: "female",
      options: TrendOptions(neweyWest: NeweyWestOptions()))
    #expect(comparison.terms == ["(Intercept)", "time", "female", "female:time"])
    let reference = try Self.reference()
    let entry = reference["gap_interacted"] as? Reference ?? [:]
    let worst = max(
      zip(comparison.estimates, numbers(entry["estimate"])).map { abs($0 - $1) }.max() ?? 1,
      zip(comparison.standardErrors, numbers(entry["se"])).map { abs($0 - $1) }.max() ?? 1)
    #expect(worst < 1e-10)
    let gap = try #require(comparison.gap)
    #expect(try difference(gap, "gap_series_nw_default") < 1e-8)
    #expect(abs((comparison.gapSlope?.estimate ?? 0) - (gap.estimate("time") ?? 1)) < 1e-12)
  }

  @Test func mannKendallMatchesPymannkendall() throws {
    let reference = try FixturePaths.json("trend/reference_mk.json") as? Reference ?? [:]
    for sex in ["T", "F", "M"] {
      let result = try MannKendall.test(try Self.series(sex))
      let entry = reference[sex] as? Reference ?? [:]
      let expected = ["s", "var_s", "z", "p", "tau", "slope", "intercept"].map {
        numbers(entry[$0]).first ?? .nan
      }
      let got = [
        result.s, result.varianceS, result.z, result.pValue, result.tau, result.sensSlope,
        result.intercept,
      ]
      let worst = zip(got, expected).map { abs($0 - $1) }.max() ?? .infinity
      #expect(worst < 1e-12, "\(sex): \(worst)")
      #expect(result.trend == entry["trend"] as? String)
    }
  }

  @Test func badInputIsRefusedWithReasons() throws {
    let y = try Self.series("T")
    #expect(throws: TrendError.self) {
      try TrendModel.fit(y, options: TrendOptions(shape: .segmented(breaks: [2019])))
    }
    #expect(throws: TrendError.self) {
      try TrendModel.fit(y, options: TrendOptions(neweyWest: NeweyWestOptions(), ar1: true))
    }
    #expect(throws: TrendError.self) { try TrendSeries(time: [1, 1, 2], values: [1, 2, 3]) }
    #expect(throws: TrendError.self) {
      try TrendModel.fit(try TrendSeries(time: [1, 2], values: [1, 2]))
    }
    let fit = try TrendModel.fit(y, options: TrendOptions(target: TrendTarget(year: 2030)))
    #expect(fit.projection?.targetProbability == nil)
    #expect(fit.description.hasPrefix("trend: value ~ linear trend"))
    #expect(fit.section("projection") != nil)
  }
}

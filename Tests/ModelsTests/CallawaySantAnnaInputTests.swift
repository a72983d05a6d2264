import DataTable
import Foundation
import Models
import Testing

/// Bad and awkward input to Callaway and Sant'Anna: each a typed error or a reported warning,
/// never a silent number; and invariants that need no reference (the 2x2 DiD of means, seeded
/// bootstrap bands).
@Suite struct CallawaySantAnnaInputTests {
  /// A panel of `cohorts.count` units over periods 1...periods, outcome with unit and period
  /// effects, a deterministic wobble and an effect of 1 + event time after treatment.
  static func panel(
    cohorts: [Double?], periods: Int = 5, x: ((Int) -> Double)? = nil,
    cohortOfRow: ((Int, Int) -> Double?)? = nil
  ) throws -> DataTable {
    var unit: [Int?] = []
    var time: [Int?] = []
    var y: [Double?] = []
    var g: [Double?] = []
    var covariate: [Double?] = []
    for (i, c) in cohorts.enumerated() {
      for t in 1...periods {
        unit.append(i + 1)
        time.append(t)
        let first = cohortOfRow?(i, t) ?? c
        g.append(first)
        let effect =
          (first ?? 0) > 0 && Double(t) >= (first ?? 0) ? 1 + Double(t) - (first ?? 0) : 0
        y.append(Double(i % 7) + 0.3 * Double(t) + effect + 0.1 * sin(Double(i * 31 + t * 7)))
        covariate.append(x?(i) ?? Double(i % 3))
      }
    }
    return try DataTable(columns: [
      .int("id", unit), .int("year", time), .double("y", y), .double("first", g),
      .double("x", covariate),
    ])
  }

  static func options(_ control: DiDControlGroup = .neverTreated) -> CallawaySantAnnaOptions {
    var o = CallawaySantAnnaOptions(outcome: "y", time: "year", unit: "id", firstTreated: "first")
    o.control = control
    return o
  }

  /// 10 never treated (half coded missing), 10 treated in 3, 10 in 4.
  static let staggered: [Double?] =
    (0..<10).map { $0 % 2 == 0 ? 0 : nil } + Array(repeating: 3, count: 10)
    + Array(repeating: 4, count: 10)

  @Test func neverTreatedMayBeZeroOrMissing() throws {
    let fit = try CallawaySantAnna.fit(
      data: try Self.panel(cohorts: Self.staggered), options: Self.options())
    let effect = try #require(fit.effect(group: 3, time: 3))
    #expect(effect.comparisonUnits == 10)
    // No covariates, never-treated comparisons: ATT(g,t) is the 2x2 DiD of means.
    #expect(abs((effect.att ?? .nan) - 1) < 0.2)
    #expect(fit.groups == [3, 4])
  }

  @Test func noCovariatesEqualsDifferenceOfMeans() throws {
    let data = try Self.panel(cohorts: Self.staggered)
    let fit = try CallawaySantAnna.fit(data: data, options: Self.options())
    let y = try #require(data["y"]?.doubles())
    let g = (0..<data.rowCount).map { data["first"]?.doubleValue($0) ?? 0 }
    func mean(_ cohort: Double, _ year: Int) -> Double {
      let rows = (0..<data.rowCount).filter { g[$0] == cohort && (year - 1) == $0 % 5 }
      return rows.map { y[$0] }.reduce(0, +) / Double(rows.count)
    }
    let manual = (mean(4, 5) - mean(4, 3)) - (mean(0, 5) - mean(0, 3))
    #expect(abs((fit.effect(group: 4, time: 5)?.att ?? .nan) - manual) < 1e-12)
  }

  @Test func timingThatVariesWithinAUnitIsAnError() throws {
    let data = try Self.panel(
      cohorts: Self.staggered, cohortOfRow: { i, t in i == 12 && t == 5 ? 4 : nil })
    #expect(throws: DiDError.self) {
      try CallawaySantAnna.fit(data: data, options: Self.options())
    }
  }

  @Test func negativeFirstTreatedIsAnError() throws {
    var cohorts = Self.staggered
    cohorts[3] = -1
    #expect(throws: DiDError.self) {
      try CallawaySantAnna.fit(data: try Self.panel(cohorts: cohorts), options: Self.options())
    }
  }

  @Test func firstTreatedOutsideThePeriodsIsReported() throws {
    var cohorts = Self.staggered
    cohorts[0] = 9  // after the last period: never treated in the sample
    cohorts[1] = 1  // treated in the first period: no pre-period, dropped
    let fit = try CallawaySantAnna.fit(
      data: try Self.panel(cohorts: cohorts), options: Self.options())
    #expect(fit.warnings.contains { $0.contains("after the last period") })
    #expect(fit.warnings.contains { $0.contains("already treated in the first period") })
    #expect(fit.units == 29)
  }

  @Test func noComparisonGroupAtAllIsAnError() throws {
    let cohorts: [Double?] = Array(repeating: 3, count: 12)
    for control in DiDControlGroup.allCases {
      #expect(throws: DiDError.self) {
        try CallawaySantAnna.fit(
          data: try Self.panel(cohorts: cohorts), options: Self.options(control))
      }
    }
  }

  @Test func cohortsWithoutComparisonInSomePeriodsAreNamed() throws {
    // No never-treated units: not-yet-treated comparisons exist only before the last cohort.
    let cohorts: [Double?] =
      Array(repeating: 3, count: 10) + Array(repeating: 5, count: 10)
    let fit = try CallawaySantAnna.fit(
      data: try Self.panel(cohorts: cohorts, periods: 6), options: Self.options(.notYetTreated))
    #expect(fit.warnings.contains { $0.contains("no unit is never treated") })
    #expect(fit.groups == [3])
    #expect(fit.effects.allSatisfy { $0.time < 5 })
  }

  @Test func aCohortOfOneUnitIsReported() throws {
    var cohorts = Self.staggered
    cohorts.append(2)
    let fit = try CallawaySantAnna.fit(
      data: try Self.panel(cohorts: cohorts), options: Self.options())
    #expect(fit.warnings.contains { $0.contains("cohort 2 has only 1 unit") })
  }

  @Test func covariateThatPredictsTreatmentIsReported() throws {
    let cohorts = Self.staggered
    let data = try Self.panel(
      cohorts: cohorts, x: { i in (cohorts[i] ?? 0) == 3 ? 10 + Double(i) : Double(i % 3) })
    var options = Self.options()
    options.covariates = ["x"]
    for estimator in [DiDEstimator.ipw, .doublyRobust] {
      options.estimator = estimator
      let fit = try CallawaySantAnna.fit(data: data, options: options)
      #expect(fit.effects.filter { $0.group == 3 }.allSatisfy { $0.att == nil })
      #expect(fit.warnings.contains { $0.contains("cohort 3") && $0.contains("propensity score") })
      #expect(fit.effects.contains { $0.group == 4 && $0.att != nil })
    }
  }

  @Test func unknownColumnsNameTheColumn() throws {
    var options = Self.options()
    options.outcome = "yy"
    #expect(throws: DiDError.badColumn(column: "yy", message: "no such column; did you mean 'y'?"))
    {
      try CallawaySantAnna.fit(data: try Self.panel(cohorts: Self.staggered), options: options)
    }
  }

  @Test func bootstrapBandsAreSeededAndWiderThanPointwise() throws {
    var options = Self.options()
    options.bootstrap = MultiplierBootstrapOptions(replications: 999, weights: .rademacher, seed: 7)
    let data = try Self.panel(cohorts: Self.staggered)
    let a = try CallawaySantAnna.fit(data: data, options: options)
    let b = try CallawaySantAnna.fit(data: data, options: options)
    let dynamic = try #require(a.aggregate(.dynamic))
    #expect(dynamic == b.aggregate(.dynamic))
    let critical = try #require(dynamic.uniformCriticalValue)
    #expect(critical > 1.96 && critical < 5)
    options.bootstrap?.seed = 8
    let c = try CallawaySantAnna.fit(data: data, options: options)
    #expect(c.aggregate(.dynamic)?.uniformCriticalValue != critical)
  }
}

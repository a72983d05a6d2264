import DataTable
import Inference
import Models
import Simulation
import Testing

/// Simple estimators recover the documented truth of the simulation (datasets/codebook.md).
@Suite("Simulation recovers its truth")
struct TruthRecoveryTests {
  static let truth = SimulationTruth.default

  @Test func olsRecoversScoreCoefficients() throws {
    let panel = try LearnerPanelSimulator.simulate(learners: 4000, seed: 11)
    let table = try panel.learnersTable()
    // School and learner effects are independent of these regressors, so pooled OLS is
    // unbiased; standard errors clustered by learner.
    let fit = try OLS.fit(
      "stem_score ~ female + migrant + ses + apprentice + age + C(track) + C(year)", data: table,
      vcov: .cluster(["learner_id"]))
    let checks: [(String, Double)] = [
      ("female", Self.truth.femaleGap), ("migrant", Self.truth.migrantEffect),
      ("ses", Self.truth.sesEffect), ("apprentice", Self.truth.apprenticeEffect),
      ("age", Self.truth.ageEffect),
      (
        "track[STEM-tech]",
        (Self.truth.trackEffect["STEM-tech"] ?? 0)
          - (Self.truth.trackEffect["STEM-ICT"] ?? 0)
      ),
    ]
    for (term, value) in checks {
      let i = try #require(fit.coefficients.index(of: term), "\(term) in \(fit.coefficients.names)")
      let z = (fit.coefficients.values[i] - value) / fit.standardErrors[i]
      #expect(abs(z) < 4, "\(term): \(fit.coefficients.values[i]) vs truth \(value), z = \(z)")
    }
  }

  @Test func panelStructureIsAsDocumented() throws {
    let panel = try LearnerPanelSimulator.simulate(learners: 4000, seed: 12)
    let table = try panel.learnersTable()
    let index = try PanelIndex(data: table, unit: "learner_id", time: "year", group: "school_id")
    let s = index.summary()
    #expect(s.units == 4000 && s.firstPeriod == 2015 && s.lastPeriod == 2024)
    #expect(s.gaps > 0 && !s.isBalanced)
    let movers = Double(s.unitsChangingGroup) / Double(s.units)
    #expect(movers > 0.07 && movers < 0.13, "share of learners who move: \(movers)")
    let ages = try table.column(named: "age")
    for row in 0..<table.rowCount { #expect((15...29).contains(Int(ages.doubleValue(row) ?? 0))) }
    // treated == (adoption_year <= year) on every row, and never for never-adopting schools.
    for row in panel.rows {
      #expect(row.treated == (row.adoptionYear.map { row.year >= $0 } ?? false))
    }
    let femaleShare = Double(panel.rows.filter(\.female).count) / Double(panel.rows.count)
    #expect(abs(femaleShare - Self.truth.femaleShare) < 0.03)
  }

  @Test func treatmentEffectFollowsCohortAndEventTime() {
    #expect(Self.truth.treatmentEffect(cohort: 2018, eventTime: -1) == 0)
    #expect(Self.truth.treatmentEffect(cohort: 2018, eventTime: 0) == 3.0)
    #expect(abs(Self.truth.treatmentEffect(cohort: 2020, eventTime: 5) - 3.2) < 1e-12)
  }
}

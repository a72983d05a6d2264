import DataTable
import Foundation
import Inference
import Models
import Simulation
import Testing

/// One synthetic panel drawn with `SimulationTruth.inclusion` (datasets/codebook.md).
///
/// The inclusion estimators' 95% intervals are set against the generator's known truth:
///
/// - the effect of the STEM action on `stem_score` for boys (3.0), for girls (4.5) and their
///   difference (1.5): subgroup marginal effects of a two-way fixed-effects model with the
///   action and its interaction with `female` (the effect is the same in every cohort and event
///   time, so two-way fixed effects are unbiased);
/// - the explained part of the gender gap in `stem_enrolled` (Fairlie, girls' coefficients):
///   the enrolment logit is correctly specified under this truth, so the explained part's true
///   value is Σ_boys F(x β_girls)/n_boys - Σ_girls F(x β_girls)/n_girls with the generator's
///   β, on the sample's own rows (Fairlie's delta-method standard error holds the rows fixed);
/// - the Oaxaca-Blinder decomposition of the gender gap in `stem_score` (boys' coefficients,
///   threefold interaction, the intercept's and `treated`'s detailed unexplained parts), whose
///   truth on the sample's rows follows from the score model (`oaxacaChecks`).
struct InclusionReplication {
  static let truth = SimulationTruth.inclusion
  static let z = 1.959963984540054

  /// The estimate and truth of each checked quantity, by name.
  let checks: [(name: String, estimate: Double, standardError: Double, truth: Double)]

  /// Whether each check's 95% interval covers its truth.
  var covered: [String: Bool] {
    Dictionary(
      uniqueKeysWithValues: checks.map {
        ($0.name, abs($0.estimate - $0.truth) <= Self.z * $0.standardError)
      })
  }

  init(learners: Int, seed: UInt64, fairlieReplications: Int = 5) throws {
    let t = Self.truth
    let panel = try LearnerPanelSimulator.simulate(learners: learners, seed: seed, truth: t)
    let rows = panel.rows
    var table = try panel.learnersTable()
    let stemTrack = rows.map { t.stemTracks.contains($0.track) }
    table = try table.adding(Column(name: "stem_track", values: .int(stemTrack.map { $0 ? 1 : 0 })))
    table = try table.adding(Column(name: "year_c", values: .int(rows.map { $0.year - 2020 })))
    var checks: [(String, Double, Double, Double)] = []

    // Errors are independent across learners once the learner effect is absorbed (the school
    // effect is constant within a learner except for movers): clustered by learner.
    let fe = try FixedEffects.fit(
      "stem_score ~ treated + treated:female | learner_id + year", data: table,
      vcov: .cluster(["learner_id"]))
    let effects = try fe.marginalEffects(variables: ["treated"], by: ["female"])
    let boys = t.cohortEffect[2018] ?? .nan
    for effect in effects where effect.by == "female" {
      let value: Double
      let name: String
      if effect.isDifference {
        (name, value) = ("difference", t.actionEffectFemale)
      } else if effect.level == "1" {
        (name, value) = ("girls", boys + t.actionEffectFemale)
      } else {
        (name, value) = ("boys", boys)
      }
      checks.append((name, effect.effect.estimate, effect.effect.standardError, value))
    }

    let fairlie = try Fairlie.decompose(
      "stem_enrolled ~ stem_track + migrant + ses + year_c + treated", data: table,
      group: "female",
      options: FairlieOptions(reference: .b, replications: fairlieReplications, seed: seed))
    var meanBoys = 0.0
    var meanGirls = 0.0
    var girls = 0
    for (i, r) in rows.enumerated() {
      // Valued with the girls' coefficients (female = 1) on every row.
      let index = t.enrolmentIndex(
        stemTrack: stemTrack[i], female: true, migrant: r.migrant, ses: r.ses,
        yearCentred: Double(r.year - 2020), treated: r.treated)
      let p = 1 / (1 + exp(-index))
      if r.female {
        meanGirls += p
        girls += 1
      } else {
        meanBoys += p
      }
    }
    let explained = meanBoys / Double(rows.count - girls) - meanGirls / Double(girls)
    let part = try #require(fairlie.component("explained"))
    checks.append(("explained", part.estimate, part.standardError ?? .nan, explained))
    checks += try Self.oaxacaChecks(rows: rows, table: table)
    self.checks = checks
  }

  /// The Oaxaca-Blinder decomposition of the gender gap in `stem_score` against its truth.
  ///
  /// A = boys, B = girls; the truth is defined on the sample's rows: the score model is linear in the formula's terms
  /// with coefficients that differ between boys and girls only in the intercept (the gap -2.0)
  /// and `treated` (3.0 and 4.5), so with μ_g(x) = `SimulationTruth.scoreMean(female: g, ...)`
  /// the twofold parts valued with the boys' coefficients are
  /// explained = mean_A μ_A(x) - mean_B μ_A(x) and unexplained = mean_B (μ_A(x) - μ_B(x)),
  /// the interaction (m_A - m_B)'(β_A - β_B) is that explained part minus the one valued with
  /// the girls' coefficients, and the detailed unexplained part of the intercept is 2.0.
  /// Standard errors hold the regressors fixed (the truth is defined on the rows) and are
  /// clustered by school (the school effect u_s is shared by its learners; a learner's own
  /// effects stay within one school except for movers).
  static func oaxacaChecks(rows: [LearnerYear], table: DataTable) throws
    -> [(String, Double, Double, Double)]
  {
    let result = try OaxacaBlinder.decompose(
      "stem_score ~ migrant + ses + C(track) + apprentice + age + C(year) + treated",
      data: table, group: "female",
      options: OaxacaBlinderOptions(
        reference: .a, threefold: true, covariance: .cluster("school_id"),
        fixedRegressors: true))
    // Sums of μ_boys and μ_girls over each group's rows.
    var sums = (boys: (boys: 0.0, girls: 0.0), girls: (boys: 0.0, girls: 0.0))
    var treatedGirls = 0.0
    var girls = 0.0
    for r in rows {
      let mean = { (female: Bool) in
        truth.scoreMean(
          female: female, migrant: r.migrant, ses: r.ses, track: r.track,
          apprentice: r.apprentice, age: r.age, year: r.year, adoptionYear: r.adoptionYear)
      }
      if r.female {
        sums.girls.boys += mean(false)
        sums.girls.girls += mean(true)
        treatedGirls += r.treated ? 1 : 0
        girls += 1
      } else {
        sums.boys.boys += mean(false)
        sums.boys.girls += mean(true)
      }
    }
    let boys = Double(rows.count) - girls
    let explainedA = sums.boys.boys / boys - sums.girls.boys / girls
    let explainedB = sums.boys.girls / boys - sums.girls.girls / girls
    let unexplained = (sums.girls.boys - sums.girls.girls) / girls
    var truths = [
      ("explained", explainedA), ("unexplained", unexplained),
      ("difference", explainedA + unexplained), ("interaction", explainedA - explainedB),
    ].map { (part: $0.0, term: String?.none, truth: $0.1) }
    truths.append(("unexplained", "(Intercept)", -truth.femaleGap))
    truths.append(
      ("unexplained", "treated", -truth.actionEffectFemale * treatedGirls / girls))
    return try truths.map { check in
      let part = try #require(
        check.term.map { result.contribution($0, to: check.part) }
          ?? result.component(check.part), "\(check)")
      let name = "oaxaca " + check.part + (check.term.map { " " + $0 } ?? "")
      return (name, part.estimate, part.standardError ?? .nan, check.truth)
    }
  }
}

/// Default tier: one panel of 3,000 learners (seeded): every estimate is within three standard
/// errors of its truth (the 95% coverage itself is the slow tier's claim: one sample misses a
/// 95% interval one time in twenty, and seed 14's explained part does, at z = 2.1).
@Suite("Inclusion estimators recover the simulation's truth")
struct InclusionTruthTests {
  static let oaxacaNames = [
    "oaxaca difference", "oaxaca explained", "oaxaca interaction", "oaxaca unexplained",
    "oaxaca unexplained (Intercept)", "oaxaca unexplained treated",
  ]

  @Test func oneSampleCoversTheTruth() throws {
    let replication = try InclusionReplication(learners: 3000, seed: 14)
    #expect(
      replication.checks.map(\.name).sorted() == [
        "boys", "difference", "explained", "girls",
      ] + Self.oaxacaNames)
    for check in replication.checks {
      #expect(check.standardError > 0 && check.standardError.isFinite, "\(check.name)")
      #expect(
        abs(check.estimate - check.truth) <= 3 * check.standardError,
        "\(check.name): \(check.estimate) (SE \(check.standardError)) vs truth \(check.truth)")
    }
    // The explained part is a real share of the gap: girls choose STEM tracks less often.
    let explained = try #require(replication.checks.first { $0.name == "explained" })
    #expect(explained.truth > 0.05, "explained truth \(explained.truth)")
  }

  @Test func defaultTruthHasNoGenderSpecificActionEffect() {
    let t = SimulationTruth.default
    #expect(t.actionEffectFemale == 0 && t.enrolSD == 1.0)
    #expect(
      t.treatmentEffect(cohort: 2020, eventTime: 5, female: true)
        == t.treatmentEffect(cohort: 2020, eventTime: 5))
    let i = SimulationTruth.inclusion
    #expect(i.treatmentEffect(cohort: 2018, eventTime: 4, female: true) == 4.5)
    #expect(i.treatmentEffect(cohort: 2022, eventTime: 0, female: false) == 3.0)
    #expect(i.treatmentEffect(cohort: 2022, eventTime: -1, female: true) == 0)
  }
}

/// Slow tier (`VETSTAT_SLOW_TESTS=1 swift test --filter InclusionTruthCoverage`): over 200
/// seeds of 2,000 learners each, every interval covers its truth at a rate near 95% (within
/// 0.91-0.985: ±3.5 binomial standard errors of 0.95 at 200 draws, 0.0154).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["VETSTAT_SLOW_TESTS"] == "1"))
struct InclusionTruthCoverage {
  static let seeds: [UInt64] = Array(1...200)

  @Test func intervalsCoverAtTheirLevel() throws {
    var hits: [String: Int] = [:]
    var truths: [String: Double] = [:]
    for seed in Self.seeds {
      let replication = try InclusionReplication(learners: 2000, seed: 1000 + seed)
      for (name, covered) in replication.covered where covered { hits[name, default: 0] += 1 }
      for check in replication.checks { truths[check.name, default: 0] += check.truth }
    }
    let count = Double(Self.seeds.count)
    let rates = hits.mapValues { Double($0) / count }
    print("inclusion coverage over \(Self.seeds.count) seeds: \(rates.sorted { $0.key < $1.key })")
    print("mean truths: \(truths.mapValues { $0 / count }.sorted { $0.key < $1.key })")
    for name in ["boys", "girls", "difference", "explained"] + InclusionTruthTests.oaxacaNames {
      let rate = rates[name] ?? 0
      #expect(rate >= 0.91 && rate <= 0.985, "\(name): coverage \(rate)")
    }
  }
}

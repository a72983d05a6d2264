/// Errors in simulation options.
public enum SimulationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The number of learners is out of range.
  case learnerCount(Int)

  /// What is wrong and the allowed range.
  public var description: String {
    switch self {
    case .learnerCount(let n):
      return "simulate: --learners must be between 1 and \(LearnerPanelSimulator.maxLearners);"
        + " got \(n)"
    }
  }
}

/// The synthetic learner panel of datasets/: learners followed year by year in VET schools, with
/// learner, school and year effects, random learner slopes, staggered adoption of a STEM action
/// by schools, moves between schools, gaps, and the outcomes `stem_score`, `stem_enrolled` and
/// `early_leaver` generated from `SimulationTruth` (documented in datasets/codebook.md).
///
/// The same seed gives the same bytes on every platform: `Xoshiro256` draws, `PortableMath`
/// for exp/log, numbers rounded to fixed decimals before use and written from integers.
public enum LearnerPanelSimulator {
  /// The largest number of learners accepted.
  public static let maxLearners = 10_000_000

  /// Simulates the panel.
  /// - Parameters:
  ///   - learners: number of learners (1...10,000,000).
  ///   - seed: the random seed.
  ///   - truth: the true parameters (default: those of the committed sample).
  /// - Returns: the learner-year rows (by learner, then year) and the schools.
  /// - Throws: `SimulationError.learnerCount`.
  public static func simulate(
    learners: Int, seed: UInt64, truth: SimulationTruth = .default
  ) throws -> SimulatedPanel {
    guard learners >= 1, learners <= maxLearners else {
      throw SimulationError.learnerCount(learners)
    }
    var draws = RandomDraws(seed: seed)
    let schools = makeSchools(
      count: Swift.max(5, (learners + truth.learnersPerSchool - 1) / truth.learnersPerSchool),
      truth: truth, draws: &draws)
    var rows: [LearnerYear] = []
    rows.reserveCapacity(learners * 3)
    for id in 1...learners {
      appendLearner(id: id, schools: schools, truth: truth, draws: &draws, to: &rows)
    }
    return SimulatedPanel(rows: rows, schools: schools)
  }

  static func makeSchools(count: Int, truth: SimulationTruth, draws: inout RandomDraws)
    -> [SimulatedSchool]
  {
    (1...count).map { id in
      let region = truth.regions[draws.categorical(truth.regionShares)]
      let effect = draws.normal(sd: truth.schoolSD)
      let cohort = draws.categorical(truth.adoptionShares + [1])
      let adoption = cohort < truth.adoptionYears.count ? truth.adoptionYears[cohort] : nil
      return SimulatedSchool(schoolID: id, region: region, adoptionYear: adoption, effect: effect)
    }
  }

  /// Draws one learner's characteristics and spell, then one row per observed year.
  static func appendLearner(
    id: Int, schools: [SimulatedSchool], truth t: SimulationTruth, draws: inout RandomDraws,
    to rows: inout [LearnerYear]
  ) {
    let female = draws.bernoulli(t.femaleShare)
    let migrant = draws.bernoulli(t.migrantShare)
    let ses = FixedDecimal.round(
      draws.normal(mean: migrant ? t.migrantSESShift : 0, sd: 1), decimals: 3)
    let adult = draws.bernoulli(t.adultShare)
    let entryAge = adult ? draws.integer(in: 19...26) : draws.integer(in: 15...18)
    let apprentice = draws.bernoulli(adult ? t.apprenticeShare.adult : t.apprenticeShare.youth)
    let stemTrack = draws.logit(
      t.stemTrackLogit.intercept + t.stemTrackLogit.female * (female ? 1 : 0)
        + t.stemTrackLogit.ses * ses)
    let track =
      stemTrack
      ? t.stemTracks[draws.categorical(t.stemTrackShares)]
      : t.otherTracks[draws.categorical(t.otherTrackShares)]
    let planned = adult ? draws.integer(in: 2...4) : draws.integer(in: 5...7)
    let earlyLeaver = draws.logit(
      t.earlyLeavingLogit.intercept + t.earlyLeavingLogit.migrant * (migrant ? 1 : 0)
        + t.earlyLeavingLogit.ses * ses + t.earlyLeavingLogit.female * (female ? 1 : 0)
        + t.earlyLeavingLogit.adult * (adult ? 1 : 0))
    let duration = earlyLeaver && planned > 1 ? draws.integer(in: 1...(planned - 1)) : planned
    // Entry years run from two years before the window to three before its end: spells may be
    // left- or right-censored, and every learner has at least one row in the window.
    let earliest = Swift.max(t.years.lowerBound - 2, t.years.lowerBound - duration + 1)
    let entryYear = draws.integer(in: earliest...(t.years.upperBound - 3))
    let firstObserved = Swift.max(entryYear, t.years.lowerBound)
    let alpha = draws.normal(sd: t.learnerSD)
    let slope = draws.normal(sd: t.slopeSD)
    let enrolIntercept = draws.normal(sd: t.enrolSD)
    let firstSchool = draws.integer(in: 0...(schools.count - 1))
    // A mover changes school once, at the start of a year after the first.
    var moveYear = Int.max
    var secondSchool = firstSchool
    if draws.bernoulli(t.moveShare), duration >= 2 {
      moveYear = entryYear + draws.integer(in: 1...(duration - 1))
      secondSchool = (firstSchool + draws.integer(in: 1...(schools.count - 1))) % schools.count
    }
    let fixedPart =
      t.scoreIntercept + alpha + t.femaleGap * (female ? 1 : 0)
      + t.migrantEffect * (migrant ? 1 : 0) + t.sesEffect * ses + (t.trackEffect[track] ?? 0)
      + t.apprenticeEffect * (apprentice ? 1 : 0)
    let enrolFixed =
      t.enrolIntercept + enrolIntercept + t.enrolSTEMTrack * (stemTrack ? 1 : 0)
      + t.enrolFemale * (female ? 1 : 0) + t.enrolMigrant * (migrant ? 1 : 0) + t.enrolSES * ses
    for year in firstObserved..<(entryYear + duration) where year <= t.years.upperBound {
      // An interruption skips a year (never the first observed): a gap in the learner's rows.
      if year > firstObserved, draws.bernoulli(t.gapShare) { continue }
      let age = entryAge + (year - entryYear)
      guard age <= 29 else { break }
      let school = schools[year >= moveYear ? secondSchool : firstSchool]
      let treated = school.adoptionYear.map { year >= $0 } ?? false
      var effect =
        school.adoptionYear.map {
          t.treatmentEffect(cohort: $0, eventTime: year - $0)
        } ?? 0
      // Only a nonzero extra effect touches the sum, so the default truth's bytes are unchanged.
      if treated, female, t.actionEffectFemale != 0 { effect += t.actionEffectFemale }
      let centred = Double(year - 2020)
      let score =
        fixedPart + slope * centred + school.effect + (t.yearEffect[year] ?? 0)
        + t.ageEffect * Double(age - 17) + effect + draws.normal(sd: t.residualSD)
      let enrolled = draws.logit(
        enrolFixed + t.enrolYear * centred + t.enrolTreated * (treated ? 1 : 0))
      rows.append(
        LearnerYear(
          learnerID: id, schoolID: school.schoolID, year: year, female: female, migrant: migrant,
          ses: ses, track: track, apprentice: apprentice, age: age, region: school.region,
          stemEnrolled: enrolled, stemScore: FixedDecimal.round(score, decimals: 2),
          earlyLeaver: earlyLeaver, adoptionYear: school.adoptionYear, treated: treated))
    }
  }
}

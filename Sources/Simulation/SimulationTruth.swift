/// The true parameters of the synthetic learner panel (datasets/codebook.md lists them).
///
/// `stem_score` of learner i in school s in year t:
///
///     50 + alpha_i + b_i (t - 2020) + u_s + delta_t + femaleGap female_i + migrant_i migrantEffect
///        + ses ses_i + track[track_i] + apprentice apprentice_i + age (age_it - 17)
///        + tau(cohort_s, t - cohort_s) treated_it + e_it
///
/// with alpha_i ~ N(0, learnerSD^2), b_i ~ N(0, slopeSD^2), u_s ~ N(0, schoolSD^2),
/// e_it ~ N(0, residualSD^2), and tau(g, e) = cohortEffect[g] + eventSlope min(e, eventCap) for
/// e >= 0 (no anticipation). `stem_enrolled` ~ Bernoulli(logistic(eta)) with
/// eta = enrolIntercept + enrolSTEMTrack stemTrack + c_i + enrolFemale female + enrolMigrant
///   migrant + enrolSES ses + enrolYear (t - 2020) + enrolTreated treated, c_i ~ N(0, enrolSD^2).
public struct SimulationTruth: Sendable {
  /// First and last calendar year.
  public var years: ClosedRange<Int> = 2015...2024
  /// Learners per school (number of schools = ceil(learners / this), at least 5).
  public var learnersPerSchool = 50
  /// Flemish provinces and the share of schools in each.
  public var regions = [
    "Antwerpen", "Limburg", "Oost-Vlaanderen", "Vlaams-Brabant",
    "West-Vlaanderen",
  ]
  /// Shares of schools by region.
  public var regionShares = [0.28, 0.13, 0.23, 0.17, 0.19]
  /// Years in which schools adopt the STEM action, with shares; the rest never adopt.
  public var adoptionYears = [2018, 2019, 2020, 2021, 2022]
  /// Shares of schools adopting in each adoption year (never: 1 - sum = 0.30).
  public var adoptionShares = [0.14, 0.14, 0.14, 0.14, 0.14]
  /// Effect of the STEM action on `stem_score` in the adoption year, by cohort.
  public var cohortEffect: [Int: Double] = [2018: 3.0, 2019: 2.5, 2020: 2.0, 2021: 1.5, 2022: 1.0]
  /// Growth of the effect per year since adoption, up to `eventCap` years.
  public var eventSlope = 0.4
  /// Event time after which the effect stops growing.
  public var eventCap = 3
  /// Extra effect of the STEM action on `stem_score` for female learners while it is in force
  /// (0 in the committed sample; `.inclusion` sets it, so the action works differently for girls).
  public var actionEffectFemale = 0.0

  /// Share of female learners.
  public var femaleShare = 0.45
  /// Share of learners with a migrant background.
  public var migrantShare = 0.22
  /// Mean SES of migrant learners (SES ~ N(this * migrant, 1)).
  public var migrantSESShift = -0.4
  /// Share of adult learners (entry age 19-26, spells of 2-4 years; youth enter at 15-18 for 5-7).
  public var adultShare = 0.15
  /// Apprenticeship probability: youth, adult.
  public var apprenticeShare = (youth: 0.15, adult: 0.50)
  /// Logit of choosing a STEM track: intercept, female, ses.
  public var stemTrackLogit = (intercept: 0.2, female: -1.5, ses: 0.3)
  /// STEM tracks with shares within STEM, then non-STEM tracks with shares within non-STEM.
  public var stemTracks = ["STEM-tech", "STEM-ICT"]
  /// Shares within STEM tracks.
  public var stemTrackShares = [0.7, 0.3]
  /// Non-STEM tracks.
  public var otherTracks = ["care", "business", "hospitality", "arts"]
  /// Shares within non-STEM tracks.
  public var otherTrackShares = [0.35, 0.30, 0.20, 0.15]
  /// Logit of early leaving: intercept, migrant, ses, female, adult.
  public var earlyLeavingLogit = (
    intercept: -1.6, migrant: 0.5, ses: -0.4, female: -0.3, adult: 0.4
  )
  /// Probability that a learner moves school once during the spell (spells of 2+ years).
  public var moveShare = 0.12
  /// Probability that a year after the first is skipped (an interruption: a gap in the panel).
  public var gapShare = 0.04

  /// Score intercept.
  public var scoreIntercept = 50.0
  /// SD of learner intercepts alpha_i.
  public var learnerSD = 3.0
  /// SD of learner slopes b_i on (year - 2020).
  public var slopeSD = 0.5
  /// SD of school effects u_s.
  public var schoolSD = 2.0
  /// SD of the residual e_it.
  public var residualSD = 4.0
  /// Year effects delta_t, by year.
  public var yearEffect: [Int: Double] = [
    2015: 0.0, 2016: 0.4, 2017: 0.8, 2018: 1.0, 2019: 1.3, 2020: -0.8, 2021: 0.2, 2022: 0.9,
    2023: 1.4, 2024: 1.7,
  ]
  /// Gender gap in stem_score (female minus male).
  public var femaleGap = -2.0
  /// Migrant background effect on stem_score.
  public var migrantEffect = -1.5
  /// Effect of one SD of SES on stem_score.
  public var sesEffect = 2.0
  /// Track effects on stem_score.
  public var trackEffect: [String: Double] = [
    "STEM-tech": 3.0, "STEM-ICT": 4.0, "care": 0.0, "business": 1.0, "hospitality": -1.0,
    "arts": -0.5,
  ]
  /// Apprenticeship effect on stem_score.
  public var apprenticeEffect = 1.0
  /// Effect of one year of age (age - 17) on stem_score.
  public var ageEffect = 0.2

  /// STEM enrolment logit: intercept.
  public var enrolIntercept = -0.5
  /// STEM enrolment logit: STEM track.
  public var enrolSTEMTrack = 2.5
  /// SD of the learner's enrolment intercept c_i.
  public var enrolSD = 1.0
  /// STEM enrolment logit: female.
  public var enrolFemale = -0.8
  /// STEM enrolment logit: migrant.
  public var enrolMigrant = -0.3
  /// STEM enrolment logit: SES.
  public var enrolSES = 0.4
  /// STEM enrolment logit: per year (year - 2020).
  public var enrolYear = 0.05
  /// STEM enrolment logit: the school's STEM action in force.
  public var enrolTreated = 0.5

  /// The parameters of datasets/vet_learners_sample.csv.
  public static let `default` = SimulationTruth()

  /// Creates the default truth.
  public init() {}

  /// The truth of the inclusion checks (issue 14, datasets/codebook.md): the default with a
  /// homogeneous STEM action (3.0 in every cohort and event time) that adds 1.5 more for girls
  /// (4.5), and no learner random intercept in enrolment, so the pooled logit of
  /// `stem_enrolled` is correctly specified and the Fairlie decomposition of its gender gap has
  /// a value known from the parameters (`enrolmentIndex`).
  public static let inclusion: SimulationTruth = {
    var t = SimulationTruth()
    t.cohortEffect = Dictionary(uniqueKeysWithValues: t.adoptionYears.map { ($0, 3.0) })
    t.eventSlope = 0
    t.actionEffectFemale = 1.5
    t.enrolSD = 0
    return t
  }()

  /// The true effect of the STEM action on `stem_score` for a female or male learner whose
  /// school adopted in `cohort`, at event time `e` (0 before adoption).
  public func treatmentEffect(cohort: Int, eventTime e: Int, female: Bool) -> Double {
    guard e >= 0, cohortEffect[cohort] != nil else { return 0 }
    return treatmentEffect(cohort: cohort, eventTime: e) + (female ? actionEffectFemale : 0)
  }

  /// The linear index of the `stem_enrolled` logit without the learner intercept c_i.
  /// - Parameters: the row's characteristics (`yearCentred` = year - 2020).
  /// - Returns: enrolIntercept + enrolSTEMTrack stemTrack + enrolFemale female + ... .
  public func enrolmentIndex(
    stemTrack: Bool, female: Bool, migrant: Bool, ses: Double, yearCentred: Double,
    treated: Bool
  ) -> Double {
    enrolIntercept + enrolSTEMTrack * (stemTrack ? 1 : 0) + enrolFemale * (female ? 1 : 0)
      + enrolMigrant * (migrant ? 1 : 0) + enrolSES * ses + enrolYear * yearCentred
      + enrolTreated * (treated ? 1 : 0)
  }

  /// The mean of `stem_score` given a row's characteristics: the score model without its random
  /// parts (alpha_i, b_i, u_s, e_it, all mean zero and independent of the characteristics).
  ///
  /// With `female` set against the row's own value it gives the counterfactual mean under the
  /// other group's coefficients, the truth of an Oaxaca-Blinder decomposition of the gender gap
  /// (datasets/codebook.md). It is not what the generator sums (whose order of additions fixes
  /// the committed bytes), so it may differ from it in the last bits.
  /// - Parameters: the row's characteristics; `adoptionYear` of the current school (nil: never).
  /// - Returns: scoreIntercept + yearEffect + femaleGap female + ... + tau treated.
  public func scoreMean(
    female: Bool, migrant: Bool, ses: Double, track: String, apprentice: Bool, age: Int,
    year: Int, adoptionYear: Int?
  ) -> Double {
    let effect = adoptionYear.map {
      treatmentEffect(cohort: $0, eventTime: year - $0, female: female)
    }
    return scoreIntercept + (yearEffect[year] ?? 0) + femaleGap * (female ? 1 : 0)
      + migrantEffect * (migrant ? 1 : 0) + sesEffect * ses + (trackEffect[track] ?? 0)
      + apprenticeEffect * (apprentice ? 1 : 0) + ageEffect * Double(age - 17) + (effect ?? 0)
  }

  /// The effect of the STEM action for adoption cohort `cohort` at event time `e`.
  public func treatmentEffect(cohort: Int, eventTime e: Int) -> Double {
    guard e >= 0, let base = cohortEffect[cohort] else { return 0 }
    return base + eventSlope * Double(Swift.min(e, eventCap))
  }
}

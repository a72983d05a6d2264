import DataTable
import Foundation
import Inference
import Models
import Testing

/// The Oaxaca-Blinder decomposition of the 1987 union wage gap (Vella-Verbeek wage panel,
/// Tests/Fixtures/decomposition, oaxaca_reference.py): point estimates against statsmodels'
/// `OaxacaBlinder`, standard errors against an independent implementation of Jann's (2008)
/// delta method (numerical Jacobian of the parts as functions of coefficients and means).
@Suite struct OaxacaBlinderTests {
  static let formula =
    "lwage ~ educ + exper + expersq + married + black + hisp + C(occupation)"

  static func table(_ name: String) throws -> DataTable {
    try CSVReader.read(path: FixturePaths.fixture("decomposition/\(name)").path)
  }

  static func reference() throws -> [String: Any] {
    try FixturePaths.json("decomposition/oaxaca_reference.json") as? [String: Any] ?? [:]
  }

  /// Largest absolute difference between the result and a reference case (estimates and SEs of
  /// every component and every detailed term present in both).
  static func maxDifference(_ result: OaxacaBlinderResult, _ reference: [String: Any]) -> Double {
    var worst = 0.0
    var compared = 0
    let components = reference["components"] as? [String: [Double]] ?? [:]
    for (part, values) in components {
      guard let mine = result.component(part) else { continue }
      worst = max(
        worst, abs(mine.estimate - values[0]), abs((mine.standardError ?? .nan) - values[1]))
      compared += 1
    }
    let detailed = reference["detailed"] as? [String: [String: [Double]]] ?? [:]
    for (part, terms) in detailed {
      for (term, values) in terms {
        guard let mine = result.contribution(term, to: part) else { continue }
        worst = max(
          worst, abs(mine.estimate - values[0]), abs((mine.standardError ?? .nan) - values[1]))
        compared += 1
      }
    }
    return compared >= 5 ? worst : .infinity
  }

  @Test func pointEstimatesEqualStatsmodels() throws {
    let data = try Self.table("wage_1987.csv")
    let points = try Self.reference()["statsmodels_1987"] as? [String: [String: Double]] ?? [:]
    let mapping: [(DecompositionReference, String)] = [
      (.pooled, "pooled"), (.neumark, "nuemark"), (.cotton, "cotton"), (.reimers, "reimers"),
    ]
    var worst = 0.0
    for (reference, key) in mapping {
      let result = try OaxacaBlinder.decompose(
        Self.formula, data: data, group: "union",
        options: OaxacaBlinderOptions(reference: reference, threefold: true))
      for (part, value) in points[key] ?? [:] {
        worst = max(worst, abs((result.component(part)?.estimate ?? .nan) - value))
      }
      for (part, value) in points["threefold"] ?? [:] {
        worst = max(worst, abs((result.component(part)?.estimate ?? .nan) - value))
      }
    }
    #expect(worst < 1e-10, "max abs difference \(worst)")
  }

  @Test(arguments: DecompositionReference.allCases)
  func standardErrorsEqualJann(reference: DecompositionReference) throws {
    let data = try Self.table("wage_1987.csv")
    let result = try OaxacaBlinder.decompose(
      Self.formula, data: data, group: "union",
      options: OaxacaBlinderOptions(reference: reference, threefold: true))
    let cases = try Self.reference()["jann_1987"] as? [String: [String: Any]] ?? [:]
    let difference = Self.maxDifference(result, cases[reference.rawValue] ?? [:])
    #expect(difference < 1e-8, "max abs difference \(difference)")
  }

  @Test func normalisedAndClusteredEqualJann() throws {
    let reference = try Self.reference()
    let y87 = try OaxacaBlinder.decompose(
      Self.formula, data: Self.table("wage_1987.csv"), group: "union",
      options: OaxacaBlinderOptions(reference: .pooled, threefold: true, normaliseCategorical: true)
    )
    let normalised = Self.maxDifference(
      y87, reference["jann_1987_normalised_pooled"] as? [String: Any] ?? [:])
    #expect(normalised < 1e-8, "normalised: \(normalised)")
    #expect(y87.contribution("occupation[1]", to: "unexplained") != nil)
    let robust = try OaxacaBlinder.decompose(
      Self.formula, data: Self.table("wage_1987.csv"), group: "union",
      options: OaxacaBlinderOptions(reference: .reimers, threefold: true, covariance: .robust))
    let r = Self.maxDifference(
      robust, reference["jann_1987_robust_reimers"] as? [String: Any] ?? [:])
    #expect(r < 1e-8, "robust: \(r)")

    let panel = try Self.table("wage_panel.csv")
    let clustered = try OaxacaBlinder.decompose(
      Self.formula, data: panel, group: "union",
      options: OaxacaBlinderOptions(reference: .pooled, threefold: true, covariance: .cluster("nr"))
    )
    let c1 = Self.maxDifference(
      clustered, reference["jann_panel_cluster_pooled"] as? [String: Any] ?? [:])
    #expect(c1 < 1e-8, "cluster pooled: \(c1)")
    #expect(clustered.clusters == 545)
    let neumark = try OaxacaBlinder.decompose(
      Self.formula, data: panel, group: "union",
      options: OaxacaBlinderOptions(
        reference: .neumark, threefold: true, normaliseCategorical: true,
        covariance: .cluster("nr")))
    let c2 = Self.maxDifference(
      neumark, reference["jann_panel_cluster_normalised_neumark"] as? [String: Any] ?? [:])
    #expect(c2 < 1e-8, "cluster normalised neumark: \(c2)")
  }

  @Test func fixedRegressorsEqualJann() throws {
    let reference = try Self.reference()
    let classic = try OaxacaBlinder.decompose(
      Self.formula, data: Self.table("wage_1987.csv"), group: "union",
      options: OaxacaBlinderOptions(reference: .pooled, threefold: true, fixedRegressors: true))
    let d1 = Self.maxDifference(
      classic, reference["jann_1987_fixed_pooled"] as? [String: Any] ?? [:])
    #expect(d1 < 1e-8, "fixed pooled: \(d1)")
    let clustered = try OaxacaBlinder.decompose(
      Self.formula, data: Self.table("wage_panel.csv"), group: "union",
      options: OaxacaBlinderOptions(
        reference: .a, threefold: true, covariance: .cluster("nr"), fixedRegressors: true))
    let d2 = Self.maxDifference(
      clustered, reference["jann_panel_cluster_fixed_a"] as? [String: Any] ?? [:])
    #expect(d2 < 1e-8, "cluster fixed a: \(d2)")
    // Holding the means fixed removes their variance: every SE is at most the random-x one.
    let random = try OaxacaBlinder.decompose(
      Self.formula, data: Self.table("wage_1987.csv"), group: "union",
      options: OaxacaBlinderOptions(reference: .pooled, threefold: true))
    for part in classic.components {
      let wider = random.component(part.part)?.standardError ?? .nan
      #expect((part.standardError ?? .nan) <= wider + 1e-15, "\(part.part)")
    }
    let fixedSE = classic.component("explained")?.standardError ?? 1
    #expect(fixedSE < 0.7 * (random.component("explained")?.standardError ?? 0))
  }

  @Test func yunNormalisationDoesNotDependOnTheOmittedLevel() throws {
    let data = try Self.table("wage_1987.csv")
    let options = OaxacaBlinderOptions(
      reference: .pooled, threefold: true, normaliseCategorical: true)
    let first = try OaxacaBlinder.decompose(
      Self.formula, data: data, group: "union", options: options)
    let other = try OaxacaBlinder.decompose(
      Self.formula.replacingOccurrences(of: "C(occupation)", with: "C(occupation, ref = 5)"),
      data: data, group: "union", options: options)
    var worst = 0.0
    for part in first.detailed {
      let match = other.contribution(part.term ?? "", to: part.part)
      worst = max(worst, abs((match?.estimate ?? .nan) - part.estimate))
      worst = max(worst, abs((match?.standardError ?? .nan) - (part.standardError ?? .nan)))
    }
    #expect(first.detailed.count == other.detailed.count)
    #expect(worst < 1e-10, "max abs difference \(worst)")
    // Without the normalisation the coefficient effects of the levels do change.
    let raw = try OaxacaBlinder.decompose(
      Self.formula, data: data, group: "union", options: OaxacaBlinderOptions(threefold: true))
    let rawOther = try OaxacaBlinder.decompose(
      Self.formula.replacingOccurrences(of: "C(occupation)", with: "C(occupation, ref = 5)"),
      data: data, group: "union", options: OaxacaBlinderOptions(threefold: true))
    let a = raw.contribution("occupation[2]", to: "unexplained")?.estimate ?? .nan
    let b = rawOther.contribution("occupation[2]", to: "unexplained")?.estimate ?? .nan
    #expect(abs(a - b) > 1e-4)
  }

  @Test func partsAddUpToTheRawGap() throws {
    let data = try Self.table("wage_1987.csv")
    for reference in DecompositionReference.allCases {
      let result = try OaxacaBlinder.decompose(
        Self.formula, data: data, group: "union",
        options: OaxacaBlinderOptions(
          reference: reference, threefold: true, normaliseCategorical: true))
      let gap =
        (result.component("mean_a")?.estimate ?? .nan)
        - (result.component("mean_b")?.estimate ?? .nan)
      let twofold =
        (result.component("explained")?.estimate ?? .nan)
        + (result.component("unexplained")?.estimate ?? .nan)
      let threefold = ["endowments", "coefficients", "interaction"].reduce(0.0) {
        $0 + (result.component($1)?.estimate ?? .nan)
      }
      let detailedSum = result.detailed.filter {
        $0.part != "endowments" && $0.part != "coefficients" && $0.part != "interaction"
      }
      .reduce(0.0) { $0 + $1.estimate }
      #expect(abs(twofold - gap) < 1e-12)
      #expect(abs(threefold - gap) < 1e-12)
      #expect(abs(detailedSum - gap) < 1e-12)
    }
    // The raw gap is the difference of the observed group means.
    let y = try data.column(named: "lwage").doubles() ?? []
    let union = try data.column(named: "union").doubles() ?? []
    let meanOf = { (g: Double) -> Double in
      let v = zip(y, union).filter { $0.1 == g }.map(\.0)
      return v.reduce(0, +) / Double(v.count)
    }
    let result = try OaxacaBlinder.decompose(Self.formula, data: data, group: "union")
    #expect(
      abs((result.component("difference")?.estimate ?? .nan) - (meanOf(0) - meanOf(1))) < 1e-12)
    #expect(result.groupCounts.a == 402 && result.groupCounts.b == 143)
    #expect(result.section("groups")?.countColumns == ["n"])
  }

  @Test func badInputIsRefused() throws {
    let data = try Self.table("wage_1987.csv")
    #expect(throws: DecompositionError.groupLevels(column: "occupation", count: 9)) {
      try OaxacaBlinder.decompose("lwage ~ educ", data: data, group: "occupation")
    }
    #expect(throws: DecompositionError.groupInFormula(column: "union")) {
      try OaxacaBlinder.decompose("lwage ~ educ + union", data: data, group: "union")
    }
    // hisp is constant within the union members of occupation 8 subset: use a constant column.
    let constant = try data.replacingOrAdding(
      .double("one_in_a", try (data.column(named: "union").doubles() ?? []).map { $0 == 0 ? 1 : 0 })
    )
    #expect(throws: DecompositionError.self) {
      try OaxacaBlinder.decompose("lwage ~ educ + one_in_a", data: constant, group: "union")
    }
  }
}

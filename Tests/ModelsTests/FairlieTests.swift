import DataTable
import Foundation
import Inference
import Models
import Testing

/// The Fairlie decomposition of the 1987 union membership gap between non-black and black men
/// (Tests/Fixtures/decomposition, fairlie_reference.py): the total explained part and its
/// standard error against statsmodels' GLM and the delta method to 1e-8; the detailed
/// contributions against an independent implementation within the Monte Carlo error of both
/// runs' replications.
@Suite struct FairlieTests {
  static let formula = "union ~ educ + exper + married + C(occupation)"

  static func data() throws -> DataTable {
    try CSVReader.read(path: FixturePaths.fixture("decomposition/wage_1987.csv").path)
  }

  static func reference(_ link: String) throws -> [String: Any] {
    let all = try FixturePaths.json("decomposition/fairlie_reference.json") as? [String: Any]
    return all?[link] as? [String: Any] ?? [:]
  }

  @Test(arguments: [LinkFunction.logit, .probit])
  func matchesTheIndependentScript(link: LinkFunction) throws {
    let reference = try Self.reference(link.rawValue)
    let replications = reference["replications"] as? Int ?? 0
    let result = try Fairlie.decompose(
      Self.formula, data: Self.data(), group: "black",
      options: FairlieOptions(link: link, replications: replications, seed: 7))
    let explained = reference["explained"] as? [Double] ?? []
    let mine = result.component("explained")
    let totalDifference = max(
      abs((mine?.estimate ?? .nan) - explained[0]),
      abs((mine?.standardError ?? .nan) - explained[1]))
    #expect(totalDifference < 1e-8, "explained: \(totalDifference)")
    let gap = reference["difference"] as? Double ?? .nan
    #expect(abs((result.component("difference")?.estimate ?? .nan) - gap) < 1e-12)
    let detailed = reference["detailed"] as? [String: [Double]] ?? [:]
    #expect(detailed.count == 4 && result.detailed.count == 4)
    var worstInMCUnits = 0.0
    var worstSE = 0.0
    for (term, values) in detailed {
      let part = result.contribution(term)
      // Two independent Monte Carlo means: their difference has sd sqrt(2) * mc_se.
      let z = abs((part?.estimate ?? .nan) - values[0]) / (values[1] * 2.0.squareRoot())
      worstInMCUnits = max(worstInMCUnits, z)
      worstSE = max(worstSE, abs((part?.standardError ?? .nan) - values[2]) / values[2])
    }
    #expect(worstInMCUnits < 4, "detailed: \(worstInMCUnits) Monte Carlo SDs")
    // The averaged gradients are Monte Carlo means too: two runs of the script with different
    // seeds give standard errors up to 3.3% apart (educ), so 6% relative.
    #expect(worstSE < 0.06, "detailed SE relative: \(worstSE)")
  }

  @Test func seededAndOrderInvariantSums() throws {
    let data = try Self.data()
    let options = FairlieOptions(replications: 50, seed: 3, randomOrder: true)
    let first = try Fairlie.decompose(Self.formula, data: data, group: "black", options: options)
    let again = try Fairlie.decompose(Self.formula, data: data, group: "black", options: options)
    #expect(first.detailed == again.detailed)
    let other = try Fairlie.decompose(
      Self.formula, data: data, group: "black",
      options: FairlieOptions(replications: 50, seed: 4, randomOrder: true))
    #expect(first.detailed != other.detailed)
    // The contributions of one replication add up to the matched samples' gap in predictions,
    // whatever the order; averaged they stay close to the full-sample explained part.
    let sum = first.detailed.reduce(0) { $0 + $1.estimate }
    let explained = first.component("explained")?.estimate ?? .nan
    #expect(abs(sum - explained) < 0.01)
    #expect(first.section("groups")?.countColumns == ["n"])
  }

  @Test func badInputIsRefused() throws {
    let data = try Self.data()
    #expect(throws: DecompositionError.groupLevels(column: "occupation", count: 9)) {
      try Fairlie.decompose("union ~ educ", data: data, group: "occupation")
    }
    #expect(throws: (any Error).self) {
      try Fairlie.decompose("lwage ~ educ", data: data, group: "black")
    }
  }
}

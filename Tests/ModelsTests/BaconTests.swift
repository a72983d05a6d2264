import DataTable
import Foundation
import Inference
import Models
import Testing

/// The Goodman-Bacon decomposition against R `bacondecomp` 0.1.3 (Tests/Fixtures/bacon,
/// make_reference.R) on the castle-doctrine panel and on mpdta: every 2x2 estimate and weight to
/// 1e-10, and the weighted sum equal to the TWFE coefficient to 1e-10.
@Suite struct BaconTests {
  static func castle() throws -> (DataTable, StaggeredAdoptionColumns) {
    let table = try CSVReader.read(path: FixturePaths.fixture("bacon/castle.csv").path)
    let panel = try PanelIndex(data: table, unit: "state", time: "year")
    let first = try panel.firstTreatedPeriod(table.column(named: "post"), name: "first_year")
    return (
      try table.replacingOrAdding(first),
      StaggeredAdoptionColumns(
        outcome: "l_homicide", unit: "state", time: "year", firstTreated: "first_year")
    )
  }

  static let mpdtaColumns = StaggeredAdoptionColumns(
    outcome: "lemp", unit: "countyreal", time: "year", firstTreated: "first.treat")

  func expectMatchesR(_ result: BaconDecompositionResult, _ fixture: String) throws {
    let reference = try DiDReference.csv(fixture)
    #expect(result.comparisons.count == reference.count)
    for row in reference {
      let treated = Int(row["treated"] ?? "") ?? -1
      let untreated = row["untreated"] ?? ""
      let control: Int? = untreated == "Inf" ? nil : Int(untreated)
      let type = (row["type"] ?? "").replacingOccurrences(of: "\"", with: "")
      let match = result.comparisons.first { $0.treated == treated && $0.control == control }
      #expect(match != nil, "\(treated) vs \(untreated)")
      guard let match else { continue }
      #expect(match.type.title == type)
      #expect(abs(match.estimate - (Double(row["estimate"] ?? "") ?? .nan)) < 1e-10)
      #expect(abs(match.weight - (Double(row["weight"] ?? "") ?? .nan)) < 1e-10)
    }
  }

  @Test func castleDoctrineMatchesBacondecomp() throws {
    let (table, columns) = try Self.castle()
    let result = try BaconDecomposition.decompose(data: table, columns: columns)
    try expectMatchesR(result, "bacon/castle_bacon.csv")
    let twfe = try TwoWayDiD.fit(data: table, columns: columns)
    #expect(abs(result.twfeEstimate - (twfe.coefficients["treated"] ?? .nan)) < 1e-10)
    #expect(abs(result.comparisons.reduce(0) { $0 + $1.weight } - 1) < 1e-12)
    // bacon_summary() by type: 0.059763 / 0.031898 / 0.908339 (sums of the fixture rows).
    let untreated = result.summary.first { $0.type == .treatedVsNever }
    #expect(abs((untreated?.weight ?? 0) - 0.908339) < 1e-6)
  }

  @Test func mpdtaMatchesBacondecompAndTWFE() throws {
    let table = try DiDReference.mpdta()
    let result = try BaconDecomposition.decompose(data: table, columns: Self.mpdtaColumns)
    try expectMatchesR(result, "bacon/mpdta_bacon.csv")
    #expect(result.warnings.isEmpty)
    let twfe = try TwoWayDiD.fit(data: table, columns: Self.mpdtaColumns)
    #expect(abs(result.twfeEstimate - (twfe.coefficients["treated"] ?? .nan)) < 1e-10)
    #expect(result.section("comparisons")?.rows.count == result.comparisons.count)
  }

  @Test func alwaysTreatedUnitsAreControlsAndTheIdentityHolds() throws {
    // Unit 1 treated from period 1 (always), 2 from 3, 3 from 4, 4 never; noisy outcomes.
    var ids: [Int] = []
    var times: [Int] = []
    var first: [Int] = []
    var y: [Double] = []
    let starts = [1, 3, 4, 0, 3, 0]
    for unit in 0..<starts.count {
      for t in 1...5 {
        ids.append(unit)
        times.append(t)
        first.append(starts[unit])
        let treated = starts[unit] > 0 && t >= starts[unit]
        y.append(
          Double(unit) * 0.3 + Double(t) * 0.1 + sin(Double(unit * 7 + t))
            + (treated ? Double(t - starts[unit] + 1) : 0))
      }
    }
    let table = try DataTable(columns: [
      .int("id", ids), .int("t", times), .int("g", first), .double("y", y),
    ])
    let columns = StaggeredAdoptionColumns(outcome: "y", unit: "id", time: "t", firstTreated: "g")
    let result = try BaconDecomposition.decompose(data: table, columns: columns)
    #expect(result.comparisons.contains { $0.type == .laterVsAlwaysTreated })
    // Unit 0 (treated from period 1) and the one-unit cohort 4 are reported.
    #expect(result.warnings.contains { $0.contains("no pre-treatment period") })
    #expect(result.warnings.contains { $0.contains("single unit") && $0.contains("4") })
    let twfe = try TwoWayDiD.fit(data: table, columns: columns)
    #expect(abs(result.twfeEstimate - (twfe.coefficients["treated"] ?? .nan)) < 1e-10)
  }

  @Test func unbalancedPanelOrNoTimingVariationIsAnError() throws {
    let table = try DiDReference.mpdta()
    let unbalanced = table.gathering(rows: Array(1..<table.rowCount))
    #expect(throws: StaggeredAdoptionError.self) {
      try BaconDecomposition.decompose(data: unbalanced, columns: Self.mpdtaColumns)
    }
    let never = try table.replacingOrAdding(.int("first.treat", [Int](repeating: 0, count: 2500)))
    #expect(throws: StaggeredAdoptionError.self) {
      try BaconDecomposition.decompose(data: never, columns: Self.mpdtaColumns)
    }
  }
}

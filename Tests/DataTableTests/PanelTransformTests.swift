import Foundation
import Testing

@testable import DataTable

/// Lags, leads, differences, unit means, demeaning and event time against R (plm 2.6.2,
/// data.table) on a gapped panel with rows out of order: Tests/Fixtures/panel/generate_transforms.R.
@Suite("Panel transforms vs plm")
struct PanelTransformTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/panel")

  static func load() throws -> (DataTable, DataTable, PanelIndex) {
    let data = try CSVReader.read(path: folder.appendingPathComponent("gapped_panel.csv").path)
    let expected = try CSVReader.read(
      path: folder.appendingPathComponent("gapped_panel_expected.csv").path)
    return (data, expected, try PanelIndex(data: data, unit: "unit", time: "year"))
  }

  /// Expects `column` to equal the R column `name` (NA where R has NA) to 1e-12.
  static func expectMatches(_ column: Column, _ expected: DataTable, _ name: String) throws {
    let reference = try expected.column(named: name)
    #expect(column.count == reference.count)
    for row in 0..<column.count {
      let got = column.doubleValue(row)
      let want = reference.doubleValue(row)
      if let want, let got {
        #expect(abs(got - want) <= 1e-12 * max(1, abs(want)), "\(name) row \(row + 1)")
      } else {
        #expect(got == nil && want == nil, "\(name) row \(row + 1): \(String(describing: got))")
      }
    }
  }

  @Test func lagsLeadsAndDifferencesRespectGaps() throws {
    let (data, expected, panel) = try Self.load()
    try Self.expectMatches(data.lag("x", by: 1, panel: panel), expected, "lag1")
    try Self.expectMatches(data.lag("x", by: 2, panel: panel), expected, "lag2")
    try Self.expectMatches(data.lead("x", by: 1, panel: panel), expected, "lead1")
    try Self.expectMatches(data.lag("x", by: -1, panel: panel), expected, "lead1")
    try Self.expectMatches(data.difference("x", panel: panel), expected, "diff1")
    try Self.expectMatches(data.difference("x", lag: 2, panel: panel), expected, "diff2")
  }

  @Test func unitMeansAndWithin() throws {
    let (data, expected, panel) = try Self.load()
    let mean = try data.unitMean("x", panel: panel)
    let within = try data.demeaned("x", panel: panel)
    try Self.expectMatches(within, expected, "within")
    // plm::Between is NA on rows where x is NA; ours repeats the unit mean on every row.
    let x = try data.column(named: "x")
    let masked = Column.double(
      "m", (0..<mean.count).map { x.isMissing($0) ? nil : mean.doubleValue($0) })
    try Self.expectMatches(masked, expected, "mean")
  }

  @Test func cohortAndEventTime() throws {
    let (data, expected, panel) = try Self.load()
    let cohort = try data.firstTreatedPeriod(treatment: "treat", panel: panel)
    try Self.expectMatches(cohort, expected, "cohort")
    let event = try panel.eventTime(cohort: cohort)
    try Self.expectMatches(event, expected, "event_time")
    let binned = try PanelIndex.binnedEventTime(event, lower: -2, upper: 1)
    for row in 0..<event.count {
      guard let e = event.doubleValue(row) else {
        #expect(binned.isMissing(row))
        continue
      }
      #expect(binned.doubleValue(row) == min(max(e, -2), 1))
    }
    #expect(throws: PanelError.self) { try PanelIndex.binnedEventTime(event, lower: 2, upper: 1) }
  }

  @Test func lagKeepsTextTypeAndRejectsMismatch() throws {
    let table = try readCSV("u,t,g\n1,1,a\n1,2,b\n1,4,c\n")
    let panel = try PanelIndex(data: table, unit: "u", time: "t")
    let lagged = try table.lag("g", panel: panel)
    #expect((0..<3).map(lagged.stringValue) == [nil, "a", nil])
    #expect(lagged.name == "l(g,1)")
    let other = try readCSV("u,t\n1,1\n")
    #expect(throws: PanelError.tableMismatch(panelRows: 3, tableRows: 1)) {
      try other.lag("t", panel: panel)
    }
    #expect(throws: PanelError.notNumeric(column: "g", operation: "d()")) {
      try table.difference("g", panel: panel)
    }
    let bad = try readCSV("u,t,d\n1,1,2\n")
    let badPanel = try PanelIndex(data: bad, unit: "u", time: "t")
    #expect(throws: PanelError.self) { try bad.firstTreatedPeriod(treatment: "d", panel: badPanel) }
  }
}

@Suite("Panel transforms: extreme inputs")
struct PanelExtremeInputTests {
  @Test func hugeShiftsAndCohortsNeverTrap() throws {
    let table = try DataTable(columns: [
      Column.int("u", [1, 1, 2]), Column.int("t", [999_999_999_999_998, 999_999_999_999_999, 0]),
      Column.double("c", [1e300, 2015, 2.5]),
    ])
    let panel = try PanelIndex(data: table, unit: "u", time: "t")
    #expect(panel.sourceRows(shift: Int.min) == [-1, -1, -1])
    #expect(panel.sourceRows(shift: Int.max) == [-1, -1, -1])
    let tooLarge = try DataTable(columns: [Column.int("u", [1]), Column.int("t", [Int.max])])
    #expect(throws: PanelError.self) { try PanelIndex(data: tooLarge, unit: "u", time: "t") }
    #expect(panel.sourceRows(shift: -1) == [1, -1, -1])
    #expect(throws: PanelError.self) { try table.eventTime(cohort: "c", panel: panel) }
    let binned = try PanelIndex.binnedEventTime(
      Column.double("e", [1e300, -1e300, 0.0]), lower: -3, upper: 3)
    #expect((0..<3).map(binned.doubleValue) == [3, -3, 0])
  }
}

import Testing

@testable import DataTable

@Suite("Panel declaration")
struct PanelIndexTests {
  static let text = """
    id,year,school,x
    a,2016,s1,1
    a,2015,s1,2
    b,2015,s1,3
    b,2017,s2,4
    b,2018,s2,5
    c,2020,s2,6
    a,2017,s2,7
    """

  @Test func ordersRowsByUnitAndTimeAndSummarises() throws {
    let table = try readCSV(Self.text)
    let panel = try PanelIndex(data: table, unit: "id", time: "year", group: "school")
    #expect(panel.unitLabels == ["a", "b", "c"])
    #expect(Array(panel.rows(ofUnit: 0)) == [1, 0, 6])
    let s = panel.summary()
    #expect(s.rows == 7 && s.units == 3 && s.periods == 5)
    #expect(s.firstPeriod == 2015 && s.lastPeriod == 2020)
    #expect(s.minObservations == 1 && s.medianObservations == 3 && s.maxObservations == 3)
    #expect(!s.isBalanced)
    #expect(s.gaps == 1 && s.unitsWithGaps == 1)  // b misses 2016
    #expect(s.singletonUnits == 1)
    #expect(s.groups == 2 && s.unitsChangingGroup == 2)
    #expect(s.unitsPerGroup == CountSpread(min: 2, median: 2.5, max: 3))
    #expect(s.render().contains("balanced             no"))
  }

  @Test func balancedPanel() throws {
    let table = try readCSV("u,t\n1,1\n1,2\n2,2\n2,1\n")
    let s = try PanelIndex(data: table, unit: "u", time: "t").summary()
    #expect(s.isBalanced && s.gaps == 0 && s.singletonUnits == 0 && s.groups == 0)
  }

  @Test func duplicatePairsAreListedWithCounts() throws {
    let table = try readCSV("u,t\n1,2015\n1,2015\n2,2016\n2,2016\n2,2016\n3,2015\n")
    do {
      _ = try PanelIndex(data: table, unit: "u", time: "t")
      Issue.record("expected an error")
    } catch let error as PanelError {
      guard case .duplicateUnitTime(_, _, let pairs, let extra, let examples, _) = error else {
        Issue.record("wrong error \(error)")
        return
      }
      #expect(pairs == 2 && extra == 3)
      #expect(examples.first == DuplicateUnitTime(unit: "1", time: 2015, rows: [1, 2]))
      #expect(error.description.contains("u=2, t=2016 (rows 3, 4, 5)"))
      #expect(error.description.contains("2 pairs occur more than once (3 surplus rows)"))
    }
  }

  @Test func nonIntegerAndMissingTime() throws {
    let fractional = try readCSV("u,t\n1,2015\n1,2015.5\n")
    #expect(
      throws: PanelError.nonIntegerTime(column: "t", row: 2, value: "2015.5", source: "mem.csv")
    ) {
      try PanelIndex(data: fractional, unit: "u", time: "t")
    }
    let text = try readCSV("u,t\n1,a\n")
    #expect(throws: PanelError.self) { try PanelIndex(data: text, unit: "u", time: "t") }
    let missing = try readCSV("u,t\n1,2015\n1,NA\n2,NA\n")
    #expect(
      throws: PanelError.missingKey(
        role: "time", column: "t", firstRow: 2, count: 2, source: "mem.csv")
    ) { try PanelIndex(data: missing, unit: "u", time: "t") }
  }

  @Test func unknownColumnSuggestsAName() throws {
    let table = try readCSV("learner_id,year\n1,2015\n")
    do {
      _ = try PanelIndex(data: table, unit: "learner", time: "year")
      Issue.record("expected an error")
    } catch let error as PanelError {
      #expect(
        error
          == .unknownColumn(
            role: "unit", name: "learner", suggestion: "learner_id", source: "mem.csv")
          || error.description.contains("does not exist"))
    }
    #expect(throws: PanelError.sameColumn(name: "year", roles: ["unit", "time"])) {
      try PanelIndex(data: table, unit: "year", time: "year")
    }
  }

  @Test func integralDoubleTimesAreAccepted() throws {
    let table = try DataTable(columns: [
      Column.int("u", [1, 1]), Column.double("t", [2015, 2016]),
    ])
    let panel = try PanelIndex(data: table, unit: "u", time: "t")
    #expect(panel.sourceRows(shift: 1) == [-1, 0])
  }
}

import Foundation
import Testing

@testable import DataTable
@testable import Formula

@Suite("Panel functions in formulas")
struct PanelFormulaTests {
  static let text = """
    u,t,y,x
    1,2015,1,10
    1,2016,2,11
    1,2018,3,13
    1,2019,4,NA
    2,2016,5,20
    2,2015,6,19
    2,2017,7,22
    """

  static func table() throws -> DataTable {
    try CSVReader.read(bytes: Array(text.utf8), name: "p.csv", options: CSVOptions())
  }

  @Test func lagAndDifferenceDropRowsWithoutThePreviousPeriod() throws {
    let data = try Self.table()
    let panel = try PanelIndex(data: data, unit: "u", time: "t")
    let design = try DesignMatrix.build(Formula("y ~ l(x, 1) + d(x)"), data: data, panel: panel)
    // Usable rows: (1,2016), (2,2016), (2,2017); 2018 has no 2017, 2019 has x missing.
    #expect(design.rows == [1, 4, 6])
    #expect(design.droppedMissing == 4)
    #expect(design.columnNames == ["(Intercept)", "l(x,1)", "d(x)"])
    #expect(Array(design.x.storage[3..<6]) == [10, 19, 20])
    #expect(Array(design.x.storage[6..<9]) == [1, 1, 2])
  }

  @Test func leadsNestingAndArithmetic() throws {
    let data = try Self.table()
    let panel = try PanelIndex(data: data, unit: "u", time: "t")
    let leads = try DesignMatrix.build(
      Formula("y ~ f(x, 1) + l(x, -1)"), data: data, panel: panel)
    #expect(leads.rows == [0, 4, 5])
    #expect(Array(leads.x.storage[3..<9]) == [11, 22, 20, 11, 22, 20])
    let nested = try DesignMatrix.build(
      Formula("y ~ d(l(x, 1)) + log(l(x))"), data: data, panel: panel)
    #expect(nested.rows == [6])
    #expect(nested.columnNames == ["(Intercept)", "d(l(x,1))", "log(l(x))"])
    #expect(Array(nested.x.storage[1..<3]) == [1, log(20.0)])
  }

  @Test func panelFunctionWithoutPanelNamesTheFunction() throws {
    let data = try Self.table()
    do {
      _ = try DesignMatrix.build(Formula("y ~ x + d(x)"), data: data)
      Issue.record("expected an error")
    } catch let error as FormulaError {
      #expect(error == .panelRequired(formula: "y ~ x + d(x)", column: 9, function: "d"))
      #expect(error.description.contains("d() works by unit and period and needs a panel"))
    }
  }

  @Test func badLagArgument() throws {
    let data = try Self.table()
    let panel = try PanelIndex(data: data, unit: "u", time: "t")
    #expect(throws: FormulaError.self) {
      try DesignMatrix.build(Formula("y ~ l(x, 1.5)"), data: data, panel: panel)
    }
    #expect(throws: FormulaError.self) {
      try DesignMatrix.build(Formula("y ~ l(x, k = y)"), data: data, panel: panel)
    }
  }
}

import DataTable
import Testing

@testable import Formula

@Suite struct DesignMatrixTests {
  let table = try! DataTable(
    columns: [
      .double("y", [1, 2, 3, 4, 5, nil, 7, 8]),
      .double("x", [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4]),
      .string("track", ["care", "tech", "arts", "tech", "care", "arts", "tech", "arts"]),
      .int("year", [2020, 2021, 2022, 2020, 2021, 2022, 2020, 2021]),
    ], source: "t.csv")

  @Test func dropsMissingRowsAndCodesFactorsWithSortedReference() throws {
    let d = try DesignMatrix.build(try Formula("y ~ x + track"), data: table)
    #expect(d.nobs == 7)
    #expect(d.droppedMissing == 1)
    #expect(d.columnNames == ["(Intercept)", "x", "track[care]", "track[tech]"])
    #expect(d.x.column(2) == [1, 0, 0, 0, 1, 0, 0])
    #expect(d.rows == [0, 1, 2, 3, 4, 6, 7])
  }

  @Test func numericColumnAsFactorSortsNumerically() throws {
    let d = try DesignMatrix.build(try Formula("y ~ C(year, ref = 2021)"), data: table)
    #expect(d.columnNames == ["(Intercept)", "year[2020]", "year[2022]"])
  }

  @Test func noInterceptGivesEveryLevel() throws {
    let d = try DesignMatrix.build(try Formula("y ~ 0 + track"), data: table)
    #expect(d.columnNames == ["track[arts]", "track[care]", "track[tech]"])
  }

  @Test func interactionOfNumericAndFactorFollowsR() throws {
    let d = try DesignMatrix.build(try Formula("y ~ x * track"), data: table)
    #expect(
      d.columnNames == [
        "(Intercept)", "x", "track[care]", "track[tech]", "x:track[care]", "x:track[tech]",
      ])
    // Without the main effect of x, R codes the factor in x:track with all levels.
    let e = try DesignMatrix.build(try Formula("y ~ track + x:track"), data: table)
    #expect(
      e.columnNames == [
        "(Intercept)", "track[care]", "track[tech]", "x:track[arts]", "x:track[care]",
        "x:track[tech]",
      ])
  }

  @Test func arithmeticInsideI() throws {
    let d = try DesignMatrix.build(try Formula("log(y) ~ I(x^2) + I(year - 2020)"), data: table)
    #expect(d.columnNames == ["(Intercept)", "I(x^2)", "I(year-2020)"])
    #expect(d.x.column(1)[1] == 1)
    #expect(d.x.column(2)[1] == 1)
    #expect(abs(d.response![1] - 0.6931471805599453) < 1e-15)
  }

  @Test func unknownColumnSuggestsNearestAndNamesPosition() {
    do {
      _ = try DesignMatrix.build(try Formula("y ~ x + trak"), data: table)
      Issue.record("expected error")
    } catch let FormulaError.unknownColumn(_, column, name, suggestion, source) {
      #expect(column == 9)
      #expect(name == "trak")
      #expect(suggestion == "track")
      #expect(source == "t.csv")
    } catch { Issue.record("\(error)") }
  }

  @Test func unknownFunctionSuggestsNearest() {
    #expect(throws: FormulaError.self) {
      try DesignMatrix.build(try Formula("y ~ lg(x)"), data: table)
    }
  }

  @Test func logOfZeroIsNotSilentlyDropped() throws {
    let t = try DataTable(columns: [.double("y", [1, 2, 3]), .double("x", [1, 0, 2])])
    #expect(throws: FormulaError.nonFinite(term: "log(x)", row: 2, source: nil)) {
      try DesignMatrix.build(try Formula("y ~ log(x)"), data: t)
    }
  }

  @Test func allMissingColumnIsAnError() throws {
    let t = try DataTable(columns: [.double("y", [1, 2, 3]), .double("x", [nil, nil, nil])])
    #expect(throws: FormulaError.allMissing(name: "x", source: nil)) {
      try DesignMatrix.build(try Formula("y ~ x"), data: t)
    }
  }

  @Test func textResponseIsAnError() {
    #expect(throws: FormulaError.notNumeric(formula: "track ~ x", name: "track")) {
      try DesignMatrix.build(try Formula("track ~ x"), data: table)
    }
  }
}

import DataTable
import Formula
import Testing

/// fixest's `i()`: column names `var[level]`, references left out whatever else is in the model,
/// numeric interactions, endpoint bins, and errors naming the argument.
@Suite struct IndicatorTermTests {
  static func table() throws -> DataTable {
    try DataTable(columns: [
      .double("y", [1, 2, 3, 4, 5, 6, 7, 8]),
      .int("t", [-3, -2, -1, 0, 1, 2, 3, -1]),
      .double("w", [1, 0, 1, 0, 1, 0, 1, 1]),
      .string("track", ["a", "b", "a", "b", "a", "b", "a", "b"]),
    ])
  }

  @Test func namesAndReferences() throws {
    let table = try Self.table()
    let one = try DesignMatrix.build(try Formula("y ~ i(t, ref = -1)"), data: table)
    #expect(one.columnNames == ["(Intercept)", "t[-3]", "t[-2]", "t[0]", "t[1]", "t[2]", "t[3]"])
    let two = try DesignMatrix.build(try Formula("y ~ i(t, ref = c(-1, 3))"), data: table)
    #expect(two.columnNames == ["(Intercept)", "t[-3]", "t[-2]", "t[0]", "t[1]", "t[2]"])
    // Without ref every level gets a column (fixest), even beside the intercept.
    let all = try DesignMatrix.build(try Formula("y ~ i(t)"), data: table)
    #expect(all.columnNames.count == 1 + 7)
    let text = try DesignMatrix.build(try Formula("y ~ i(track, ref = \"a\")"), data: table)
    #expect(text.columnNames == ["(Intercept)", "track[b]"])
  }

  @Test func numericInteractionAndBins() throws {
    let table = try Self.table()
    let d = try DesignMatrix.build(
      try Formula("y ~ i(t, w, ref = -1, bin_min = -2, bin_max = 1)"), data: table)
    #expect(d.columnNames == ["(Intercept)", "t[-2]:w", "t[0]:w", "t[1]:w"])
    // t = -3 (row 0) is binned into -2 and t = 2, 3 (rows 5, 6) into 1; then times w.
    #expect(d.x.column(1) == [1, 0, 0, 0, 0, 0, 0, 0])
    #expect(d.x.column(3) == [0, 0, 0, 0, 1, 0, 1, 0])
  }

  @Test func badArgumentsAreErrors() throws {
    let table = try Self.table()
    for formula in [
      "y ~ i(t, ref = 7)", "y ~ i(t, foo = 1)", "y ~ i(t, track)", "y ~ i(t, ref = -1, bin = 2)",
      "y ~ i(t, bin_min = 2, bin_max = 1)", "y ~ i(track, bin_min = 1)", "y ~ i(1)",
    ] {
      #expect(throws: FormulaError.self, "\(formula)") {
        try DesignMatrix.build(try Formula(formula), data: table)
      }
    }
  }
}

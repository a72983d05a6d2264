import DataTable
import Testing

@testable import Formula

/// Bounded work on hostile formulas (issue 17): nesting is limited and reported at its column,
/// long term lists still parse (iteratively), powers and term counts are range-checked, and the
/// design size is checked before any column is allocated.
@Suite struct FormulaLimitTests {
  /// The column of a syntax error, or `nil` when `text` parses.
  func errorColumn(_ text: String) -> (column: Int, message: String)? {
    do {
      _ = try Formula(text)
      return nil
    } catch FormulaError.syntax(_, let column, let message) {
      return (column, message)
    } catch {
      return (-1, "\(error)")
    }
  }

  @Test func nestingIsLimitedAtTheDocumentedDepth() throws {
    let limit = FormulaParser.maximumDepth
    // The right-hand side is depth 1 and each parenthesis adds one level.
    let fits =
      "y ~ " + String(repeating: "(", count: limit - 1) + "x"
      + String(repeating: ")", count: limit - 1)
    #expect(errorColumn(fits) == nil)
    let deeper =
      "y ~ " + String(repeating: "(", count: limit) + "x"
      + String(repeating: ")", count: limit)
    let error = try #require(errorColumn(deeper))
    // Reported at the token that would open level limit + 1: the `x` after the last '('.
    #expect(error.column == 4 + limit + 1)
    #expect(error.message.contains("deeper than \(limit)"))
  }

  @Test(arguments: [
    ("(", ")"), ("I(", ")"), ("log(", ")"), ("-", ""),
  ])
  func hostileNestingIsAnErrorNotACrash(open: String, close: String) throws {
    let text =
      "y ~ " + String(repeating: open, count: 20_000) + "x"
      + String(repeating: close, count: 20_000)
    let error = try #require(errorColumn(text))
    #expect(error.column > 4 && error.column <= 4 + FormulaParser.maximumDepth * open.count + 1)
    #expect(error.message.contains("deeper than"))
  }

  @Test func aLongListOfTermsParsesAndKeepsEveryTerm() throws {
    // 40,000 terms written, 5,000 distinct (each name four to eight times), one removed.
    let count = 40_000
    let distinct = 5_000
    let names = (0..<count).map { "x\(($0 * 7) % distinct)" }
    let formula = try Formula("y ~ " + names.joined(separator: " + ") + " - x7")
    #expect(formula.terms.count == distinct - 1)
    #expect(formula.terms.first?.label == "x0")
    #expect(formula.terms.last?.label == names[distinct - 1])
    #expect(!formula.terms.contains { $0.label == "x7" })
    #expect(formula.variables.count == distinct)
  }

  @Test func moreDistinctTermsThanTheLimitAreRefused() throws {
    let names = (0...TermExpansion.maximumTerms).map { "x\($0)" }
    let error = try #require(errorColumn("y ~ " + names.joined(separator: " + ")))
    #expect(error.message.contains("more than \(TermExpansion.maximumTerms) terms"))
  }

  @Test func aLongChainInsideAFunctionIsRefusedAtItsColumn() throws {
    let text = "y ~ I(" + [String](repeating: "x", count: 1_000).joined(separator: "+") + ")"
    let error = try #require(errorColumn(text))
    // `y ~ I(` is 6 characters; each operand is "x+", and depth 2 (inside I) leaves room for
    // 254 operators, so the error is at the 255th '+'.
    let operators = FormulaParser.maximumDepth - 2 + 1
    #expect(error.column == 6 + 2 * operators)
  }

  @Test(arguments: ["1e19", "1e300", "1e400", "1e9", "1001"])
  func outOfRangePowersAreRefusedAtTheirColumn(power: String) throws {
    let error = try #require(errorColumn("y ~ (x + z)^\(power)"))
    #expect(error.column == 13)
    #expect(error.message.contains("out of range"))
  }

  @Test func powersBeyondTheAtomCountAddNothing() throws {
    let cubed = try Formula("y ~ (a + b + c)^3")
    let huge = try Formula("y ~ (a + b + c)^\(TermExpansion.maximumPower)")
    #expect(cubed.terms.map(\.label) == huge.terms.map(\.label))
    #expect(cubed.terms.count == 7)
  }

  @Test func expansionsBeyondTheTermLimitAreRefused() throws {
    // 150 by 70 atoms: 10,500 distinct two-way terms from 10,500 products (within the budget).
    let a = (0..<150).map { "a\($0)" }.joined(separator: " + ")
    let b = (0..<70).map { "b\($0)" }.joined(separator: " + ")
    let error = try #require(errorColumn("y ~ (\(a)):(\(b))"))
    #expect(error.message.contains("more than \(TermExpansion.maximumTerms) terms"))
  }

  @Test func powersThatWouldFormTooManyProductsAreRefused() throws {
    // 20 atoms to the 10th power would be 616,665 terms; the product budget stops it first.
    let atoms = (0..<20).map { "a\($0)" }.joined(separator: " + ")
    let error = try #require(errorColumn("y ~ (\(atoms))^10"))
    #expect(error.message.contains("term products"))
  }

  @Test func manyUnknownNamesAreReportedQuickly() throws {
    // Term membership was a linear scan per term (quadratic); 9,000 distinct names now take
    // one pass. The bound is loose: the quadratic version needed about 30 s here.
    let names = (0..<9_000).map { "u\($0)" }
    let clock = ContinuousClock()
    let elapsed = try clock.measure {
      let formula = try Formula("y ~ " + names.joined(separator: " + "))
      #expect(formula.terms.count == names.count)
    }
    #expect(elapsed < .seconds(10))
  }

  static func table(rows: Int, levelsA: Int, levelsB: Int) throws -> DataTable {
    try DataTable(
      columns: [
        .double("y", (0..<rows).map { Double($0) }),
        // Marked factors: unmarked nearly-unique text is refused before any size check.
        .string("a", (0..<rows).map { "A\($0 % levelsA)" }, type: .category),
        .string("b", (0..<rows).map { "B\($0 % levelsB)" }, type: .category),
      ], source: "t.csv")
  }

  @Test func wideInteractionIsRefusedWithItsColumnCountBeforeAllocation() throws {
    let table = try Self.table(rows: 300, levelsA: 300, levelsB: 150)
    do {
      _ = try DesignMatrix.build(try Formula("y ~ a:b"), data: table)
      Issue.record("expected a refusal")
    } catch FormulaError.unsupported(_, let message) {
      // 300 x 150 indicator columns (all levels: no main effects) plus the intercept.
      #expect(message.contains("\(300 * 150 + 1) columns"), "\(message)")
      #expect(message.contains("300 rows"))
    }
  }

  @Test func smallDesignsWithMoreColumnsThanRowsAreStillBuilt() throws {
    let table = try Self.table(rows: 6, levelsA: 6, levelsB: 3)
    let design = try DesignMatrix.build(try Formula("y ~ a * b"), data: table)
    #expect(design.x.columns == 1 + 5 + 2 + 10)
  }

  @Test func designSizeCountsWithoutOverflowAndChecksMemory() throws {
    let formula = try Formula("y ~ a:b:c")
    #expect(throws: FormulaError.self) {
      try DesignSize.check(
        formula: formula, rows: 100, columnsPerTerm: [[Int.max / 2, 4, 3]])
    }
    // 10,000 rows x 901 columns (72 MB) fit half of 1 GB; 10 million rows (72 GB) do not.
    try DesignSize.check(
      formula: formula, rows: 10_000, columnsPerTerm: [[30, 30, 1]],
      physicalMemory: 1 << 30)
    do {
      try DesignSize.check(
        formula: formula, rows: 10_000_000, columnsPerTerm: [[30, 30, 1]],
        physicalMemory: 1 << 30)
      Issue.record("expected a memory refusal")
    } catch FormulaError.unsupported(_, let message) {
      #expect(message.contains("901 columns") && message.contains("GB"), "\(message)")
    }
  }
}

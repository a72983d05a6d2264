import DataTable
import Testing

@testable import Formula

/// A text column is never silently turned into hundreds of dummies (issue 15: amounts such as
/// `2.687,86` read as text gave 398 dummies and R-squared 0.9999): nearly-unique text and text
/// that is numbers in another format are refused unless marked a factor.
@Suite struct TextFactorGuardTests {
  static func table(_ texts: [String]) throws -> DataTable {
    try DataTable(columns: [
      .double("y", texts.indices.map { Double($0 % 7) }), .string("x", texts),
    ])
  }

  @Test func nearlyUniqueTextIsRefusedUnlessMarked() throws {
    let data = try Self.table((0..<100).map { "learner\($0)" })
    do {
      _ = try DesignMatrix.build(try Formula("y ~ x"), data: data)
      Issue.record("expected textAsFactor")
    } catch let error as FormulaError {
      guard case .textAsFactor("x", 100, 100, _, nil) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(error.description.contains("C(x)"))
    }
    let marked = try DesignMatrix.build(try Formula("y ~ C(x)"), data: data)
    #expect(marked.columnNames.count == 100)
  }

  @Test func numbersInAnotherFormatAreRefusedWithTheOption() throws {
    let data = try Self.table(["2.687,86", "1.234,50", "687,86", "2.687,86"])
    do {
      _ = try DesignMatrix.build(try Formula("y ~ x"), data: data)
      Issue.record("expected textAsFactor")
    } catch let error as FormulaError {
      guard case .textAsFactor("x", 3, 4, _, let numbersAs?) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(numbersAs.contains("--decimal ,") && numbersAs.contains("--thousands ."))
    }
  }

  @Test func ordinaryFactorsAndPlainNumberTextPass() throws {
    let tracks = try Self.table((0..<100).map { ["BSO", "TSO", "ASO"][$0 % 3] })
    #expect(try DesignMatrix.build(try Formula("y ~ x"), data: tracks).columnNames.count == 3)
    let postcodes = try Self.table((0..<10).map { ["1000", "9000", "2000"][$0 % 3] })
    #expect(try DesignMatrix.build(try Formula("y ~ x"), data: postcodes).columnNames.count == 3)
  }
}

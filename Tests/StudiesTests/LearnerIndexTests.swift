import DataTable
import Testing

@testable import Studies

/// Distinct-learner counting behind every suppression decision: integer, text and real-valued
/// units, missing units (counted together as one learner) and tables without a panel unit.
@Suite struct LearnerIndexTests {
  static func table(_ csv: String) throws -> DataTable {
    try CSVReader.read(bytes: Array(csv.utf8), name: "test.csv")
  }

  @Test func countsDistinctUnitsOfAnyColumnType() throws {
    let data = try Self.table(
      "i,t,d,y\n7,a,1.5,1\n7,a,1.5,2\n8,b,2.5,1\n9,c,3.5,1\n9,c,3.5,2\n9,c,3.5,3\n")
    for unit in ["i", "t", "d"] {
      var index = LearnerIndex(table: data, unit: unit)
      #expect(index.learnerCount == 3, "\(unit)")
      #expect(index.count(rows: [0, 1]) == 1)
      #expect(index.count(rows: [0, 2, 3, 4, 5]) == 3)
      #expect(index.count(rows: [] as [Int]) == 0)
      // Each call starts afresh.
      #expect(index.count(rows: [3, 4]) == 1)
    }
  }

  @Test func missingUnitsCountAsOneLearnerAndNoPanelCountsRows() throws {
    let data = try Self.table("i,y\n1,1\nNA,2\nNA,3\n2,4\n")
    var index = LearnerIndex(table: data, unit: "i")
    #expect(index.learnerCount == 3)
    #expect(index.count(rows: [1, 2]) == 1)
    var rows = LearnerIndex(table: data, unit: nil)
    #expect(rows.learnerCount == 4 && rows.count(rows: [0, 1, 2]) == 3)
  }
}

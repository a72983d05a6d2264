import DataTable
import Foundation
import Testing

/// The Eurostat TSV reader on the real `trng_lfse_04` subset (Tests/Fixtures/trend): values and
/// flags split, `:` missing, breaks in series found, the long table as the derived CSV.
@Suite struct EurostatReaderTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/trend")

  static func table() throws -> EurostatTable {
    try EurostatTable.read(
      path: folder.appendingPathComponent("trng_lfse_04_BE_EU_subset.tsv").path)
  }

  @Test func flandersSeriesMatchesTheDerivedCSV() throws {
    let table = try Self.table()
    #expect(table.dimensionNames == ["unit", "sex", "age", "geo"])
    #expect(table.series.count == 54)
    let csv = try String(
      contentsOf: Self.folder.appendingPathComponent("flanders_adult_learning.csv"),
      encoding: .utf8)
    for sex in ["F", "M", "T"] {
      let series = try #require(table.series(where: ["geo": "BE2", "sex": sex]))
      let expected = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        .filter { $0[1] == Substring(sex) }
      #expect(series.observations.count == 20)
      #expect(series.observations.map(\.year) == expected.map { Double($0[0]) })
      #expect(series.observations.map(\.value) == expected.map { Double($0[2]) })
      #expect(series.breakYears == [2004, 2006, 2017])
      #expect(series.notes.first == "break in series (b) in 2004, 2006, 2017")
    }
  }

  @Test func missingValuesAndOtherFlagsAreKept() throws {
    let table = try Self.table()
    let eu = try #require(table.series(where: ["geo": "EU27_2020", "sex": "M"]))
    let missing = eu.observations.filter { $0.value == nil }
    #expect(!missing.isEmpty)
    let flagged = table.series.flatMap(\.observations).filter { $0.flags.contains("u") }
    #expect(flagged.count == 43)
    #expect(table.series.flatMap(\.notes).contains { $0.hasPrefix("low reliability (u) in") })
    let long = try table.longTable()
    let read = try DataReader.read(
      path: Self.folder.appendingPathComponent("trng_lfse_04_BE_EU_subset.tsv").path)
    #expect(read == long)
    #expect(long.columnNames == ["unit", "sex", "age", "geo", "time", "value", "flags"])
    let present = table.series.flatMap(\.observations).filter { $0.value != nil }.count
    #expect(long.rowCount == present)
  }

  @Test func malformedInputIsRefusedWithTheLine() throws {
    #expect(throws: DataError.self) { try EurostatTable.parse("a,b,c\n1,2,3\n") }
    let bad = "unit,geo\\time\t2019 \t2018 \nPC,BE\t1.0 \tx.y \n"
    #expect(throws: DataError.self) { try EurostatTable.parse(bad) }
    let ragged = "unit,geo\\time\t2019 \t2018 \nPC,BE\t1.0 \n"
    #expect(throws: DataError.self) { try EurostatTable.parse(ragged) }
    let good = try EurostatTable.parse("unit,geo\\time\t2019 \t2018 \nPC,BE\t1.5 p\t: \n")
    let obs = try #require(good.series.first?.observations)
    #expect(obs.map(\.period) == ["2018", "2019"])
    #expect(obs[1].value == 1.5 && obs[1].flags == "p" && obs[0].value == nil)
    #expect(good.series.first?.notes == ["provisional (p) in 2019"])
  }
}

import DataTable
import Foundation
import Testing

/// The Eurostat SDMX-CSV reader against the bulk TSV reader on the same real `trng_lfse_04`
/// series (Tests/Fixtures/trend: the SDMX-CSV written from the TSV by `tsv_to_sdmx_csv.py`):
/// identical series, flags and long form; malformed rows refused naming file, line and column.
@Suite struct EurostatSDMXReaderTests {
  static let folder = EurostatReaderTests.folder
  static let sdmxPath = folder.appendingPathComponent("trng_lfse_04_BE_EU_subset.sdmx.csv").path
  static let tsvPath = folder.appendingPathComponent("trng_lfse_04_BE_EU_subset.tsv").path

  @Test func bothReadersGiveTheSameSeries() throws {
    let sdmx = try EurostatTable.readSDMXCSV(path: Self.sdmxPath)
    let tsv = try EurostatTable.read(path: Self.tsvPath)
    #expect(sdmx.dimensionNames == ["unit", "sex", "age", "geo"])
    #expect(sdmx.series.count == 54)
    // Every series, observation by observation: period, year, value (nil when `:`), flags.
    #expect(sdmx == tsv)
    for (a, b) in zip(sdmx.series, tsv.series) {
      #expect(a.observations.count == 20)
      #expect(a.breakYears == b.breakYears)
      #expect(a.notes == b.notes)
    }
    let flanders = try #require(sdmx.series(where: ["geo": "BE2", "sex": "T"]))
    #expect(flanders.breakYears == [2004, 2006, 2017])
    #expect(try sdmx.longTable() == tsv.longTable())
  }

  @Test func dataReaderDetectsSDMXCSVAndGivesTheTSVLongForm() throws {
    let sdmx = try DataReader.load(path: Self.sdmxPath)
    let tsv = try DataReader.load(path: Self.tsvPath)
    #expect(sdmx.report.format == "Eurostat SDMX-CSV (long form)")
    #expect(sdmx.table == tsv.table)
    #expect(sdmx.table.columnNames == ["unit", "sex", "age", "geo", "time", "value", "flags"])
    #expect(EurostatTable.looksLikeSDMXCSV(path: Self.sdmxPath))
    #expect(!EurostatTable.looksLikeSDMXCSV(path: Self.tsvPath))
    let plain = Self.folder.appendingPathComponent("flanders_adult_learning.csv").path
    #expect(!EurostatTable.looksLikeSDMXCSV(path: plain))
  }

  @Test func variantsOfTheLayoutAreRead() throws {
    // Semicolons, quoted labels with the delimiter inside, CONF_STATUS, missing values.
    let text = """
      DATAFLOW;LAST UPDATE;freq;geo;TIME_PERIOD;OBS_VALUE;OBS_FLAG;CONF_STATUS\r
      ESTAT:X(1.0);01/10/26 11:00:00;A;"BE2: Vlaams Gewest; Flanders";2019;7.5;bu;F\r
      ESTAT:X(1.0);01/10/26 11:00:00;A;"BE2: Vlaams Gewest; Flanders";2020;;;C\r
      ESTAT:X(1.0);01/10/26 11:00:00;A;"BE2: Vlaams Gewest; Flanders";2018;:;p;\r
      ESTAT:X(1.0);01/10/26 11:00:00;A;BE3;2020;3;;\r

      """
    let table = try EurostatTable.parseSDMXCSV(text)
    #expect(table.dimensionNames == ["freq", "geo"])
    #expect(table.series.count == 2)
    let be2 = try #require(table.series.first)
    #expect(be2.dimension("geo") == "BE2: Vlaams Gewest; Flanders")
    #expect(be2.observations.map(\.period) == ["2018", "2019", "2020"])
    #expect(be2.observations.map(\.value) == [nil, 7.5, nil])
    #expect(be2.observations.map(\.flags) == ["p", "bu", "c"])
    #expect(be2.breakYears == [2019])
    // A period absent from a series' rows is not available, as a `:` cell of the TSV.
    let be3 = try #require(table.series.last)
    #expect(be3.observations.map(\.value) == [nil, nil, 3])
    #expect(try table.longTable().rowCount == 2)
  }

  /// The message of the error thrown by parsing `text`.
  func message(_ text: String) -> String {
    do {
      _ = try EurostatTable.parseSDMXCSV(text, source: "x.csv")
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  @Test func malformedRowsNameFileLineAndColumn() {
    let head = "DATAFLOW,LAST UPDATE,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\n"
    let row = "ESTAT:X(1.0),,BE2,"
    #expect(
      message(head + row + "2019,1.5,\n" + row + "2020,1.x,\n")
        == "x.csv:3:5: column 'OBS_VALUE', value \"1.x\": not a number (a value not available "
        + "is empty or ':')")
    #expect(message(head + row + "2019,1.5,q\n").hasPrefix("x.csv:2:6: column 'OBS_FLAG'"))
    #expect(
      message(head + row + "2019,1.5\n") == "x.csv:2: row has 5 fields, the header has 6")
    #expect(
      message(head + row + "2019,1.5,\n" + row + "2019,1.6,\n")
        == "x.csv: line 3: the series BE2 has period 2019 twice (first on line 2)")
    #expect(message(head + row + ",1.5,\n").hasPrefix("x.csv:2:4: column 'TIME_PERIOD'"))
    #expect(message(head + "ESTAT:X(1.0),,\"BE2,2019,1.5,\n").hasPrefix("x.csv:2:3: quoted"))
    #expect(message(head + "ESTAT:X(1.0),,\"BE\"2,2019,1.5,\n").hasPrefix("x.csv:2:3:"))
    #expect(message("DATAFLOW,geo,TIME,VALUE\nX,BE,2019,1\n").contains("no column TIME_PERIOD"))
    #expect(message("") == "x.csv: file is empty" || message("").hasPrefix("x.csv"))
  }
}

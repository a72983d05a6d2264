import Foundation
import Testing

@testable import DataTable

/// Dates of SPSS, Stata and SAS files (written by R haven: make_dates.R, expected_dates.json)
/// become `.date` and `.datetime` columns holding days since 1970-01-01 that equal the writer's,
/// print as ISO 8601, and a CSV column declared `date` reads the same way.
@Suite struct DateColumnTests {
  static let folder = FileReaderTests.folder

  static let cases = FileReaderTests.expectations("expected_dates.json").map(\.0)

  @Test(arguments: cases)
  func datesEqualTheWritersDays(_ key: String) throws {
    let expected = try #require(
      FileReaderTests.expectations("expected_dates.json").first { $0.0 == key }?.1)
    let loaded = try DataReader.load(path: Self.folder.appendingPathComponent(key).path)
    let numbers = try #require(expected["numbers"] as? [String: [Any]])
    let types = try #require(expected["types"] as? [String: String])
    let columns = try #require(expected["columns"] as? [String: [Any]])
    for (name, values) in numbers {
      let column = try #require(loaded.table[name])
      #expect(column.type.rawValue == types[name], "\(key) \(name)")
      // R counts Date in days and POSIXct in seconds since 1970-01-01 UTC.
      let unit = types[name] == "datetime" ? 86400.0 : 1
      for (row, value) in values.enumerated() {
        if let number = value as? NSNumber {
          let got = try #require(column.doubleValue(row), "\(key) \(name)[\(row)]")
          #expect(abs(got * unit - number.doubleValue) < 1e-3, "\(key) \(name)[\(row)]")
        } else {
          #expect(column.isMissing(row), "\(key) \(name)[\(row)] missing")
        }
      }
      for (row, value) in (columns[name] ?? []).enumerated() {
        #expect(column.stringValue(row) == value as? String, "\(key) \(name)[\(row)] text")
      }
    }
    for (name, kinds) in expected["missing"] as? [String: [String: Int]] ?? [:] {
      let got = (loaded.report[column: name]?.missingByKind ?? []).map { ($0.kind, $0.count) }
      #expect(Dictionary(uniqueKeysWithValues: got) == kinds, "\(key) \(name) missing")
    }
    for (name, label) in expected["labels"] as? [String: String] ?? [:] {
      #expect(loaded.report[column: name]?.label == label, "\(key) \(name) label")
    }
  }

  @Test func aDateCanStillBeReadAsTextOrAsTheStoredNumber() throws {
    let path = Self.folder.appendingPathComponent("dates_haven.dta").path
    var options = CSVOptions()
    options.types = ["start": .string, "moment": .double]
    let table = try DataReader.read(path: path, options: options)
    #expect(table["start"]?.type == .string)
    #expect(table["start"]?.stringValue(0) == "2021-09-01")
    // Stata %tc counts milliseconds since 1960-01-01.
    #expect(table["moment"]?.doubleValue(1) == 315_619_200_000)
  }

  @Test func calendarArithmetic() {
    #expect(CalendarDays.days(year: 1970, month: 1, day: 1) == 0)
    #expect(CalendarDays.days(year: 2000, month: 3, day: 1) == 11017)
    #expect(CalendarDays.days(year: 1, month: 1, day: 1) == -719_162)
    for days in [-719_162, -25508, -1, 0, 59, 11016, 19782, 2_932_896] {
      let (y, m, d) = CalendarDays.civil(days)
      #expect(CalendarDays.days(year: y, month: m, day: d) == days)
    }
    #expect(CalendarDays.iso(19782.5, withTime: true) == "2024-02-29T12:00:00")
    #expect(CalendarDays.iso(-0.5 / 86400, withTime: true) == "1970-01-01T00:00:00")
    #expect(CalendarDays.iso(-1.0 / 86400, withTime: true) == "1969-12-31T23:59:59")
    #expect(CalendarDays.parse("2024-02-29", withTime: false) == 19782)
    #expect(CalendarDays.parse("2023-02-29", withTime: false) == nil)
    #expect(CalendarDays.parse("2024-13-01", withTime: false) == nil)
    #expect(CalendarDays.parse("2024-02-29T12:00", withTime: false) == nil)
    #expect(CalendarDays.parse("2024-02-29 12:00:00Z", withTime: true) == 19782.5)
    #expect(CalendarDays.parse("1970-01-01T00:00:00.250", withTime: true) == 0.25 / 86400)
    #expect(CalendarDays.parse("24-02-29", withTime: false) == nil)
    #expect(CalendarDays.year(-0.5) == 1969)
  }

  @Test func aCSVColumnDeclaredDateReadsAsDays() throws {
    let text = "id,start,moment\n1,2021-09-01,2021-09-01T08:30:00\n2,,\n3,1959-12-31,1970-01-01\n"
    var options = CSVOptions()
    options.types = ["start": .date, "moment": .datetime]
    let table = try readCSV(text, options: options)
    let start = try #require(table["start"])
    #expect(start.type == .date)
    #expect(start.values == .int([18871, 0, -3654]))
    #expect(start.isMissing(1))
    #expect(start.stringValue(2) == "1959-12-31")
    let moment = try #require(table["moment"])
    #expect(moment.type == .datetime)
    #expect(moment.doubleValue(0) == 18871 + 8.5 / 24)
    #expect(moment.stringValue(2) == "1970-01-01T00:00:00")
  }

  @Test func aValueThatIsNotADateIsRefusedWithItsLine() throws {
    var options = CSVOptions()
    options.types = ["start": .date]
    let error = dataError {
      _ = try readCSV("id,start\n1,2021-09-01\n2,\"x\ny\"\n3,01/09/2021\n", options: options)
    }
    guard case .badValue(let at, let column, let value, let expected) = error else {
      Issue.record("expected badValue, got \(String(describing: error))")
      return
    }
    #expect(at.line == 3 && at.column == 2)
    #expect(column == "start" && value == "x\ny" && expected == .date)
  }

  @Test func describeShowsDatesAsISO() throws {
    let column = Column(name: "d", values: .int([18871, -3654]), type: .date)
    let text = ColumnSummary.render([ColumnSummary(column: column)])
    #expect(text.contains("1959-12-31"))
    #expect(text.contains("2021-09-01"))
  }
}

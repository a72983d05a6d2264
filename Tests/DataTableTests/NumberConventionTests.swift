import Testing

@testable import DataTable

/// Number formats with thousands separators: parsing, per-column detection, and refusals that
/// name the value and the option (issue 15: a `2.687,86` column was read as text and became
/// hundreds of dummies).
@Suite struct NumberConventionTests {
  func parse(_ text: String, _ format: NumberConvention) -> NumberValue {
    var copy = text
    return copy.withUTF8 { buffer in
      guard let p = buffer.baseAddress else { return .none }
      return format.parse(p, buffer.count)
    }
  }

  @Test func groupsOfThree() throws {
    let comma = try NumberConvention(decimal: ",", thousands: ".")
    #expect(parse("1.234.567,89", comma) == .double(1_234_567.89))
    #expect(parse("-2.687,86", comma) == .double(-2687.86))
    #expect(parse("1.234", comma) == .int(1234))
    #expect(parse("12,5", comma) == .double(12.5))
    #expect(parse("12.34", comma) == .none)
    #expect(parse("1.2345", comma) == .none)
    #expect(parse("1..234", comma) == .none)
    #expect(parse(".234", comma) == .none)
    #expect(parse("1.234,", comma) == .none)
    let space = try NumberConvention(decimal: ",", thousands: " ")
    #expect(parse("1 234,5", space) == .double(1234.5))
    #expect(parse("1\u{00A0}234,5", space) == .double(1234.5))
    #expect(parse("1\u{202F}234", space) == .int(1234))
    let point = try NumberConvention(decimal: ".", thousands: ",")
    #expect(parse("1,234.5", point) == .double(1234.5))
    #expect(parse("1e3", point) == .double(1000))
    #expect(throws: DataError.self) { try NumberConvention(decimal: ",", thousands: ",") }
    #expect(throws: DataError.self) { try NumberConvention(decimal: ";") }
  }

  @Test func thousandsColumnIsReadAsNumbersWhenUnambiguous() throws {
    var text = "id;bedrag\n"
    for i in 0..<400 { text += "\(i);\(1 + i % 9).\(100 + i % 900),\(i % 100)\n" }
    text += "400;687,86\n"
    let loaded = try CSVReader.load(bytes: Array(text.utf8), name: "b.csv")
    let column = try #require(loaded.table["bedrag"])
    #expect(column.type == .double)
    #expect(column.stringValue(0) == "1100")
    #expect(column.stringValue(400) == "687.86")
    #expect(loaded.report[column: "bedrag"]?.recognised?.contains("(detected)") == true)
  }

  @Test func chunkedReadDetectsTheSameFormat() throws {
    var text = "id;bedrag\n"
    for i in 0..<3000 { text += "\(i);\(i % 7 == 0 ? "1.\(100 + i % 900),5" : "\(i),25")\n" }
    let table = try text.utf8.withContiguousStorageIfAvailable { buffer in
      try CSVReader.read(buffer, name: "c.csv", options: CSVOptions(), minimumChunk: 512)
    }
    let column = try #require(table?["bedrag"])
    #expect(column.type == .double)
    #expect(column.stringValue(7) == "1107.5")
    #expect(column.stringValue(1) == "1.25")
  }

  @Test func ambiguousColumnIsRefusedWithBothReadings() throws {
    let text = "id,amount\n1,\"1,234\"\n2,\"12,345\"\n"
    let error = dataError { _ = try readCSV(text, name: "a.csv") }
    guard case .numberFormat(let at, let column, let value, let reason) = error else {
      Issue.record("expected numberFormat, got \(String(describing: error))")
      return
    }
    #expect(column == "amount")
    #expect(at.line == 2 && at.column == 2)
    #expect(value == "1,234")
    #expect(reason.contains("--decimal ,") && reason.contains("--thousands ,"))
  }

  @Test func mostlyNumbersInAnotherFormatIsRefusedNamingTheOddValue() throws {
    var text = "id;bedrag\n"
    for i in 0..<20 { text += "\(i);2.\(100 + i),86\n" }
    text += "20;onbekend\n"
    let error = dataError { _ = try readCSV(text, name: "m.csv") }
    guard case .numberFormat(let at, "bedrag", "onbekend", let reason) = error else {
      Issue.record("expected numberFormat, got \(String(describing: error))")
      return
    }
    #expect(at.line == 22)
    #expect(reason.contains("--na"))
  }

  @Test func declaredFormatReadsThousandsThatWouldOtherwiseBeDecimals() throws {
    var options = CSVOptions()
    options.numberFormat = try NumberConvention(decimal: ",", thousands: ".")
    let table = try readCSV("id;n\n1;1.234\n2;2.500,5\n", options: options)
    #expect(table["n"]?.stringValue(0) == "1234")
    #expect(table["n"]?.stringValue(1) == "2500.5")
    let error = dataError { _ = try readCSV("id;n\n1;1.23\n2;5\n3;6\n", options: options) }
    #expect(error != nil)
  }

  @Test func textColumnsStayText() throws {
    let table = try readCSV("id;naam\n1;Gent\n2;1.234 Brussel\n3;Liège\n")
    #expect(table["naam"]?.type == .string)
  }

  @Test func columnMissingTokens() throws {
    var options = CSVOptions()
    options.columnMissingTokens = ["score": ["-99"]]
    let loaded = try CSVReader.load(
      bytes: Array("id,score,other\n1,-99,-99\n2,5,3\n3,NA,\n4,,1\n".utf8), name: "m.csv",
      options: options)
    let table = loaded.table
    #expect(table["score"]?.isMissing(0) == true)
    #expect(table["other"]?.isMissing(0) == false)
    // Missing values by kind, as describe shows them.
    #expect(
      loaded.report[column: "score"]?.missingByKind == [
        MissingCount(kind: "empty", count: 1), MissingCount(kind: "-99", count: 1),
        MissingCount(kind: "NA", count: 1),
      ])
    #expect(
      loaded.report[column: "other"]?.missingByKind == [MissingCount(kind: "empty", count: 1)])
    options.columnMissingTokens = ["scor": ["-99"]]
    guard
      case .unknownColumn(_, "score", _) = dataError({
        _ = try readCSV("id,score\n1,2\n", options: options)
      })
    else {
      Issue.record("expected unknownColumn with a suggestion")
      return
    }
  }
}

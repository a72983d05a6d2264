import Foundation
import Testing

@testable import DataTable

@Suite struct CSVErrorTests {
  @Test func missingFileIsCannotRead() throws {
    let path = try temporaryFolder().appendingPathComponent("nope.csv").path
    let error = dataError { _ = try CSVReader.read(path: path) }
    guard case .cannotRead(let file, _) = error else {
      Issue.record("expected cannotRead, got \(String(describing: error))")
      return
    }
    #expect(file == path)
    #expect(error?.description.contains("nope.csv") == true)
  }

  @Test func directoryIsCannotRead() throws {
    let path = try temporaryFolder().path
    guard case .cannotRead = dataError({ _ = try CSVReader.read(path: path) }) else {
      Issue.record("expected cannotRead")
      return
    }
  }

  @Test(arguments: [[], [0xEF, 0xBB, 0xBF], Array(" \r\n\n\t ".utf8)] as [[UInt8]])
  func emptyFile(_ bytes: [UInt8]) throws {
    let path = try fixture(bytes: bytes, name: "empty.csv")
    #expect(dataError { _ = try CSVReader.read(path: path) } == .emptyFile(file: path))
  }

  @Test(arguments: ["a,b", "a,b\n", "a,b\r\n\r\n"])
  func headerOnlyIsNoRows(_ text: String) throws {
    #expect(dataError { _ = try readCSV(text, name: "h.csv") } == .noRows(file: "h.csv"))
  }

  @Test func raggedRowNamesLineAndCounts() throws {
    let text = "a,b,c\n1,2,3\n\"x\ny\",2,3\n4,5\n"
    let error = dataError { _ = try readCSV(text, name: "r.csv") }
    #expect(error == .raggedRow(at: SourceLocation(file: "r.csv", line: 5), expected: 3, found: 2))
    #expect(error?.description.contains("r.csv:5") == true)
    #expect(error?.description.contains("2 fields") == true)
  }

  @Test func tooManyFieldsIsRagged() throws {
    let error = dataError { _ = try readCSV("a,b\n1,2\n1,2,3,4\n", name: "r.csv") }
    #expect(error == .raggedRow(at: SourceLocation(file: "r.csv", line: 3), expected: 2, found: 4))
  }

  @Test func unclosedQuoteNamesTheLineWhereItOpened() throws {
    let error = dataError { _ = try readCSV("a,b\n1,2\n3,\"open\n4,5\n6,7\n", name: "q.csv") }
    #expect(error == .unclosedQuote(at: SourceLocation(file: "q.csv", line: 3, column: 2)))
    #expect(error?.description.hasPrefix("q.csv:3:2") == true)
  }

  @Test func textAfterClosingQuoteIsMalformed() throws {
    let error = dataError { _ = try readCSV("a,b\n1,\"x\"y\n", name: "m.csv") }
    #expect(error == .malformedQuote(at: SourceLocation(file: "m.csv", line: 2, column: 2)))
  }

  @Test func duplicateColumnNames() throws {
    let error = dataError { _ = try readCSV("id,x,id\n1,2,3\n", name: "d.csv") }
    #expect(
      error == .duplicateColumn(name: "id", firstPosition: 1, secondPosition: 3, source: "d.csv"))
    #expect(error?.description.contains("d.csv") == true)
  }

  @Test func emptyHeaderField() throws {
    let error = dataError { _ = try readCSV("a,,c\n1,2,3\n", name: "e.csv") }
    #expect(error == .emptyColumnName(at: SourceLocation(file: "e.csv", line: 1, column: 2)))
  }

  @Test func invalidUTF8InData() throws {
    let bytes = Array("name,n\nok,1\n".utf8) + [0x66, 0xFF, 0x6F] + Array(",2\n".utf8)
    // Declared UTF-8 (undeclared, these bytes read as Windows-1252: EncodingTests).
    var utf8 = CSVOptions()
    utf8.encoding = .utf8
    let error = dataError { _ = try CSVReader.read(bytes: bytes, name: "u.csv", options: utf8) }
    #expect(error == .invalidEncoding(at: SourceLocation(file: "u.csv", line: 3, column: 1)))
  }

  @Test func invalidUTF8InHeader() throws {
    let bytes = Array("a,".utf8) + [0xC3, 0x28] + Array("\n1,2\n".utf8)
    var utf8 = CSVOptions()
    utf8.encoding = .utf8
    let error = dataError { _ = try CSVReader.read(bytes: bytes, name: "u.csv", options: utf8) }
    #expect(error == .invalidEncoding(at: SourceLocation(file: "u.csv", line: 1, column: 2)))
  }

  @Test func mostlyNumericColumnWithTextIsBadValueWithLocation() throws {
    let text = "id,score\n1,1.5\n2,\"multi\nline\"\n3,2.5\n4,oops\n5,3\n6,4\n7,5\n"
    // "multi\nline" and "oops" are the non-numbers; the first one (line 3) is reported.
    let error = dataError { _ = try readCSV(text, name: "scores.csv") }
    guard case .badValue(let at, let column, let value, let expected) = error else {
      Issue.record("expected badValue, got \(String(describing: error))")
      return
    }
    #expect(at == SourceLocation(file: "scores.csv", line: 3, column: 2))
    #expect(column == "score")
    #expect(value == "multi\nline")
    #expect(expected == .double)
    let message = error?.description ?? ""
    #expect(message.contains("scores.csv:3:2"))
    #expect(message.contains("string"))
  }

  @Test func badValueLineCountsQuotedNewlinesBefore() throws {
    let text = "note,n\n\"a\nb\",1\nc,2\nd,x\ne,4\n"
    let error = dataError { _ = try readCSV(text, name: "n.csv") }
    guard case .badValue(let at, "n", "x", .int) = error else {
      Issue.record("expected badValue, got \(String(describing: error))")
      return
    }
    #expect(at.line == 5)
    #expect(at.column == 2)
  }

  @Test func stringOverrideKeepsMostlyNumericColumnAsText() throws {
    var options = CSVOptions()
    options.types = ["n": .string]
    let table = try readCSV("n\n1\n2\nx\n", options: options)
    #expect(table["n"]?.strings == ["1", "2", "x"])
  }

  @Test func doubleOverrideWithTextIsBadValue() throws {
    var options = CSVOptions()
    options.types = ["x": .double]
    let error = dataError { _ = try readCSV("x\nabc\n", name: "o.csv", options: options) }
    #expect(
      error
        == .badValue(
          at: SourceLocation(file: "o.csv", line: 2, column: 1), column: "x", value: "abc",
          expected: .double))
  }

  @Test func boolOverrideWithTextIsBadValue() throws {
    var options = CSVOptions()
    options.types = ["x": .bool]
    guard
      case .badValue(_, "x", "2", .bool) = dataError({
        _ = try readCSV("x\n1\n2\n", options: options)
      })
    else {
      Issue.record("expected badValue")
      return
    }
  }

  @Test func unknownOverrideColumnSuggestsName() throws {
    var options = CSVOptions()
    options.types = ["femal": .bool]
    let error = dataError { _ = try readCSV("female,age\n1,20\n", options: options) }
    guard case .badTypeOverride(let column, let reason) = error else {
      Issue.record("expected badTypeOverride, got \(String(describing: error))")
      return
    }
    #expect(column == "femal")
    #expect(reason.contains("female"))
  }

  @Test func neverTrapsOnOddInputs() throws {
    let inputs: [[UInt8]] = [
      Array("\"".utf8), Array("a\n\"".utf8), Array(",,,\n".utf8), Array("a\n-\n+\ne5\n.e\n".utf8),
      Array("a,b\n\"\"\"\n".utf8), Array("a\n1e99999999999999999999\n".utf8),
      Array("a\n\(String(repeating: "9", count: 400)).5\n".utf8), [0xFF, 0xFE, 0x00, 0x0A, 0x31],
      Array("a b\n'x\n".utf8), Array("a\r\r\r".utf8),
    ]
    for bytes in inputs {
      _ = try? CSVReader.read(bytes: bytes, name: "odd.csv")
    }
    let long = try readCSV("a\n\(String(repeating: "1", count: 400))\n")
    #expect(long["a"]?.doubleValues?[0] == .infinity)
  }
}

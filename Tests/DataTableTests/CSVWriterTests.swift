import Foundation
import Testing

@testable import DataTable

@Suite struct CSVWriterTests {
  static func sample() throws -> DataTable {
    try DataTable(columns: [
      .int("id", [1, nil, -3]),
      .double("x", [0.1, 1.0 / 3.0, nil]),
      .double("whole", [2, -1e300, .infinity]),
      .bool("flag", [true, false, nil]),
      .string("text", ["plain", "with, comma and \"quotes\"\nand newline", nil]),
      .string("tricky", ["NA", "", " padded "]),
    ])
  }

  @Test func roundTripThroughFile() throws {
    let table = try Self.sample()
    let path = try temporaryFolder().appendingPathComponent("out.csv").path
    try CSVWriter.write(table, to: path)
    let back = try CSVReader.read(path: path)
    #expect(back.columnNames == table.columnNames)
    for (a, b) in zip(table.columns, back.columns) {
      #expect(a.type == b.type, "\(a.name)")
      #expect(a.strings == b.strings, "\(a.name)")
      #expect(a.missing == b.missing, "\(a.name)")
    }
    #expect(back["x"]?.doubleValues?[1] == 1.0 / 3.0)
    #expect(back["whole"]?.type == .double)
  }

  @Test func roundTripWithSemicolonAndEmptyMissing() throws {
    let table = try Self.sample()
    let text = CSVWriter.string(table, delimiter: UInt8(ascii: ";"), missing: "")
    var options = CSVOptions()
    options.decimalComma = false
    let back = try readCSV(text, options: options)
    for (a, b) in zip(table.columns, back.columns) {
      #expect(a.strings == b.strings, "\(a.name)")
    }
  }

  @Test func writesSeventeenDigitsAndQuotes() throws {
    let table = try DataTable(columns: [
      .double("x", [0.1, 3, nil]), .string("s", ["a,b", "say \"hi\"", "NA"]),
    ])
    let text = CSVWriter.string(table)
    #expect(text == "x,s\n0.10000000000000001,\"a,b\"\n3.0,\"say \"\"hi\"\"\"\nNA,\"NA\"\n")
  }

  @Test func categoryWritesAsText() throws {
    let table = try DataTable(columns: [.string("track", ["1", "2"], type: .category)])
    #expect(CSVWriter.string(table) == "track\n1\n2\n")
  }

  @Test func writeIsAtomicAndReplaces() throws {
    let folder = try temporaryFolder()
    let path = folder.appendingPathComponent("t.csv").path
    try CSVWriter.write(try DataTable(columns: [.int("a", [1])]), to: path)
    try CSVWriter.write(try DataTable(columns: [.int("b", [2])]), to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "b\n2\n")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(leftovers == ["t.csv"])
  }

  @Test func unwritablePathThrows() throws {
    let path = try temporaryFolder().appendingPathComponent("missing/dir/t.csv").path
    let error = dataError {
      try CSVWriter.write(try DataTable(columns: [.int("a", [1])]), to: path)
    }
    guard case .cannotWrite(let file, _) = error else {
      Issue.record("expected cannotWrite, got \(String(describing: error))")
      return
    }
    #expect(file == path)
  }
}

import Foundation
import Testing

@testable import DataTable

/// Issue 17: a quoted empty field (`""`) in a number or true/false column is missing, as an
/// empty field is; in a text column it stays the empty text (what the CSV writer writes for
/// one), also when the `""` comes before the column's first text, and whether the file is read
/// in one piece or in parallel chunks.
@Suite struct QuotedEmptyFieldTests {
  @Test func quotedEmptyInANumberColumnIsMissing() throws {
    let table = try readCSV("x,y,flag\n1,2.5,true\n\"\",\"\",\"\"\n3,4.5,false\n")
    #expect(table["x"]?.type == .int)
    #expect(table["x"]?.strings == ["1", nil, "3"])
    #expect(table["y"]?.type == .double)
    #expect(table["y"]?.strings[1] == nil && table["y"]?.strings[2] != nil)
    #expect(table["flag"]?.type == .bool)
    #expect(table["flag"]?.strings.map { $0 == nil } == [false, true, false])
    // First in the column, and with a type given.
    let first = try readCSV("x\n\"\"\n7\n8\n")
    #expect(first["x"]?.type == .int && first["x"]?.strings == [nil, "7", "8"])
    var options = CSVOptions()
    options.types = ["x": .double]
    let typed = try readCSV("x\n1\n\"\"\n", options: options)
    #expect(typed["x"]?.type == .double && typed["x"]?.strings.map { $0 == nil } == [false, true])
  }

  @Test func quotedEmptyInATextColumnIsTheEmptyText() throws {
    for text in ["t\n\"\"\nabc\n\"\"\n", "t\nabc\n\"\"\n", "t\n1\n\"\"\nabc\n"] {
      let table = try readCSV(text)
      let strings = table["t"]?.strings ?? []
      #expect(table["t"]?.type == .string, "\(text)")
      #expect(strings.contains(""), "\(text): \(strings)")
      #expect(!strings.contains(nil), "\(text): \(strings)")
    }
    // Unquoted empty stays missing in text.
    #expect(try readCSV("t,u\nabc,1\n,2\n")["t"]?.strings == ["abc", nil])
  }

  @Test func writerRoundTripKeepsEmptyTextsAndMissingNumbers() throws {
    let table = try readCSV("n,t\n1,\"\"\n\"\",abc\n,\n")
    let url = try temporaryFolder().appendingPathComponent("round.csv")
    try CSVWriter.write(table, to: url.path)
    let back = try CSVReader.read(path: url.path)
    #expect(back["n"]?.strings == table["n"]?.strings)
    #expect(back["t"]?.strings == table["t"]?.strings)
    #expect(table["t"]?.strings == ["", "abc", nil])
  }

  @Test func parallelChunksAgreeWithOnePiece() throws {
    // `lead` is `""` for the first two thirds and text after: some chunks only ever see `""`.
    var text = "id,num,lead,mixed\n"
    let rows = 30_000
    for i in 0..<rows {
      let num = i % 7 == 3 ? "\"\"" : String(i % 1000)
      let lead = i < 20_000 ? "\"\"" : "level\(i % 5)"
      let mixed = i % 11 == 0 ? "\"\"" : (i % 3 == 0 ? String(i) : "word\(i % 4)")
      text += "\(i),\(num),\(lead),\(mixed)\n"
    }
    var single = CSVOptions()
    single.threads = 1
    var parallel = CSVOptions()
    parallel.threads = 4
    let bytes = Array(text.utf8)
    let a = try readCSV(text, options: single)
    // Small chunks: 16 pieces, most of `lead`'s only ever see `""`.
    let b = try bytes.withUnsafeBufferPointer {
      try CSVReader.read($0, name: "mem.csv", options: parallel, minimumChunk: 4096)
    }
    #expect(a.rowCount == rows)
    for (x, y) in zip(a.columns, b.columns) {
      #expect(x.type == y.type, "\(x.name)")
      let differing = zip(x.strings, y.strings).filter { $0 != $1 }.count
      #expect(differing == 0, "\(x.name): \(differing) rows differ")
    }
    #expect(a["num"]?.type == .int)
    #expect(
      a["num"]?.strings.filter { $0 == nil }.count == (0..<rows).filter { $0 % 7 == 3 }.count)
    #expect(a["lead"]?.strings.prefix(20_000).allSatisfy { $0 == "" } == true)
    #expect(a["mixed"]?.strings[0] == "" && a["mixed"]?.strings[13] == "word1")
  }
}

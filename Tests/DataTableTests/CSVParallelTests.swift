import Foundation
import Testing

@testable import DataTable

@Suite struct CSVParallelTests {
  /// A few MB of panel-like CSV with quoted fields holding commas, quotes and newlines.
  static func generated(rows: Int) -> [UInt8] {
    var generator = SplitMix(seed: 42)
    var text = "learner_id,year,school,track,female,ses,score,note\n"
    let tracks = ["ICT", "Health care", "\"Business, admin\"", "\"Care \"\"plus\"\"\""]
    for i in 0..<rows {
      let ses =
        generator.next() % 50 == 0
        ? "NA" : String(Double(Int(generator.next() % 2_000_000)) / 1e6 - 1)
      let note =
        generator.next() % 97 == 0
        ? "\"line one\nline two, with comma\"" : "ok\(generator.next() % 5)"
      text += "\(100_000 + i / 6),\(2015 + i % 6),SCH\(generator.next() % 700),"
      text += "\(tracks[Int(generator.next() % 4)]),\(generator.next() % 2),\(ses),"
      text += "\(Double(generator.next() % 100_000) / 1000),\(note)\n"
    }
    return Array(text.utf8)
  }

  @Test func parallelEqualsSingleThread() throws {
    let bytes = Self.generated(rows: 60_000)
    #expect(bytes.count > 3_000_000)
    var single = CSVOptions()
    single.threads = 1
    var parallel = CSVOptions()
    parallel.threads = 4
    let a = try CSVReader.read(bytes: bytes, name: "gen.csv", options: single)
    let b = try CSVReader.read(bytes: bytes, name: "gen.csv", options: parallel)
    #expect(a.rowCount == 60_000)
    expectSameTable(a, b)
    #expect(a["track"]?.levels?.contains("Care \"plus\"") == true)
    #expect(a["note"]?.levels?.contains("line one\nline two, with comma") == true)
  }

  @Test func strayQuotesFallBackToSequentialParsing() throws {
    // One stray quote makes quote parity wrong for the rest of the file, so a parity-based
    // split would cut inside the later quoted multi-line fields.
    var text = "id,size\n"
    for i in 0..<200_000 {
      if i == 10 {
        text += "\(i),5\" screen\n"
      } else if i % 1000 == 999 {
        text += "\(i),\"two\nlines\"\n"
      } else {
        text += "\(i),s\(i % 7)\n"
      }
    }
    var options = CSVOptions()
    options.threads = 4
    let table = try readCSV(text, options: options)
    #expect(table.rowCount == 200_000)
    #expect(table["id"]?.type == .int)
    #expect(table["size"]?.stringValue(10) == "5\" screen")
    #expect(table["size"]?.stringValue(199_999) == "two\nlines")
  }

  @Test func errorLineInLaterChunk() throws {
    var text = "a,b\n"
    for i in 0..<300_000 { text += "\(i),\(i % 3)\n" }
    text += "1,2,3\n"
    var options = CSVOptions()
    options.threads = 4
    let error = dataError { _ = try readCSV(text, name: "big.csv", options: options) }
    #expect(
      error == .raggedRow(at: SourceLocation(file: "big.csv", line: 300_002), expected: 2, found: 3)
    )
  }
}

/// A small deterministic generator so the test input is the same on every run.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

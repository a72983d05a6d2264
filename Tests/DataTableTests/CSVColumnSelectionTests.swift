import Foundation
import Testing

@testable import DataTable

/// `CSVOptions.columns`: only the named columns are parsed; the result equals the full read
/// restricted to them.
@Suite struct CSVColumnSelectionTests {
  /// The full table restricted to `names`, in file order.
  static func restricted(_ table: DataTable, to names: Set<String>) throws -> DataTable {
    try DataTable(columns: table.columns.filter { names.contains($0.name) }, source: table.source)
  }

  @Test(arguments: [1, 4])
  func selectedReadEqualsRestrictedFullRead(threads: Int) throws {
    // Quoted fields with commas, doubled quotes and newlines, in selected and skipped columns.
    let bytes = CSVParallelTests.generated(rows: 40_000)
    var full = CSVOptions()
    full.threads = threads
    let all = try CSVReader.read(
      Array(bytes).withUnsafeBufferPointer { $0 }, name: "gen.csv", options: full,
      minimumChunk: 1 << 16)
    for names: Set<String> in [
      ["score"], ["track", "ses"], ["learner_id", "note", "year"], ["note"],
      Set(all.columnNames),
    ] {
      var options = full
      options.columns = names
      let selected = try bytes.withUnsafeBufferPointer {
        try CSVReader.read($0, name: "gen.csv", options: options, minimumChunk: 1 << 16)
      }
      expectSameTable(selected, try Self.restricted(all, to: names))
    }
  }

  /// Random inputs (quotes, stray quotes, ragged rows, CRLF, bad bytes): a selected read that
  /// skips fields in bulk equals the full read restricted, and structural errors are the same.
  @Test(arguments: [1, 4])
  func fuzzedSelectedReadsEqualRestrictedFullReads(threads: Int) throws {
    var generator = SplitMix(seed: 11)
    var compared = 0
    for _ in 0..<1500 {
      let bytes = CSVFuzzTests.randomInput(&generator, rows: Int(generator.next() % 60))
      var options = CSVOptions()
      options.threads = threads
      let full = Result { () throws(DataError) -> DataTable in
        try bytes.withUnsafeBufferPointer { buffer throws(DataError) in
          do {
            return try CSVReader.read(buffer, name: "f.csv", options: options, minimumChunk: 16)
          } catch let error as DataError { throw error } catch { throw .emptyFile(file: "?") }
        }
      }
      for names: Set<String> in [["z"], ["y"], ["x", "z"], ["x"]] {
        options.columns = names
        let selected = dataError {
          let table = try bytes.withUnsafeBufferPointer {
            try CSVReader.read($0, name: "f.csv", options: options, minimumChunk: 16)
          }
          if case .success(let all) = full {
            expectSameTable(table, try Self.restricted(all, to: names))
            compared += 1
          }
        }
        switch full {
        case .success: #expect(selected == nil)
        case .failure(let error):
          switch error {
          case .raggedRow, .unclosedQuote, .malformedQuote: #expect(selected == error)
          default: break
          }
        }
      }
    }
    #expect(compared > 1000)
  }

  @Test func selectionKeepsFileOrderAndTypeOverrides() throws {
    var options = CSVOptions()
    options.columns = ["c", "a"]
    options.types = ["a": .string, "b": .int]
    let table = try readCSV("a,b,c\n1,x,\"q, r\"\n2,y,s\n", options: options)
    #expect(table.columnNames == ["a", "c"])
    #expect(table["a"]?.levels == ["1", "2"])
    #expect(table["c"]?.strings == ["q, r", "s"])
  }

  @Test func badValuesInSkippedColumnsAreNotErrors() throws {
    var options = CSVOptions()
    options.types = ["n": .double]
    let text = "n,y\n1.5,2\noops,3\n"
    #expect(dataError { _ = try readCSV(text, options: options) } != nil)
    options.columns = ["y"]
    let table = try readCSV(text, options: options)
    #expect(table["y"]?.intValues == [2, 3])
    #expect(table.columnNames == ["y"])
  }

  @Test func structuralErrorsInSkippedColumnsStillRaised() {
    var options = CSVOptions()
    options.columns = ["a"]
    let error = dataError { _ = try readCSV("a,b\n1,2\n3\n", options: options) }
    guard case .raggedRow = error else {
      Issue.record("expected a ragged row, got \(String(describing: error))")
      return
    }
  }

  @Test func unknownSelectedColumnSuggestsNearest() {
    var options = CSVOptions()
    options.columns = ["score", "schol_id"]
    let error = dataError {
      _ = try readCSV("learner_id,school_id,score\n1,2,3\n", name: "p.csv", options: options)
    }
    guard case .unknownColumn(let name, let suggestion, let source) = error else {
      Issue.record("expected unknownColumn, got \(String(describing: error))")
      return
    }
    #expect(name == "schol_id")
    #expect(suggestion == "school_id")
    #expect(source == "p.csv")
  }

  @Test func emptySelectionReadsNoColumns() throws {
    var options = CSVOptions()
    options.columns = []
    let table = try readCSV("a,b\n1,2\n", options: options)
    #expect(table.columns.isEmpty)
  }
}

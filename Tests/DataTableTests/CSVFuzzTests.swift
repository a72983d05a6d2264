import Testing

@testable import DataTable

/// Random CSV-like inputs: nothing may trap, and tiny parallel chunks (which exercise the
/// quote-parity split and its sequential fallback) must give exactly the single-thread answer.
@Suite struct CSVFuzzTests {
  static let pieces: [String] = [
    "1", "-22", "3.5", "1e3", "NA", "", "abc", "true", "\"q,1\"", "\"two\nlines\"",
    "\"say \"\"x\"\"\"", "5\" tv", " 7 ", "Inf", "0012", "\"unclosed",
  ]

  /// Rows of mostly three fields drawn from `pieces`, rarely a ragged row or a bad byte.
  static func randomInput(_ generator: inout SplitMix, rows: Int) -> [UInt8] {
    var bytes = Array("x,y,z\n".utf8)
    let flavour = generator.next() % 4  // some inputs keep every column numeric
    for _ in 0..<rows {
      let r = generator.next()
      let fields = r % 200 == 0 ? 2 : (r % 199 == 0 ? 4 : 3)
      for f in 0..<fields {
        if f > 0 { bytes.append(UInt8(ascii: ",")) }
        let pick = generator.next()
        let index = flavour == 0 ? Int(pick % 4) : Int(pick % UInt64(Self.pieces.count))
        if pick % 1000 == 1 { bytes.append(0xFF) }
        bytes.append(contentsOf: Self.pieces[index].utf8)
      }
      bytes.append(contentsOf: r % 5 == 0 ? [13, 10] : [10])
    }
    return bytes
  }

  static func outcome(_ bytes: [UInt8], threads: Int) -> Result<DataTable, DataError> {
    var options = CSVOptions()
    options.threads = threads
    do {
      let table = try bytes.withUnsafeBufferPointer {
        try CSVReader.read($0, name: "fuzz.csv", options: options, minimumChunk: 16)
      }
      return .success(table)
    } catch let error as DataError {
      return .failure(error)
    } catch {
      return .failure(.cannotRead(file: "fuzz.csv", reason: "\(error)"))
    }
  }

  @Test func parallelTinyChunksEqualSequential() {
    var generator = SplitMix(seed: 7)
    var successes = 0
    for _ in 0..<2000 {
      let bytes = Self.randomInput(&generator, rows: Int(generator.next() % 60))
      let single = Self.outcome(bytes, threads: 1)
      let parallel = Self.outcome(bytes, threads: 4)
      switch (single, parallel) {
      case (.success(let a), .success(let b)):
        successes += 1
        #expect(a.columnNames == b.columnNames)
        for (x, y) in zip(a.columns, b.columns) {
          #expect(x.type == y.type && x.missing == y.missing && x.strings == y.strings)
        }
      case (.failure(let a), .failure(let b)):
        #expect(a == b, "\(String(decoding: bytes, as: UTF8.self))")
      default:
        Issue.record("single \(single) vs parallel \(parallel)")
      }
    }
    #expect(successes > 100)
  }
}

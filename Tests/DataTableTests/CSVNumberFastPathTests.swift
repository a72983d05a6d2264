import Testing

@testable import DataTable

/// The one-pass number reading (`FieldScanner.nextNumber` in `ChunkParser`) must give exactly
/// the table, or exactly the error, of the general field-by-field path, on inputs built to
/// sit on its edges: numbers next to text, blanks, quotes, CR LF, missing tokens that look like
/// numbers, decimal commas, overflow, type overrides and ragged rows.
@Suite struct CSVNumberFastPathTests {
  static let pieces: [String] = [
    "1", "-22", "3.5", "1e3", "+5", "5.", ".5", "0012", "-0", "1e", "1.5.3", "-", ".", "NA",
    "", " 7", "7 ", "\"3\"", "Inf", "-inf", "12abc", "99999999999999999999",
    "-9223372036854775808", "9223372036854775808", "1e400", "2.2250738585072014e-308",
    "0.1000000000000000055511151231257827", "-99", "true", "x\"y", "4e+2", "4E-2",
  ]

  /// Rows of three fields; the first column is usually a number so that it turns numeric early.
  static func randomInput(
    _ generator: inout SplitMix, rows: Int, delimiter: String, commaNumbers: Bool
  ) -> [UInt8] {
    var bytes = Array("a\(delimiter)b\(delimiter)c\n".utf8)
    for _ in 0..<rows {
      let r = generator.next()
      let fields = r % 97 == 0 ? 2 : (r % 89 == 0 ? 4 : 3)
      for f in 0..<fields {
        if f > 0 { bytes.append(contentsOf: delimiter.utf8) }
        let pick = generator.next()
        var piece =
          pick % 3 == 0
          ? Self.pieces[Int(pick % UInt64(Self.pieces.count))]
          : Self.pieces[Int(pick % 8)]
        if commaNumbers, pick % 5 == 0 { piece = piece.replacingOccurrences(of: ".", with: ",") }
        bytes.append(contentsOf: piece.utf8)
      }
      bytes.append(contentsOf: r % 7 == 0 ? [13, 10] : (r % 53 == 0 ? [13] : [10]))
    }
    return bytes
  }

  static func outcome(_ bytes: [UInt8], options: CSVOptions, fast: Bool) -> Result<
    DataTable, DataError
  > {
    do {
      let table = try bytes.withUnsafeBufferPointer {
        try CSVReader.read(
          $0, name: "numbers.csv", options: options, minimumChunk: 64, numberFastPath: fast)
      }
      return .success(table)
    } catch let error as DataError {
      return .failure(error)
    } catch {
      return .failure(.cannotRead(file: "numbers.csv", reason: "\(error)"))
    }
  }

  /// Same columns, types, missing masks and values (doubles bit for bit).
  static func expectIdentical(_ a: DataTable, _ b: DataTable, _ input: [UInt8]) {
    #expect(a.columnNames == b.columnNames)
    for (x, y) in zip(a.columns, b.columns) {
      #expect(
        x.type == y.type && x.missing == y.missing, "\(String(decoding: input, as: UTF8.self))")
      switch (x.values, y.values) {
      case (.double(let u), .double(let v)):
        #expect(u.map(\.bitPattern) == v.map(\.bitPattern))
      default:
        #expect(x.values == y.values)
      }
    }
  }

  static func compare(options: CSVOptions, delimiter: String, commaNumbers: Bool, seed: UInt64)
    -> Int
  {
    var generator = SplitMix(seed: seed)
    var successes = 0
    for _ in 0..<1500 {
      let bytes = Self.randomInput(
        &generator, rows: Int(generator.next() % 40) + 1, delimiter: delimiter,
        commaNumbers: commaNumbers)
      switch (
        Self.outcome(bytes, options: options, fast: true),
        Self.outcome(bytes, options: options, fast: false)
      ) {
      case (.success(let a), .success(let b)):
        successes += 1
        Self.expectIdentical(a, b, bytes)
      case (.failure(let a), .failure(let b)):
        #expect(a == b, "\(String(decoding: bytes, as: UTF8.self))")
      case (let a, let b):
        Issue.record("fast \(a) vs general \(b): \(String(decoding: bytes, as: UTF8.self))")
      }
    }
    return successes
  }

  @Test func commaSeparatedFilesReadTheSame() {
    #expect(Self.compare(options: CSVOptions(), delimiter: ",", commaNumbers: false, seed: 11) > 50)
  }

  @Test func semicolonFilesWithDecimalCommasReadTheSame() {
    var options = CSVOptions()
    options.decimalComma = true
    #expect(Self.compare(options: options, delimiter: ";", commaNumbers: true, seed: 12) > 50)
  }

  @Test func numericMissingTokensReadTheSame() {
    var options = CSVOptions()
    options.missingTokens = ["NA", "", ".", "-99", "-22"]
    #expect(Self.compare(options: options, delimiter: ",", commaNumbers: false, seed: 13) > 50)
  }

  @Test func typeOverridesReadTheSame() {
    var ints = CSVOptions()
    ints.types = ["a": .int]
    _ = Self.compare(options: ints, delimiter: ",", commaNumbers: false, seed: 14)
    var doubles = CSVOptions()
    doubles.types = ["b": .double, "c": .string]
    #expect(Self.compare(options: doubles, delimiter: ",", commaNumbers: false, seed: 16) > 0)
  }

  @Test func tabFilesReadTheSame() {
    #expect(
      Self.compare(options: CSVOptions(), delimiter: "\t", commaNumbers: false, seed: 15) > 50)
  }

  @Test func aNumericMissingTokenIsMissing() throws {
    var options = CSVOptions()
    options.missingTokens = ["NA", "-99"]
    let table = try readCSV("a,b\n1,2\n-99,3\n4,-99\n", options: options)
    #expect(try table.column(named: "a").missing == [false, true, false])
    #expect(try table.column(named: "b").missing == [false, false, true])
  }
}

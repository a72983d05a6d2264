import DataTable
import PropertyBased
import Testing

/// Writing a table as CSV and reading it back gives the same table (issue 17): every type, missing
/// values, extreme doubles, and text with delimiters, quotes, line breaks and accents.
@Suite("CSV round trip")
struct TableRoundTripProperties {
  /// Text values that must survive quoting; each has a letter, so none reads as a number, and
  /// none is a missing-value token.
  static let texts = [
    "Liège", "Brussel-Hoofdstad", "a,b", "say \"hi\"", "two\nlines", "semi;colon", " padded ",
    "tab\there", "x", "Ω ≈ 1", "CR\r\nLF", "'single'",
  ]
  static let doubles: [Double] = [
    0, -0.0, 1, -1, 0.1, 1e-300, -2.5e-308, 1.7976931348623157e308, 4.9e-324, 123456.789,
    3.141592653589793, -1e15, 2.0 / 3.0,
  ]

  @Test func writeThenReadGivesTheSameTable() async throws {
    await propertyCheck(
      count: 300, input: Gen.int(in: 1...40), Gen.int(in: 0...1_000_000),
      Gen.int(in: 0...1)
    ) { rows, seed, semicolon in
      var state = UInt64(seed)
      func next(_ n: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(n))
      }
      func missing() -> Bool { next(6) == 0 }
      let table: DataTable
      do {
        table = try DataTable(columns: [
          .double(
            "d", (0..<rows).map { _ in missing() ? nil : Self.doubles[next(Self.doubles.count)] }),
          .int("i", (0..<rows).map { _ in missing() ? nil : next(2_000_001) - 1_000_000 }),
          .bool("b", (0..<rows).map { _ in missing() ? nil : next(2) == 1 }),
          .string(
            "s", (0..<rows).map { _ in missing() ? nil : Self.texts[next(Self.texts.count)] }),
          .string(
            "c", (0..<rows).map { _ in missing() ? nil : ["low", "mid", "high"][next(3)] },
            type: .category),
        ])
      } catch {
        Issue.record("table: \(error)")
        return
      }
      let delimiter = UInt8(ascii: semicolon == 1 ? ";" : ",")
      let text = CSVWriter.string(table, delimiter: delimiter)
      var options = CSVOptions()
      options.delimiter = semicolon == 1 ? .semicolon : .comma
      options.decimalComma = false
      options.types = Dictionary(uniqueKeysWithValues: table.columns.map { ($0.name, $0.type) })
      guard let back = try? CSVReader.read(bytes: Array(text.utf8), name: "t.csv", options: options)
      else {
        Issue.record("could not read back (seed \(seed)):\n\(text)")
        return
      }
      #expect(back.columnNames == table.columnNames)
      #expect(back.rowCount == table.rowCount)
      for (original, read) in zip(table.columns, back.columns) {
        #expect(read.type == original.type, "\(original.name): seed \(seed)")
        for row in 0..<table.rowCount {
          #expect(read.isMissing(row) == original.isMissing(row), "\(original.name)[\(row)]")
          if original.type == .double {
            let a = original.doubleValue(row)
            let b = read.doubleValue(row)
            // Bit for bit, so -0.0 and subnormals survive too.
            #expect(a?.bitPattern == b?.bitPattern, "\(original.name)[\(row)]: seed \(seed)")
          } else {
            #expect(
              read.stringValue(row) == original.stringValue(row),
              "\(original.name)[\(row)]: seed \(seed)")
          }
        }
      }
    }
  }
}

import Foundation
import Testing

@testable import Studies

@Suite struct JSONValueTests {
  @Test func writesOrderedKeysAndFullPrecisionNumbers() {
    let value = JSONValue.object([
      ("schema", .string("vetstat.result/1")), ("x", .number(0.1)), ("n", .integer(3)),
      ("nan", .number(Double.nan)), ("list", .array([.number(1e-300), .number(12)])),
      ("quote", .string("a\"b\n")),
    ])
    #expect(
      value.serialized() == """
        {
          "schema": "vetstat.result/1",
          "x": 0.1,
          "n": 3,
          "nan": null,
          "list": [1e-300, 12],
          "quote": "a\\"b\\n"
        }

        """)
  }

  @Test func numbersRoundTrip() throws {
    for x in [0.1, 1.0 / 3, 2.2250738585072014e-308, 123456.789e10, -Double.leastNonzeroMagnitude] {
      let text = JSONValue.number(x).serialized().trimmingCharacters(in: .newlines)
      #expect(Double(text) == x, "\(x) -> \(text)")
    }
  }
}

@Suite struct NumberFormatTests {
  @Test func significantDigits() {
    #expect(NumberFormat.significant(35.8459953151877) == "35.846")
    #expect(NumberFormat.significant(-0.02311980915445465) == "-0.0231198")
    #expect(NumberFormat.significant(1.234e-7) == "1.234e-7")
    #expect(NumberFormat.pValue(1e-20) == "< 2.2e-16")
    #expect(NumberFormat.pValue(0.0636126) == "0.0636")
  }
}

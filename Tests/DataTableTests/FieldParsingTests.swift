import Foundation
import Testing

@testable import DataTable

@Suite struct FieldParsingTests {
  func parse(_ text: String, decimalComma: Bool = false) -> NumberValue {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { buffer in
      guard let p = buffer.baseAddress else { return .none }
      return FieldParsing.number(p, buffer.count, decimalComma: decimalComma)
    }
  }

  @Test func integersAndDoubles() {
    #expect(parse("0") == .int(0))
    #expect(parse("-12") == .int(-12))
    #expect(parse("+7") == .int(7))
    #expect(parse("007") == .int(7))
    #expect(parse("1.5") == .double(1.5))
    #expect(parse(".5") == .double(0.5))
    #expect(parse("5.") == .double(5))
    #expect(parse("-2.5E-3") == .double(-0.0025))
    #expect(parse("1e5") == .double(100000))
    #expect(parse("inf") == .double(.infinity))
    #expect(parse("-Infinity") == .double(-.infinity))
    #expect(parse("1,5", decimalComma: true) == .double(1.5))
    #expect(parse("9223372036854775808") == .double(9223372036854775808.0))
  }

  @Test func rejectsNonNumbers() {
    for text in [
      "", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "1,5", "12a", "0x10", "nan", "in", "1 2",
    ] {
      #expect(parse(text) == .none, "\(text)")
    }
  }

  @Test func matchesStrtodOnRandomDecimals() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<20000 {
      let digits = Int.random(in: 1...25, using: &generator)
      var text = String(
        (0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
      let point = Int.random(in: 0...digits, using: &generator)
      text.insert(".", at: text.index(text.startIndex, offsetBy: point))
      if Bool.random(using: &generator) {
        text += "e\(Int.random(in: -330...310, using: &generator))"
      }
      if Bool.random(using: &generator) { text = "-" + text }
      let expected = strtod(text, nil)
      guard case .double(let value) = parse(text) else {
        Issue.record("\(text) not parsed")
        continue
      }
      #expect(value.bitPattern == expected.bitPattern, "\(text)")
    }
  }

  @Test func booleans() {
    func bool(_ text: String, digits: Bool = false) -> Bool? {
      Array(text.utf8).withUnsafeBufferPointer { buffer in
        guard let p = buffer.baseAddress else { return nil }
        return FieldParsing.bool(p, buffer.count, allowDigits: digits)
      }
    }
    #expect(bool("true") == true && bool("TRUE") == true && bool("True") == true)
    #expect(bool("false") == false && bool("FALSE") == false && bool("False") == false)
    #expect(bool("tRUE") == nil && bool("1") == nil && bool("yes") == nil)
    #expect(bool("1", digits: true) == true && bool("0", digits: true) == false)
  }
}

import DataTable
import Formula
import Testing

/// Inputs the fuzzer found (Fuzz/Seeds/FuzzFormula/found_*), kept as regression tests.
@Suite struct FuzzFoundFormulaTests {
  /// Nested powers whose expansion formed tens of millions of term products before duplicates
  /// collapsed (a libFuzzer timeout): refused by the product budget, with the formula position.
  @Test func nestedPowersAreRefusedBeforeTheWorkExplodes() {
    let text =
      "y ~ (x  + ziongt +(x + z + ozt +(x + ziongt +(x + z + o  + ziongt +(x + z + ozt +(z + oz)^2 + o))^2 + + z + g + id + t + w + b + C(id) +nC(tz)^2 + o))^2 + + z + g + id + t + w + b + C(id) + C(t) + C(g))^5"
    #expect {
      _ = try Formula(text)
    } throws: { error in
      "\(error)".contains("term products")
    }
  }

  /// A second nesting (found by a 10-minute run) that formed 200,000 products of long terms
  /// before the old budget stopped it: refused sooner by the smaller budget.
  @Test func deeperNestedPowersAreRefusedToo() {
    let text =
      "y ~ (x  + ziongt +(x + z + ozt +(x + ziongt +(x + z + o  + ziongt +(x + z + ozt +(z + oz)^2 + o))^2 +nC(tz)^2 + o))^2 + + z + g + id + t + w + b + C(id) + C(t) + C(g))^5"
    #expect {
      _ = try Formula(text)
    } throws: { error in
      "\(error)".contains("more than 50000 term products")
    }
  }

  /// Thirty main effects to the third power (about 15,000 products) are within the budget.
  @Test func thirtyTermCubesStillExpand() throws {
    let names = (0..<30).map { "v\($0)" }.joined(separator: " + ")
    let formula = try Formula("y ~ (\(names))^3")
    #expect(formula.terms.count == 30 + 435 + 4060)
  }

  /// Ordinary interactions stay far below the budget: (a + b + c + d + e)^3 has all 25 terms of
  /// degree one to three.
  @Test func ordinaryPowersStillExpand() throws {
    let formula = try Formula("y ~ (a + b + c + d + e)^3")
    #expect(formula.terms.count == 5 + 10 + 10)
  }
}

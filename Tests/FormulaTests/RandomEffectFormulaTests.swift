import Testing

@testable import Formula

/// Random-effect terms: `||` splits into uncorrelated terms, `/` nests, `:` interacts, and the
/// fixed part of the formula is unchanged by them.
@Suite struct RandomEffectFormulaTests {
  @Test func correlatedTermKeepsItsColumnsTogether() throws {
    let f = try Formula("y ~ t + (1 + t | g) + (1 | s)")
    #expect(f.terms.map(\.label) == ["t"])
    #expect(f.hasIntercept)
    #expect(f.randomEffects.count == 2)
    #expect(f.randomEffects[0].hasIntercept)
    #expect(f.randomEffects[0].terms.map(\.label) == ["t"])
    #expect(f.randomEffects[0].groupLabel == "g")
    #expect(f.randomEffects[1].groupLabel == "s")
  }

  @Test func doubleBarMakesUncorrelatedTerms() throws {
    let f = try Formula("y ~ t + (1 + t || g)")
    #expect(f.randomEffects.count == 2)
    #expect(f.randomEffects[0].hasIntercept && f.randomEffects[0].terms.isEmpty)
    #expect(!f.randomEffects[1].hasIntercept && f.randomEffects[1].terms.map(\.label) == ["t"])
    #expect(f.randomEffects.allSatisfy { $0.groupLabel == "g" })
  }

  @Test func slashNestsAndColonInteracts() throws {
    let f = try Formula("y ~ 1 + (1 | school/class/pupil) + (1 | a:b)")
    #expect(
      f.randomEffects.map(\.groupLabel) == [
        "school", "school:class", "school:class:pupil", "a:b",
      ])
  }

  @Test func badGroupingIsASyntaxError() {
    #expect(throws: FormulaError.self) { _ = try Formula("y ~ x + (1 | log(g))") }
    #expect(throws: FormulaError.self) { _ = try Formula("y ~ x + (0 | g)") }
    #expect(throws: FormulaError.self) { _ = try Formula("y ~ x || g") }
  }
}

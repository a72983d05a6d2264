import Testing

@testable import Formula

@Suite struct FormulaParsingTests {
  @Test func expandsStarIntoMainEffectsAndInteraction() throws {
    let f = try Formula("y ~ a * b + c")
    #expect(f.terms.map(\.label) == ["a", "b", "c", "a:b"])
    #expect(f.hasIntercept)
    #expect(f.response?.text == "y")
  }

  @Test func removesInterceptInEveryWrittenForm() throws {
    #expect(try Formula("y ~ x - 1").hasIntercept == false)
    #expect(try Formula("y ~ 0 + x").hasIntercept == false)
    #expect(try Formula("y ~ x + 0").hasIntercept == false)
    #expect(try Formula("y ~ -1 + x").hasIntercept == false)
    #expect(try Formula("y ~ 1 + x").hasIntercept == true)
  }

  @Test func powerOfSumGivesPairwiseInteractions() throws {
    let f = try Formula("y ~ (a + b + c)^2")
    #expect(f.terms.map(\.label) == ["a", "b", "c", "a:b", "a:c", "b:c"])
  }

  @Test func interactionIsOrderFreeAndDeduplicated() throws {
    let f = try Formula("y ~ a:b + b:a + a")
    #expect(f.terms.map(\.label) == ["a", "a:b"])
  }

  @Test func termMinusRemovesIt() throws {
    let f = try Formula("y ~ a * b - a:b")
    #expect(f.terms.map(\.label) == ["a", "b"])
  }

  @Test func functionTermsKeepTheirTextWithoutSpaces() throws {
    let f = try Formula("log( y ) ~ I(x ^ 2) + log(pcap) + C(track, ref = \"care\")")
    #expect(f.terms.map(\.label) == ["I(x^2)", "log(pcap)", "C(track,ref=care)"])
    #expect(f.response?.text == "log(y)")
  }

  @Test func fixedEffectsAfterBar() throws {
    let f = try Formula("y ~ x | learner_id + school_id^year")
    #expect(f.terms.map(\.label) == ["x"])
    #expect(f.fixedEffects.map(\.label) == ["learner_id", "school_id^year"])
  }

  @Test func randomEffectsInParentheses() throws {
    let f = try Formula("y ~ t + (1 + t | learner) + (1 | school)")
    #expect(f.terms.map(\.label) == ["t"])
    #expect(f.randomEffects.count == 2)
    #expect(f.randomEffects[0].terms.map(\.label) == ["t"])
    #expect(f.randomEffects[1].group.text == "school")
  }

  @Test(arguments: [
    ("y ~ x +", 8),
    ("y ~ (x + z", 5),
    ("y x", 1),
    ("y ~ x $ z", 7),
    ("y ~ 2 + x", 5),
    ("y ~ x ~ z", 7),
  ])
  func syntaxErrorsNameTheColumn(text: String, column: Int) {
    do {
      _ = try Formula(text)
      Issue.record("expected a syntax error for \(text)")
    } catch let FormulaError.syntax(_, found, _) {
      #expect(found == column, "\(text)")
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test func syntaxErrorMessageShowsACaret() {
    do {
      _ = try Formula("y ~ x +")
    } catch {
      let message = "\(error)"
      #expect(message.contains("column 8"))
      #expect(message.contains("       ^"))
    }
  }
}

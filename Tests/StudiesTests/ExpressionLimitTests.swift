import DataTable
import Foundation
import Testing

@testable import Studies

/// Bounded work in the spec's expression language and YAML reader (issue 17): nesting limits
/// reported at their position, long flat chains parsed iteratively and evaluated exactly as the
/// nested form, range-checked `lag`/`lead` steps, `round` without infinities, an alias budget,
/// and YAML reader errors on their real line.
@Suite struct ExpressionLimitTests {
  let table: DataTable
  let types: [String: ExpressionType]

  init() throws {
    table = try DataTable(columns: [
      Column.double("x", [0.1, 2.5, nil, -4, 1e-3]),
      Column.double("y", [3, -0.7, 6, 1, 2]),
    ])
    var types: [String: ExpressionType] = [:]
    for c in table.columns { types[c.name] = ExpressionType(column: c) }
    self.types = types
  }

  func evaluate(_ e: Studies.Expression) throws -> [Double] {
    _ = try e.check(columns: types, hasPanel: false)
    guard case .numbers(let v) = ExpressionEvaluator(table: table, panel: nil).evaluate(e)
    else { return [] }
    return v
  }

  func parseError(_ text: String) -> ExpressionError? {
    do {
      _ = try Expression(parsing: text)
      return nil
    } catch let error as ExpressionError {
      return error
    } catch {
      return ExpressionError(position: -1, "\(error)")
    }
  }

  @Test func nestingStopsAtTheDocumentedDepth() throws {
    let limit = ExpressionParser.maximumDepth
    let fits = String(repeating: "(", count: limit) + "x" + String(repeating: ")", count: limit)
    #expect(try evaluate(try Expression(parsing: fits)).count == 5)
    let deeper =
      String(repeating: "(", count: limit + 1) + "x" + String(repeating: ")", count: limit + 1)
    let error = try #require(parseError(deeper))
    #expect(error.position == limit + 1)
    #expect(error.message.contains("deeper than \(limit)"))
  }

  /// Hostile nestings with the position of the token that opens level 257.
  static let hostileNestings: [(String, Int)] = {
    let parens: String =
      String(repeating: "(", count: 20_000) + "x" + String(repeating: ")", count: 20_000)
    let nots: String = String(repeating: "not ", count: 50_000) + "x > 0"
    let minuses: String = String(repeating: "-", count: 50_000) + "x"
    let ifElse: String =
      String(repeating: "if_else(x > 0, ", count: 20_000) + "1"
      + String(repeating: ", 0)", count: 20_000)
    let powers: String = String(repeating: "x ^ ", count: 20_000) + "x"
    return [
      (parens, 257), (nots, 4 * 256 + 1), (minuses, 257), (ifElse, 15 * 256 + 1),
      (powers, 4 * 256 + 3),
    ]
  }()

  @Test(arguments: hostileNestings)
  func hostileNestingIsAnErrorAtItsPosition(text: String, position: Int) throws {
    let error = try #require(parseError(text))
    #expect(error.position == position, "\(error)")
  }

  @Test func aFlatFortyThousandTermSumParsesAndEvaluatesAsTheNestedForm() throws {
    let count = 40_000
    // Alternate + and - and mix in products, so that the order of evaluation matters.
    var text = "x"
    for k in 1..<count { text += k % 3 == 0 ? " - y * x" : " + x" }
    let expression = try Expression(parsing: text)
    guard case .chain(_, let links) = expression else {
      Issue.record("expected one flat chain")
      return
    }
    #expect(links.count == count - 1)
    let values = try evaluate(expression)
    // Reference: left to right in the test, row by row.
    let x: [Double?] = [0.1, 2.5, nil, -4, 1e-3]
    let y: [Double] = [3, -0.7, 6, 1, 2]
    for row in 0..<5 {
      guard let xv = x[row] else {
        #expect(values[row].isNaN)
        continue
      }
      var sum = xv
      for k in 1..<count { sum = k % 3 == 0 ? sum - y[row] * xv : sum + xv }
      #expect(values[row] == sum, "row \(row)")
    }
  }

  @Test func longAndOrChainsStayFlat() throws {
    let text = [String](repeating: "x > 0", count: 30_000).joined(separator: " and ")
    let values = try evaluate(try Expression(parsing: text))
    #expect(values.map { $0.isNaN ? -1 : $0 } == [1, 1, -1, 0, 1])
  }

  @Test(arguments: ["1e19", "1e300", "9223372036854774784", "0", "1.5", "1000001"])
  func outOfRangeLagStepsAreRefused(step: String) throws {
    for call in ["lag", "lead"] {
      let e = try Expression(parsing: "\(call)(x, \(step))")
      do {
        _ = try e.check(columns: types, hasPanel: true)
        Issue.record("\(call)(x, \(step)) passed the check")
      } catch let error as ExpressionError {
        #expect(error.message.contains("from 1 to \(Expression.maximumShift)"))
      }
      // Unchecked, the evaluator gives missing values rather than trapping.
      guard case .numbers(let v) = ExpressionEvaluator(table: table, panel: nil).evaluate(e)
      else { continue }
      let allMissing = v.allSatisfy { $0.isNaN }
      #expect(allMissing)
    }
  }

  @Test func roundNeverGivesInfinity() {
    for x in [0.1, -2.5, 1e300, -1.7976931348623157e308, 5e-324, 123.456] {
      for digits in [308.0, 400, 20, 0, -2, -308, -400] {
        let value = ExpressionEvaluator.round(x, digits: digits)
        // Never infinite: a result beyond the double range is missing (NaN), as documented.
        #expect(!value.isInfinite, "round(\(x), \(digits))")
        if value.isNaN {
          #expect(abs(x) > 1e307, "round(\(x), \(digits)) is missing")
          continue
        }
        // Rounding moves a value by at most half a unit of the last kept digit, or to zero.
        let unit = pow(10, -digits)
        #expect(
          abs(value - x) <= max(unit / 2, abs(x) * 1e-15) || value == 0,
          "round(\(x), \(digits)) = \(value)")
      }
    }
    // Large digit counts leave the value as it is (R's round(x, 308) is x).
    #expect(ExpressionEvaluator.round(0.1, digits: 308) == 0.1)
    #expect(ExpressionEvaluator.round(123.456, digits: -400) == 0)
    #expect(ExpressionEvaluator.round(2.5, digits: 0) == 2)
    #expect(ExpressionEvaluator.round(.infinity, digits: 2).isNaN)
  }
}

/// The YAML reader's budgets and error lines.
@Suite struct SpecNodeLimitTests {
  func issue(_ text: String) -> SpecIssue? {
    do {
      _ = try SpecNode.parse(text, file: "s.yaml")
      return nil
    } catch let error as SpecError {
      return error.issues.first
    } catch {
      return SpecIssue(keyPath: "?", line: -1, message: "\(error)")
    }
  }

  /// `levels` levels of `width` aliases each below one list of `width` scalars.
  static func aliasBomb(levels: Int, width: Int) -> String {
    var text =
      "study: bomb\nl0: &l0 ["
      + [String](repeating: "x", count: width).joined(
        separator: ",") + "]\n"
    for level in 1...levels {
      text +=
        "l\(level): &l\(level) ["
        + [String](repeating: "*l\(level - 1)", count: width).joined(separator: ",") + "]\n"
    }
    return text
  }

  @Test func aliasExpansionStopsAtTheNodeBudget() throws {
    // 9^8 = 43 million scalars from 420 bytes; refused at the key that passes the budget.
    let clock = ContinuousClock()
    var found: SpecIssue?
    let elapsed = clock.measure { found = issue(Self.aliasBomb(levels: 8, width: 9)) }
    let refusal = try #require(found)
    #expect(refusal.message.contains("more than \(SpecNode.maximumNodes) YAML nodes"))
    #expect(refusal.keyPath.hasPrefix("l"))
    #expect(refusal.line >= 2 && refusal.line <= 10)
    #expect(elapsed < .seconds(5))
  }

  @Test(arguments: [
    ("i:\n  ? *l8\n  : 1\n", 12, "an explicit key"),
    ("i:\n  *l8 : 1\n", 12, "an alias used as a key"),
    ("i: {[*l8, *l7]: 1}\n", 11, "a list or mapping used as a key"),
  ])
  func aliasKeysAreRefusedBeforeYamsHashesThem(tail: String, line: Int, what: String) throws {
    // Yams hashes every key to find duplicates: a key expanding to 9^9 nodes took minutes.
    let clock = ContinuousClock()
    var found: SpecIssue?
    let elapsed = clock.measure { found = issue(Self.aliasBomb(levels: 8, width: 9) + tail) }
    let refusal = try #require(found)
    #expect(refusal.line == line, "\(refusal)")
    #expect(refusal.message.contains(what), "\(refusal)")
    #expect(elapsed < .seconds(5))
  }

  @Test func keyScanSkipsQuotesAndCommentsAndNeedsAnchors() {
    // Key-like text inside quotes and comments, with an anchor in the document: accepted.
    let quoted =
      "study: &s \"what ? *x: [a]: b\"\nf: 'y ~ a[1]: b ? c'  # ? *x: 1\nd: it's ok\n"
    #expect(SpecKeyScan.issue(quoted) == nil)
    // Without an anchor, non-scalar keys reach the converter's own error.
    #expect(SpecKeyScan.issue("? [a]\n: 1\n") == nil)
    #expect(issue("? [a]\n: 1\n")?.message.contains("keys must be plain names") == true)
    // A quote opened inside a plain scalar does not hide what follows on the line.
    #expect(SpecKeyScan.issue("a: &a 1\nb: {k: x 'y, *a : 1}\n")?.line == 2)
  }

  @Test func aliasesWithinTheBudgetAreExpanded() throws {
    // 4^4 = 256 scalars below l4, well within the budget.
    let root = try #require(try SpecNode.parse(Self.aliasBomb(levels: 4, width: 4), file: "s"))
    guard case .mapping(let entries) = root.content, let last = entries.last else {
      Issue.record("expected a mapping")
      return
    }
    func leaves(_ node: SpecNode) -> Int {
      switch node.content {
      case .scalar: return 1
      case .sequence(let items): return items.map(leaves).reduce(0, +)
      case .mapping(let entries): return entries.map { leaves($0.value) }.reduce(0, +)
      }
    }
    #expect(leaves(last.value) == 4 * 4 * 4 * 4 * 4)
  }

  @Test func nestingBeyondTheDepthLimitNamesItsPath() throws {
    let depth = SpecNode.maximumDepth + 10
    let text = "a: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    let refusal = try #require(issue(text))
    #expect(refusal.message.contains("deeper than \(SpecNode.maximumDepth)"))
    #expect(refusal.keyPath.hasPrefix("a[0][0]"))
  }

  @Test func controlCharactersAreReportedOnTheirLine() throws {
    let text = "study: s\ndata:\n  path: x.csv\n  filter: \"a\u{1}\"\n"
    let refusal = try #require(issue(text))
    #expect(refusal.line == 4, "\(refusal)")
    #expect(refusal.message.contains("control characters"))
    #expect(SpecNode.lineNumber(ofCharacter: 0, in: "a\r\nb\nc") == 1)
    #expect(SpecNode.lineNumber(ofCharacter: 2, in: "a\r\nb\nc") == 2)
    #expect(SpecNode.lineNumber(ofCharacter: 4, in: "a\r\nb\nc") == 3)
  }
}

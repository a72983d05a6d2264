import Testing

@testable import Models

/// The per-column separation checks on small hand-made columns (each case worked out by hand).
@Suite struct SeparationScanTests {
  func term(_ column: [Double], _ y: [Double], binomial: Bool = true) -> SeparationReport.Term? {
    let binary = y.allSatisfy { $0 == 0 || $0 == 1 }
    return column.withUnsafeBufferPointer { c in
      y.withUnsafeBufferPointer { py in
        SeparationCheck.singleTerm(
          c, y: py, outcomes: .init(y), binomial: binomial, binary: binary, name: "d")
      }
    }
  }

  @Test func dummyCases() {
    // Ones all have y = 1 and the zeros all y = 0: complete.
    #expect(term([1, 1, 0, 0], [1, 1, 0, 0]) == .init(term: "d", complete: true, observations: 2))
    // Ones all y = 1, zeros mixed: quasi-complete.
    #expect(
      term([1, 1, 0, 0], [1, 1, 1, 0]) == .init(term: "d", complete: false, observations: 2))
    // Ones all y = 0, zeros mixed: quasi-complete.
    #expect(
      term([1, 1, 0, 0], [0, 0, 1, 0]) == .init(term: "d", complete: false, observations: 2))
    // Ones mixed: no separation; a constant column: none.
    #expect(term([1, 1, 0, 0], [1, 0, 1, 0]) == nil)
    #expect(term([1, 1, 1, 1], [1, 0, 1, 0]) == nil)
    // Poisson: zero counts wherever the dummy is 1.
    #expect(
      term([1, 1, 0, 0], [0, 0, 3, 0], binomial: false)
        == .init(term: "d", complete: false, observations: 2))
    #expect(term([1, 1, 0, 0], [0, 2, 3, 0], binomial: false) == nil)
  }

  @Test func numericCases() {
    #expect(
      term([0.5, 1.5, 2.5, 3.5], [0, 0, 1, 1]) == .init(term: "d", complete: true, observations: 4))
    // Ranges touch at 2.5: quasi-complete, 3 rows away from the tie.
    #expect(
      term([0.5, 2.5, 2.5, 3.5], [0, 0, 1, 1]) == .init(term: "d", complete: false, observations: 2)
    )
    #expect(term([0.5, 2.5, 1.5, 3.5], [0, 1, 0.5, 1]) == nil)
    #expect(term([0.5, 2.5, 1.5, 3.5], [0, 1, 1, 0]) == nil)
  }
}

import Testing

@testable import DataTable

@Suite("First-appearance codes")
struct FirstAppearanceCodesTests {
  /// Values with repeats in no particular order, from a fixed linear congruential sequence.
  static func values(count: Int, distinct: Int) -> [Int] {
    var state: UInt64 = 2030
    return (0..<count).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(distinct)) * 7 - 50
    }
  }

  @Test func codesAreDenseInOrderOfFirstAppearance() {
    let values = Self.values(count: 500, distinct: 40)
    var numbering = FirstAppearanceCodes<Int>()
    let codes = values.map { numbering.code(for: $0) }
    // Reference: the distinct values in order of first appearance, found by a linear search.
    var firstSeen: [Int] = []
    for v in values where !firstSeen.contains(v) { firstSeen.append(v) }
    #expect(numbering.keys == firstSeen)
    #expect(numbering.count == firstSeen.count)
    #expect(codes == values.map { v in firstSeen.firstIndex(of: v) ?? -1 })
    #expect(zip(codes, values).allSatisfy { numbering.keys[$0] == $1 })
  }

  @Test func textColumnLevelsFollowFirstAppearanceAndSkipMissing() {
    let raw: [String?] = ["b", nil, "a", "b", "c", nil, "a"]
    let column = Column.string("track", raw)
    guard case .text(let codes, let levels) = column.values else {
      Issue.record("expected a text column")
      return
    }
    #expect(levels == ["b", "a", "c"])
    #expect(codes == [0, -1, 1, 0, 2, -1, 1])
    #expect((0..<raw.count).map { column.stringValue($0) } == raw)
  }
}

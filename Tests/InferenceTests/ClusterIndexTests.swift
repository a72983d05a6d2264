import Testing

@testable import Inference

/// Dense cluster codes: first-appearance order, and the intersection used by two-way clustering.
@Suite struct ClusterIndexTests {
  @Test func codesFollowFirstAppearance() {
    let index = ClusterIndex(keys: ["b", "a", "b", "c", "a", "a"])
    #expect(index.codes == [0, 1, 0, 2, 1, 1])
    #expect(index.count == 3)
    #expect(ClusterIndex(keys: [Int]()).count == 0)
  }

  @Test func equalKeysShareACodeAcrossTypes() {
    let numeric = ClusterIndex(keys: [2024.0, 2023, 2024, 2022])
    let text = ClusterIndex(keys: ["2024", "2023", "2024", "2022"])
    #expect(numeric == text, "the codes depend only on which rows share a key")
  }

  @Test func intersectionHasOneCodePerDistinctPair() {
    let school = ClusterIndex(keys: [1, 1, 2, 2, 3, 3, 1, 2])
    let year = ClusterIndex(keys: [10, 11, 10, 11, 10, 11, 10, 10])
    let both = school.intersected(with: year)
    // Pairs: (1,10) (1,11) (2,10) (2,11) (3,10) (3,11) (1,10) (2,10).
    #expect(both.count == 6)
    #expect(both.codes == [0, 1, 2, 3, 4, 5, 0, 2])
    // Two rows share an intersection code exactly when they share both codes.
    for i in 0..<8 {
      for j in 0..<8 {
        let same = school.codes[i] == school.codes[j] && year.codes[i] == year.codes[j]
        #expect((both.codes[i] == both.codes[j]) == same)
      }
    }
  }

  @Test func intersectionWithItselfIsItself() {
    let index = ClusterIndex(keys: (0..<50).map { ($0 * 7) % 11 })
    #expect(index.intersected(with: index) == index)
  }
}

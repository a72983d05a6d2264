import Models
import Testing

@testable import Studies

/// `SurvivalAnalysis.learnersAtRisk` (sorted intervals and binary searches) equals the direct
/// count (every spell checked at every time, distinct learners counted) on random spells with
/// several, sometimes overlapping or touching, spells per learner and delayed entry.
struct LearnersAtRiskTests {
  @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
  func equalsTheDirectCount(seed: UInt64) throws {
    var state = seed &* 0x9E37_79B9_7F4A_7C15
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    let n = 400
    var entry: [Double] = []
    var exit: [Double] = []
    var learner: [Int] = []
    for _ in 0..<n {
      let start = Double(next(20))
      entry.append(start)
      exit.append(start + 1 + Double(next(10)))
      learner.append(next(60))
    }
    let spells = try SurvivalSpells(
      exit: exit, event: exit.map { _ in true }, entry: seed == 5 ? nil : entry)
    let rows = (0..<n).filter { $0 % 7 != 0 }
    let times = (0...32).map { Double($0) / 1.0 } + [2.5, 10.5, -1]
    let fast = SurvivalAnalysis.learnersAtRisk(
      spells, among: rows, learner: { learner[$0] }, times: times)
    let direct = times.map { t in
      Set(SurvivalAnalysis.atRisk(spells, t, among: rows).map { learner[$0] }).count
    }
    #expect(fast == direct)
    #expect(direct.contains { $0 > 10 })
  }
}

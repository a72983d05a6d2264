import DataTable
import Foundation

/// A small learner panel drawn from a seed (splitmix64, Box-Muller): 30 units x 4 periods, two
/// continuous regressors, a three-level factor, a continuous and a 0/1 outcome. Deterministic, so
/// a failing property names the seed that reproduces it.
struct SyntheticPanel {
  let unit: [Int]
  let period: [Int]
  let group: [String]
  let x1: [Double]
  let x2: [Double]
  let y: [Double]
  let passed: [Double]

  init(seed: UInt64, units: Int = 30, periods: Int = 4) {
    var state = seed &+ 0x1234_5678
    func uniform() -> Double {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return (Double((z ^ (z >> 31)) >> 11) + 0.5) / Double(1 << 53)
    }
    func normal() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * .pi * uniform()) }
    var unit: [Int] = []
    var period: [Int] = []
    var group: [String] = []
    var x1: [Double] = []
    var x2: [Double] = []
    var y: [Double] = []
    var passed: [Double] = []
    let levels = ["general", "stem", "vocational"]
    for u in 0..<units {
      let unitEffect = normal()
      for t in 0..<periods {
        let g = Int(uniform() * 3) % 3
        let a = normal()
        let b = 0.5 * a + normal()
        let outcome =
          1 + 0.5 * a - 0.3 * b + 0.4 * Double(g) + unitEffect + 0.2 * Double(t)
          + normal()
        unit.append(u + 1)
        period.append(2020 + t)
        group.append(levels[g])
        x1.append(a)
        x2.append(b)
        y.append(outcome)
        passed.append(outcome + normal() > 1.5 ? 1 : 0)
      }
    }
    (self.unit, self.period, self.group) = (unit, period, group)
    (self.x1, self.x2, self.y, self.passed) = (x1, x2, y, passed)
  }

  /// The panel as a table, rows in `order` (default: as drawn), `x1` multiplied by `scale1` and
  /// `x2` by `scale2`.
  func table(order: [Int]? = nil, scale1: Double = 1, scale2: Double = 1) throws -> DataTable {
    let rows = order ?? Array(0..<y.count)
    return try DataTable(columns: [
      .double("y", rows.map { y[$0] }),
      .double("passed", rows.map { passed[$0] }),
      .double("x1", rows.map { x1[$0] * scale1 }),
      .double("x2", rows.map { x2[$0] * scale2 }),
      // Exactly dependent on the unscaled regressors: always aliased, at any scale of x1.
      .double("x3", rows.map { x1[$0] + x2[$0] }),
      .string("track", rows.map { group[$0] }, type: .category),
      .int("learner_id", rows.map { unit[$0] }),
      .int("year", rows.map { period[$0] }),
    ])
  }

  /// A permutation of the rows drawn from `seed` (Fisher-Yates).
  func permutation(seed: UInt64) -> [Int] {
    var order = Array(0..<y.count)
    var state = seed
    for i in stride(from: order.count - 1, to: 0, by: -1) {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let j = Int((state >> 33) % UInt64(i + 1))
      order.swapAt(i, j)
    }
    return order
  }
}

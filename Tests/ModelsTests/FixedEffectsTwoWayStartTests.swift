import DataTable
import Foundation
import Inference
import Models
import Testing

/// The exact two-way start of the demeaning (`TwoWayPartition`): rows in any order, weights, and
/// agreement with the one-way fit that carries the small effect as dummies (Frisch-Waugh-Lovell).
@Suite struct FixedEffectsTwoWayStartTests {
  static func panel() throws -> DataTable {
    try FixedEffectsReferenceTests.table("panel_20000.csv")
  }

  /// The table with its rows in a fixed pseudo-random order (learners no longer grouped).
  static func shuffled(_ table: DataTable) -> DataTable {
    var state: UInt64 = 12345
    var order = Array(0..<table.rowCount)
    for i in stride(from: order.count - 1, to: 0, by: -1) {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      order.swapAt(i, Int((state >> 33) % UInt64(i + 1)))
    }
    return table.gathering(rows: order)
  }

  /// Relative agreement expected of fits that differ only in row order or in how the year
  /// effect is carried: the demeaning's own convergence tolerance (no effect moves by more than
  /// this relative to the column's scale), not a constant tuned to one CPU's rounding.
  static let tolerance = DemeaningOptions().tolerance

  static func expectClose(_ a: [Double], _ b: [Double], _ label: String) {
    #expect(a.count == b.count)
    for (x, y) in zip(a, b) {
      let error = abs(x - y) / max(abs(y), .leastNormalMagnitude)
      print("tolerance ratio \(String(format: "%.3e", error / tolerance)) two-way start \(label)")
      #expect(error <= tolerance, "\(label): \(x) vs \(y)")
    }
  }

  @Test(arguments: [nil, "age"] as [String?])
  func twoWayEqualsOneWayWithDummiesInAnyRowOrder(weights: String?) throws {
    let table = try Self.panel()
    let twoWay = "score ~ stem_enrolled + early_leaver | learner_id + year"
    let dummies = "score ~ stem_enrolled + early_leaver + C(year) | learner_id"
    let sorted = try FixedEffects.fit(twoWay, data: table, weights: weights, vcov: .iid)
    let mixed = try FixedEffects.fit(
      twoWay, data: Self.shuffled(table), weights: weights, vcov: .iid)
    let explicit = try FixedEffects.fit(dummies, data: table, weights: weights, vcov: .iid)
    #expect(sorted.demeaning.converged && mixed.demeaning.converged)
    #expect(sorted.demeaning.iterations <= 2)
    #expect(mixed.demeaning.iterations <= 2)
    Self.expectClose(mixed.coefficients.values, sorted.coefficients.values, "rows shuffled, b")
    Self.expectClose(mixed.standardErrors, sorted.standardErrors, "rows shuffled, se")
    Self.expectClose(
      Array(explicit.coefficients.values.prefix(2)), sorted.coefficients.values,
      "year dummies, b")
    Self.expectClose(
      [explicit.residualSumOfSquares], [sorted.residualSumOfSquares], "year dummies, rss")
  }
}

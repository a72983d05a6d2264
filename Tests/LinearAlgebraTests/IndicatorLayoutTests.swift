import Foundation
import Testing

@testable import LinearAlgebra

@Suite("Indicator layout (factor dummies coded per row)")
struct IndicatorLayoutTests {
  /// Intercept, a numeric column, a 4-level factor (3 dummies), a dense 0/1 column, a 3-level
  /// factor (2 dummies) and a second numeric column; rows in a scrambled order.
  static func design(_ n: Int) -> Matrix {
    var columns = [[Double]](repeating: [Double](repeating: 0, count: n), count: 8)
    var g = SplitMix64(seed: 21)
    for i in 0..<n {
      let a = Int.random(in: 0..<4, using: &g)
      let b = Int.random(in: 0..<3, using: &g)
      columns[0][i] = 1
      columns[1][i] = Double.random(in: -2...2, using: &g)
      if a > 0 { columns[1 + a][i] = 1 }
      columns[5][i] = i % 2 == 0 ? 1 : 0
      if b > 0 { columns[5 + b][i] = 1 }
      columns[7][i] = columns[1][i] * columns[1][i]
    }
    // Column 7 becomes numeric again after the second factor: order 0 1 f f f d g g x2.
    return Matrix(columns: [
      columns[0], columns[1], columns[2], columns[3], columns[4], columns[5], columns[6],
      columns[7].map { $0 > 1 ? 1 : 0 }, columns[7],
    ])
  }

  @Test func findsTheFactorGroups() {
    let x = Self.design(2_000)
    let layout = IndicatorLayout(x)
    // Column 7 (x^2 > 1) is 0/1 but not exclusive with column 6 in every row; whether it joins
    // depends on the data, so only the clear cases are checked.
    #expect(layout.groups.first == [2, 3, 4])
    #expect(layout.dense.contains(0) && layout.dense.contains(1) && layout.dense.contains(5))
    #expect(layout.dense.contains(8))
    #expect(layout.groups.contains { $0.starts(with: [6]) })
  }

  @Test(arguments: [97, 1_000, 8_192])
  func groupedProductsEqualDenseOnes(blockRows: Int) {
    let n = 5_003
    let x = Self.design(n)
    let layout = IndicatorLayout(x)
    #expect(!layout.isDense)
    let b = (0..<x.columns).map { 0.1 * Double($0) - 0.3 }
    func run(_ layout: IndicatorLayout?) -> (ScaledCrossProducts, [Double]) {
      var eta = [Double](repeating: 0, count: n)
      let result = eta.withUnsafeMutableBufferPointer { out in
        x.scaledCrossProducts(coefficients: b, layout: layout, blockRows: blockRows) { block in
          for k in 0..<block.rows.count {
            let i = block.rows.lowerBound + k
            out[i] = block.linear[k]
            block.scale[k] = 0.5 + Double(i % 5) / 4
            block.target[k] = cos(Double(i))
          }
          return 1
        }
      }
      return (result, eta)
    }
    let (dense, etaDense) = run(nil)
    let (grouped, etaGrouped) = run(layout)
    // Dense and grouped sums of X' S^2 X, X' S^2 t and X b: two summation orders of each.
    let w = (0..<n).map { pow(0.5 + Double($0 % 5) / 4, 2) }
    let t = (0..<n).map { cos(Double($0)) }
    let bound = weightedCrossProductTolerance(x, weights: w, target: t)
    expectWithin(maxAbsDifference(dense.gram, grouped.gram), bound, "grouped X'S^2X \(blockRows)")
    expectWithin(
      maxAbsDifference(dense.vector, grouped.vector), bound, "grouped X'S^2t \(blockRows)")
    expectWithin(
      maxAbsDifference(etaDense, etaGrouped), productTolerance(x, columnMatrix(b)),
      "grouped X b \(blockRows)")
    #expect(grouped.gram == grouped.gram.transposed)
    #expect(grouped.total == dense.total)
  }

  @Test func selectingColumnsKeepsTheCoding() {
    let n = 3_001
    let x = Self.design(n)
    let layout = IndicatorLayout(x)
    let kept = [0, 1, 3, 4, 5, 6, 8]  // drop the first dummy of the first factor
    let sub = x.selectingColumns(kept)
    let fill: (ScaledRowBlock) -> Double = { block in
      for k in 0..<block.rows.count {
        block.scale[k] = 1 + Double((block.rows.lowerBound + k) % 3)
        block.target[k] = 1
      }
      return 0
    }
    let expected = sub.scaledCrossProducts(blockRows: 500, fill)
    let coded = sub.scaledCrossProducts(layout: layout.selecting(kept), blockRows: 500, fill)
    // Two summation orders of X' S^2 X and X' S^2 1.
    let w = (0..<n).map { pow(1 + Double($0 % 3), 2) }
    let bound = weightedCrossProductTolerance(
      sub, weights: w, target: [Double](repeating: 1, count: n))
    expectWithin(maxAbsDifference(expected.gram, coded.gram), bound, "selected columns X'S^2X")
    expectWithin(maxAbsDifference(expected.vector, coded.vector), bound, "selected columns X'S^2t")
  }

  @Test func largeFactorsAreSplitIntoGroups() {
    // 150 levels with one row each plus a reference row: 150 exclusive dummies.
    let n = 1_000
    var columns: [[Double]] = [[Double](repeating: 1, count: n)]
    for level in 0..<150 {
      var c = [Double](repeating: 0, count: n)
      c[level] = 1
      columns.append(c)
    }
    let layout = IndicatorLayout(Matrix(columns: columns))
    #expect(layout.groups.map(\.count) == [64, 64, 22])
    #expect(layout.dense == [0])
  }
}

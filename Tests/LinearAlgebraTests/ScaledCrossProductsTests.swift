import Foundation
import Testing

@testable import LinearAlgebra

@Suite("Scaled cross products (blocked X'S^2X, X'S^2t)")
struct ScaledCrossProductsTests {
  /// Reference: X' diag(s^2) X, X' diag(s^2) t by plain loops.
  func reference(_ x: Matrix, _ s: [Double], _ t: [Double]) -> (Matrix, [Double]) {
    var g = Matrix(rows: x.columns, columns: x.columns)
    var v = [Double](repeating: 0, count: x.columns)
    for i in 0..<x.rows {
      let w = s[i] * s[i]
      for a in 0..<x.columns {
        v[a] += x[i, a] * w * t[i]
        for b in 0..<x.columns { g[a, b] += x[i, a] * w * x[i, b] }
      }
    }
    return (g, v)
  }

  @Test(arguments: [1, 7, 64, 1000])
  func matchesLoopsForEveryBlockSize(blockRows: Int) {
    let x = randomMatrix(1003, 5, seed: 11)
    let s = (0..<1003).map { 0.5 + Double($0 % 7) / 7 }
    let t = (0..<1003).map { sin(Double($0)) }
    let (g, v) = reference(x, s, t)
    let result = x.scaledCrossProducts(blockRows: blockRows) { block in
      for k in 0..<block.rows.count {
        block.scale[k] = s[block.rows.lowerBound + k]
        block.target[k] = t[block.rows.lowerBound + k]
      }
      return Double(block.rows.count)
    }
    // Blocked BLAS sums and the plain loop: two summation orders of X' S^2 X and X' S^2 t.
    let bound = weightedCrossProductTolerance(x, weights: s.map { $0 * $0 }, target: t)
    expectWithin(maxAbsDifference(result.gram, g), bound, "X'S^2X, blocks of \(blockRows)")
    expectWithin(maxAbsDifference(result.vector, v), bound, "X'S^2t, blocks of \(blockRows)")
    #expect(result.total == 1003)
    #expect(result.gram == result.gram.transposed, "the Gram matrix must be exactly symmetric")
  }

  @Test func linearPredictorIsHandedToEachBlock() {
    let x = randomMatrix(517, 4, seed: 12)
    let b = [0.5, -1, 2, 0.25]
    let eta = x.multiplied(by: b)
    var seen = [Double](repeating: .nan, count: 517)
    seen.withUnsafeMutableBufferPointer { out in
      _ = x.scaledCrossProducts(coefficients: b, blockRows: 50) { block in
        #expect(block.linear.count == block.rows.count)
        for k in 0..<block.rows.count {
          out[block.rows.lowerBound + k] = block.linear[k]
          block.scale[k] = 1
          block.target[k] = 0
        }
        return 0
      }
    }
    expectWithin(
      maxAbsDifference(seen, eta), productTolerance(x, columnMatrix(b)), "linear predictor")
  }

  @Test func resultDoesNotDependOnTheThreads() {
    // Blocks are summed in block order, so serial and parallel runs agree bit for bit.
    let x = randomMatrix(20_000, 6, seed: 13)
    func run() -> ScaledCrossProducts {
      x.scaledCrossProducts(blockRows: 300) { block in
        var sum = 0.0
        for k in 0..<block.rows.count {
          let i = block.rows.lowerBound + k
          block.scale[k] = 1 + Double(i % 3)
          block.target[k] = Double(i % 5) - 2
          sum += block.target[k]
        }
        return sum
      }
    }
    let first = run()
    let second = run()
    #expect(first.gram == second.gram)
    #expect(first.vector == second.vector)
    #expect(first.total == second.total)
    let weights = (0..<20_000).map { pow(1 + Double($0 % 3), 2) }
    let plain = x.crossProduct(weights: weights)
    expectWithin(
      maxAbsDifference(first.gram, plain), weightedCrossProductTolerance(x, weights: weights),
      "blocked vs one weighted dsyrk")
  }

  @Test func emptyAndSingleColumn() {
    let empty = Matrix(rows: 0, columns: 3)
    let none = empty.scaledCrossProducts { _ in 1 }
    #expect(none.gram == Matrix(rows: 3, columns: 3))
    #expect(none.total == 0)
    let ones = Matrix(rows: 10, columns: 1, repeating: 1)
    let sum = ones.scaledCrossProducts(blockRows: 3) { block in
      for k in 0..<block.rows.count {
        block.scale[k] = 2
        block.target[k] = 1
      }
      return 0
    }
    #expect(sum.gram[0, 0] == 40)
    #expect(sum.vector == [40])
  }

  @Test func rowScalingMatchesElementwise() {
    let x = randomMatrix(300, 3, seed: 14)
    let s = (0..<300).map { Double($0) / 100 }
    let scaled = x.scalingRows(by: s)
    for j in 0..<3 { for i in 0..<300 { #expect(scaled[i, j] == x[i, j] * s[i]) } }
    let big = randomMatrix(100_000, 3, seed: 15)
    let scale = (0..<100_000).map { 1 + Double($0 % 4) }
    let scaledBig = big.scalingRows(by: scale)
    #expect(
      (0..<300_000).allSatisfy { scaledBig.storage[$0] == big.storage[$0] * scale[$0 % 100_000] })
  }
}

import Testing

@testable import LinearAlgebra

@Suite("BLAS products")
struct BLASProductTests {
  let a = randomMatrix(7, 4, seed: 1)
  let b = randomMatrix(4, 5, seed: 2)
  let c = randomMatrix(7, 3, seed: 3)

  @Test func gemmMatchesNaiveLoops() {
    // Every comparison here: two summation orders of one product, within k eps |A||B|.
    expectWithin(maxAbsDifference(a * b, naiveProduct(a, b)), productTolerance(a, b), "dgemm")
  }

  @Test func gemmTransposeFlags() {
    let reference = naiveProduct(a.transposed, c)
    expectWithin(
      maxAbsDifference(a.multiplied(by: c, transposingSelf: true), reference),
      productTolerance(a.transposed, c), "dgemm A'C")
    let bt = b.transposed
    expectWithin(
      maxAbsDifference(a.multiplied(by: bt, transposingOther: true), naiveProduct(a, b)),
      productTolerance(a, b), "dgemm A with B' transposed")
    expectWithin(
      maxAbsDifference(
        b.multiplied(by: a, transposingSelf: true, transposingOther: true),
        naiveProduct(b.transposed, a.transposed)),
      productTolerance(b.transposed, a.transposed), "dgemm B'A'")
  }

  @Test func gemvBothWays() {
    let v = [0.5, -1, 2, 3]
    let w = [1.0, 2, 3, 4, 5, 6, 7]
    let av = naiveProduct(a, Matrix(rows: 4, columns: 1, storage: v)).storage
    let atw = naiveProduct(a.transposed, Matrix(rows: 7, columns: 1, storage: w)).storage
    expectWithin(
      maxAbsDifference(a.multiplied(by: v), av), productTolerance(a, columnMatrix(v)), "dgemv")
    expectWithin(
      maxAbsDifference(a.transposeMultiplied(by: w), atw),
      productTolerance(a.transposed, columnMatrix(w)), "dgemv transposed")
  }

  @Test func tallGemvInParallelRowBlocksMatchesNaiveSums() {
    // 3 full blocks of 65,536 rows and a partial one.
    let tall = randomMatrix(3 * 65_536 + 1_001, 3, seed: 4)
    let v = [0.25, -2, 1.5]
    let product = tall.multiplied(by: v)
    var worst = 0.0
    for i in 0..<tall.rows {
      let expected = tall[i, 0] * v[0] + tall[i, 1] * v[1] + tall[i, 2] * v[2]
      worst = max(worst, abs(product[i] - expected))
    }
    #expect(product.count == tall.rows)
    expectWithin(worst, productTolerance(tall, columnMatrix(v)), "tall dgemv in row blocks")
  }

  @Test func crossProductsMatchNaiveLoops() {
    let ata = naiveProduct(a.transposed, a)
    let syrk = a.crossProduct()
    expectWithin(maxAbsDifference(syrk, ata), productTolerance(a.transposed, a), "dsyrk")
    #expect(syrk == syrk.transposed, "dsyrk result must be exactly symmetric")
    expectWithin(
      maxAbsDifference(a.crossProduct(with: c), naiveProduct(a.transposed, c)),
      productTolerance(a.transposed, c), "cross product A'C")
  }

  @Test(arguments: [false, true])
  func weightedCrossProduct(withNegativeWeight: Bool) {
    var w = (0..<7).map { 0.25 + Double($0) }
    if withNegativeWeight { w[3] = -2 }
    var wa = a
    for j in 0..<a.columns { for i in 0..<a.rows { wa[i, j] *= w[i] } }
    let reference = naiveProduct(a.transposed, wa)
    let result = a.crossProduct(weights: w)
    expectWithin(
      maxAbsDifference(result, reference), weightedCrossProductTolerance(a, weights: w),
      "weighted cross product")
    #expect(result == result.transposed)
  }

  @Test func symmetrizedCopiesUpperTriangle() {
    let m = Matrix(rowMajor: [[1, 2, 3], [9, 4, 5], [9, 9, 6]])
    #expect(m.symmetrized() == Matrix(rowMajor: [[1, 2, 3], [2, 4, 5], [3, 5, 6]]))
  }

  @Test func emptyShapesDoNotTrap() {
    let e = Matrix(rows: 0, columns: 3)
    #expect(e.crossProduct() == Matrix(rows: 3, columns: 3))
    #expect(e.transposeMultiplied(by: []) == [0, 0, 0])
    #expect(
      (Matrix(rows: 2, columns: 0) * Matrix(rows: 0, columns: 2)) == Matrix(rows: 2, columns: 2))
  }
}

@Suite("BLAS configuration")
struct BLASConfigurationTests {
  @Test func logsConfigurationOnce() {
    let configuration = BLAS.configuration
    print("BLAS configuration: \(configuration)")
    #expect(!configuration.isEmpty)
    #expect(BLAS.threads >= 1)
  }
}

import Foundation
import Testing

@testable import LinearAlgebra

/// The two-level (tall-skinny) path of `HouseholderQR`, taken for designs of more than
/// 2 x `HouseholderQR.blockRows` rows, must behave exactly like one Householder QR.
@Suite("Tall-skinny QR")
struct TallSkinnyQRTests {
  /// A deterministic pseudo-random design (splitmix64), n x p, with an intercept column.
  static func design(rows n: Int, columns p: Int, seed: UInt64 = 7) -> Matrix {
    var state = seed
    func next() -> Double {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
    var x = Matrix(rows: n, columns: p)
    for i in 0..<n { x[i, 0] = 1 }
    for j in 1..<p { for i in 0..<n { x[i, j] = next() * Double(j) - 0.5 } }
    return x
  }

  @Test func takesTheTwoLevelPathAndStaysOrthogonal() throws {
    let n = 3 * HouseholderQR.blockRows + 123
    let x = Self.design(rows: n, columns: 5)
    let qr = try HouseholderQR(x)
    #expect(qr.blocks.count == 3)
    #expect(qr.top != nil)
    // Householder QR is backward stable: errors are O(p eps ||X||) (Higham 2002, thm 19.4).
    // The bound scales with the problem (largest column norm, width), not with one CPU's
    // rounding; 64 leaves room for blocked kernels that order their sums differently.
    var largestColumnNorm = 0.0
    for j in 0..<5 {
      var sum = 0.0
      for i in 0..<n { sum += x[i, j] * x[i, j] }
      largestColumnNorm = max(largestColumnNorm, sum.squareRoot())
    }
    let tolerance = 64 * Double.ulpOfOne * 5 * largestColumnNorm
    // Q'X = [R; 0] and Q Q' B = B.
    let qtx = qr.applyQTranspose(x)
    let r = qr.r
    var worstTop = 0.0
    var worstRest = 0.0
    for j in 0..<5 {
      for i in 0..<5 { worstTop = max(worstTop, abs(qtx[i, j] - (i <= j ? r[i, j] : 0))) }
      for i in 5..<n { worstRest = max(worstRest, abs(qtx[i, j])) }
    }
    expectWithin(worstTop, tolerance, "tall-skinny Q'X top block = R")
    expectWithin(worstRest, tolerance, "tall-skinny Q'X below R = 0")
    let back = qr.applyQ(qtx, transpose: false)
    var worstBack = 0.0
    for k in 0..<x.storage.count { worstBack = max(worstBack, abs(back.storage[k] - x.storage[k])) }
    expectWithin(worstBack, tolerance, "tall-skinny Q Q'X = X")
    // R'R = (X + dX)'(X + dX) with each column ||dx_j|| within the tolerance above (a normwise
    // bound), so |dX'X + X'dX| <= 2 tolerance max ||x_j||, plus the rounding of the two products.
    let xtx = x.crossProduct()
    let rtr = r.multiplied(by: r, transposingSelf: true)
    let productBound = productTolerance(x.transposed, x) + productTolerance(r.transposed, r)
    expectWithin(
      maxAbsDifference(xtx, rtr), 2 * tolerance * largestColumnNorm + productBound,
      "tall-skinny R'R = X'X")
  }

  @Test func aliasesLikeTheSingleBlockPath() throws {
    let n = 2 * HouseholderQR.blockRows + 500
    var x = Self.design(rows: n, columns: 6)
    // Column 3 = column 1 + column 2: the later column of the dependent set is aliased.
    for i in 0..<n { x[i, 3] = x[i, 1] + x[i, 2] }
    let qr = try LeastSquaresQR(x)
    #expect(qr.kept == [0, 1, 2, 4, 5])
    #expect(qr.aliased == [3])
  }

  /// Powers t^0 ... t^5 of t in [0, 2) and y = their sum: ill-conditioned (kappa >> 100, so
  /// the refinement path with Q and Q' runs) and exact, with every coefficient 1.
  static func exactPolynomial(rows n: Int) -> (x: Matrix, y: [Double]) {
    var x = Matrix(rows: n, columns: 6)
    var y = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let t = 2 * Double(i) / Double(n)
      var power = 1.0
      for j in 0..<6 {
        x[i, j] = power
        y[i] += power
        power *= t
      }
    }
    return (x, y)
  }

  @Test func exactPolynomialIsRecoveredThroughRefinement() throws {
    let (x, y) = Self.exactPolynomial(rows: 2 * HouseholderQR.blockRows + 777)
    let qr = try LeastSquaresQR(x)
    #expect(qr.conditionEstimate > LeastSquaresQR.refinementThreshold)
    // An exact fit (zero residual): the forward error is O(n eps kappa ||beta||).
    let ones = [Double](repeating: 1, count: 6)
    let bound = solveTolerance(
      unknowns: 6, condition: try conditionNumber(x), solutionNorm: norm2(ones))
    expectWithin(maxAbsDifference(qr.coefficients(y), ones), bound, "exact polynomial, refined")
  }
}

@Suite("Blocked cross product")
struct BlockedCrossProductTests {
  @Test func blockedSumsEqualOneDsyrk() {
    let n = 3 * 65_536 + 17
    let x = TallSkinnyQRTests.design(rows: n, columns: 4)
    let blocked = x.crossProduct()
    var worst = 0.0
    for j in 0..<4 {
      for i in 0..<4 {
        var exact = 0.0
        for r in 0..<n { exact += x[r, i] * x[r, j] }
        worst = max(worst, abs(blocked[i, j] - exact))
        #expect(blocked[i, j] == blocked[j, i])
      }
    }
    // Blocked dsyrk and the plain loop: two summation orders of X'X.
    expectWithin(worst, productTolerance(x.transposed, x), "blocked cross product")
  }
}

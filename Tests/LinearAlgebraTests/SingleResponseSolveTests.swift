import Testing

@testable import LinearAlgebra

/// `LeastSquaresQR.solve` (R of `[X y]`, no stored Q) must give what `LeastSquaresQR(x)` and
/// `coefficients(y)` give: the same kept columns, R and coefficients.
@Suite("One-response least squares")
struct SingleResponseSolveTests {
  /// A response from known coefficients plus deterministic noise.
  static func response(_ x: Matrix, noise: Double = 0.3) -> [Double] {
    let beta = (0..<x.columns).map { Double($0 % 5) - 1.5 }
    let noiseColumn = TallSkinnyQRTests.design(rows: x.rows, columns: 2, seed: 99)
    return (0..<x.rows).map { i in
      var s = noise * (noiseColumn[i, 1] - 0.25)
      for j in 0..<x.columns { s += beta[j] * x[i, j] }
      return s
    }
  }

  /// Two stable least-squares routes on the kept columns: each is within the forward-error
  /// bound of kappa(X_k), so they differ by at most twice that; the unscaled covariance
  /// (X_k'X_k)^-1, of norm 1 / sigma_min^2, is solved with condition kappa^2 by both.
  static func expectSame(_ x: Matrix, _ y: [Double], _ label: String) throws {
    let stored = try LeastSquaresQR(x)
    let reference = stored.coefficients(y)
    let solved = try LeastSquaresQR.solve(x, response: y)
    #expect(solved.kept == stored.kept)
    #expect(solved.aliased == stored.aliased)
    #expect(solved.coefficients.count == reference.count)
    guard solved.coefficients.count == reference.count else { return }
    let xk = x.selectingColumns(stored.kept)
    expectWithin(
      maxAbsDifference(solved.coefficients, reference),
      2 * (try leastSquaresTolerance(xk, y, solution: reference)), "\(label): coefficients")
    let sigma = try singularValues(xk)
    let kappa = (sigma.first ?? 1) / (sigma.last ?? 1)
    let smallest = sigma.last ?? 1
    expectWithin(
      maxAbsDifference(solved.unscaledCovariance(), stored.unscaledCovariance()),
      2
        * solveTolerance(
          unknowns: xk.columns, condition: kappa * kappa, solutionNorm: 1 / (smallest * smallest)),
      "\(label): unscaled covariance")
  }

  @Test func twoLevelPathMatchesTheStoredQ() throws {
    let x = TallSkinnyQRTests.design(rows: 5 * HouseholderQR.blockRows + 311, columns: 7)
    try Self.expectSame(x, Self.response(x), "two-level path")
  }

  @Test func oneBlockPathMatchesTheStoredQ() throws {
    let x = TallSkinnyQRTests.design(rows: 500, columns: 4)
    try Self.expectSame(x, Self.response(x), "one-block path")
  }

  @Test func aliasedColumnsAreTheSame() throws {
    let n = 3 * HouseholderQR.blockRows + 17
    var x = TallSkinnyQRTests.design(rows: n, columns: 6)
    for i in 0..<n { x[i, 4] = 2 * x[i, 1] - x[i, 3] }
    let solved = try LeastSquaresQR.solve(x, response: Self.response(x))
    #expect(solved.aliased == [4])
    try Self.expectSame(x, Self.response(x), "aliased design")
  }

  @Test func exactFitIsRecovered() throws {
    let x = TallSkinnyQRTests.design(rows: 2 * HouseholderQR.blockRows + 5, columns: 5)
    let y = Self.response(x, noise: 0)
    let solved = try LeastSquaresQR.solve(x, response: y)
    // An exact fit (zero residual): the forward error is O(n eps kappa ||beta||); y itself is
    // rounded when formed, which acts as a backward error of the same size.
    let beta = (0..<5).map { Double($0 % 5) - 1.5 }
    let bound = solveTolerance(
      unknowns: 5, condition: try conditionNumber(x), solutionNorm: norm2(beta))
    expectWithin(maxAbsDifference(solved.coefficients, beta), bound, "exact fit recovered")
  }

  @Test func illConditionedDesignsTakeTheRefinedPath() throws {
    let (x, y) = TallSkinnyQRTests.exactPolynomial(rows: 2 * HouseholderQR.blockRows + 777)
    let solved = try LeastSquaresQR.solve(x, response: y)
    #expect(solved.conditionEstimate > LeastSquaresQR.refinementThreshold)
    // An exact fit (zero residual): the forward error is O(n eps kappa ||beta||).
    let ones = [Double](repeating: 1, count: 6)
    let bound = solveTolerance(
      unknowns: 6, condition: try conditionNumber(x), solutionNorm: norm2(ones))
    expectWithin(maxAbsDifference(solved.coefficients, ones), bound, "ill-conditioned, refined")
  }

  @Test func nanInTheDesignThrowsAsTheStoredPath() {
    var x = TallSkinnyQRTests.design(rows: 40, columns: 3)
    x[7, 2] = .nan
    #expect(throws: LinearAlgebraError.self) {
      try LeastSquaresQR.solve(x, response: [Double](repeating: 1, count: 40))
    }
  }

  @Test func wideAndEmptyDesignsFallBack() throws {
    let wide = TallSkinnyQRTests.design(rows: 3, columns: 5)
    let solved = try LeastSquaresQR.solve(wide, response: [1, 2, 3])
    #expect(solved.kept.count == 3)
    let empty = try LeastSquaresQR.solve(Matrix(rows: 4, columns: 0), response: [1, 2, 3, 4])
    #expect(empty.coefficients.isEmpty)
  }
}

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

  static func expectSame(_ x: Matrix, _ y: [Double], tolerance: Double = 1e-12) throws {
    let stored = try LeastSquaresQR(x)
    let reference = stored.coefficients(y)
    let solved = try LeastSquaresQR.solve(x, response: y)
    #expect(solved.kept == stored.kept)
    #expect(solved.aliased == stored.aliased)
    #expect(solved.coefficients.count == reference.count)
    for (a, b) in zip(solved.coefficients, reference) {
      #expect(abs(a - b) <= tolerance * max(1, abs(b)))
    }
    let covariance = solved.unscaledCovariance()
    let storedCovariance = stored.unscaledCovariance()
    for (a, b) in zip(covariance.storage, storedCovariance.storage) {
      #expect(abs(a - b) <= 1e-10 * max(1e-12, abs(b)) + 1e-15)
    }
  }

  @Test func twoLevelPathMatchesTheStoredQ() throws {
    let x = TallSkinnyQRTests.design(rows: 5 * HouseholderQR.blockRows + 311, columns: 7)
    try Self.expectSame(x, Self.response(x))
  }

  @Test func oneBlockPathMatchesTheStoredQ() throws {
    let x = TallSkinnyQRTests.design(rows: 500, columns: 4)
    try Self.expectSame(x, Self.response(x))
  }

  @Test func aliasedColumnsAreTheSame() throws {
    let n = 3 * HouseholderQR.blockRows + 17
    var x = TallSkinnyQRTests.design(rows: n, columns: 6)
    for i in 0..<n { x[i, 4] = 2 * x[i, 1] - x[i, 3] }
    let solved = try LeastSquaresQR.solve(x, response: Self.response(x))
    #expect(solved.aliased == [4])
    try Self.expectSame(x, Self.response(x))
  }

  @Test func exactFitIsRecovered() throws {
    let x = TallSkinnyQRTests.design(rows: 2 * HouseholderQR.blockRows + 5, columns: 5)
    let y = Self.response(x, noise: 0)
    let solved = try LeastSquaresQR.solve(x, response: y)
    for (j, b) in solved.coefficients.enumerated() {
      #expect(abs(b - (Double(j % 5) - 1.5)) < 1e-12)
    }
  }

  @Test func illConditionedDesignsTakeTheRefinedPath() throws {
    let (x, y) = TallSkinnyQRTests.exactPolynomial(rows: 2 * HouseholderQR.blockRows + 777)
    let solved = try LeastSquaresQR.solve(x, response: y)
    #expect(solved.conditionEstimate > LeastSquaresQR.refinementThreshold)
    for b in solved.coefficients { #expect(abs(b - 1) < 1e-9) }
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

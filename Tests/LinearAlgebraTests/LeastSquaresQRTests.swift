import Foundation
import Testing

@testable import LinearAlgebra

/// Designs whose aliased set R's `lm` determines: the later column of a dependent set goes.
@Suite("LeastSquaresQR rank policy (R lm)")
struct LeastSquaresQRTests {
  static let n = 25
  static let base = randomMatrix(n, 4, seed: 41)
  static let one = [Double](repeating: 1, count: n)
  static func x(_ j: Int) -> [Double] { base.column(j) }
  static func sum(_ a: [Double], _ b: [Double]) -> [Double] { zip(a, b).map { $0 + $1 } }

  struct Case: Sendable, CustomStringConvertible {
    let description: String
    let columns: [[Double]]
    let aliased: [Int]
  }

  static let cases: [Case] = [
    Case(description: "duplicate column", columns: [one, x(0), x(1), x(0), x(2)], aliased: [3]),
    Case(
      description: "sum of two others", columns: [one, x(0), x(1), sum(x(0), x(1)), x(2)],
      aliased: [3]),
    Case(
      description: "sum placed before its parts", columns: [one, sum(x(0), x(1)), x(0), x(1)],
      aliased: [3]),
    Case(
      description: "zero column", columns: [one, x(0), [Double](repeating: 0, count: n), x(1)],
      aliased: [2]),
    Case(
      description: "constant next to intercept",
      columns: [one, [Double](repeating: 5, count: n), x(0)], aliased: [1]),
    Case(
      description: "two dependent sets",
      columns: [one, x(0), x(0).map { 3 * $0 }, x(1), sum(one, x(1)), x(2)], aliased: [2, 4]),
    Case(description: "full rank", columns: [one, x(0), x(1), x(2), x(3)], aliased: []),
  ]

  @Test(arguments: cases)
  func aliasesWhatLmAliases(_ c: Case) throws {
    let x = Matrix(columns: c.columns)
    let qr = try LeastSquaresQR(x)
    #expect(qr.aliased == c.aliased)
    let kept = (0..<x.columns).filter { !c.aliased.contains($0) }
    #expect(qr.kept == kept)
    #expect(qr.rank == kept.count)
    #expect(qr.r.rows == kept.count && qr.r.columns == kept.count)

    // Coefficients on the kept set equal the full-rank fit of the kept columns alone.
    let y = randomMatrix(Self.n, 1, seed: 42).storage
    let xk = x.selectingColumns(kept)
    let fullRank = try LeastSquaresQR(xk)
    #expect(fullRank.aliased.isEmpty)
    let beta = qr.coefficients(y)
    // Two stable least-squares routes, each within the forward-error bound of kappa(X_k).
    let bound = try leastSquaresTolerance(xk, y, solution: beta)
    expectWithin(
      maxAbsDifference(beta, fullRank.coefficients(y)), 2 * bound, "\(c): pivoted vs plain QR")
    // ... and the normal-equations solution (independent route), whose condition is kappa^2.
    let normal = try Cholesky(xk.crossProduct()).solve(xk.transposeMultiplied(by: y))
    let sigma = try singularValues(xk)
    let kappa = (sigma.first ?? 1) / (sigma.last ?? 1)
    let normalBound = solveTolerance(
      unknowns: kept.count, condition: kappa * kappa, solutionNorm: norm2(normal))
    expectWithin(maxAbsDifference(beta, normal), bound + normalBound, "\(c): QR vs normal eq.")
    // Unscaled covariance is (X_k'X_k)^{-1}, of norm 1 / sigma_min^2; both routes solve with
    // condition kappa^2.
    let smallest = sigma.last ?? 1
    expectWithin(
      maxAbsDifference(qr.unscaledCovariance(), try Cholesky(xk.crossProduct()).inverse()),
      2
        * solveTolerance(
          unknowns: kept.count, condition: kappa * kappa, solutionNorm: 1 / (smallest * smallest)),
      "\(c): unscaled covariance")
  }

  @Test func allAliasedDesignDoesNotCrash() throws {
    let x = Matrix(rows: 6, columns: 3)
    let qr = try LeastSquaresQR(x)
    #expect(qr.rank == 0)
    #expect(qr.kept.isEmpty && qr.aliased == [0, 1, 2])
    #expect(qr.coefficients([1, 2, 3, 4, 5, 6]).isEmpty)
    #expect(qr.unscaledCovariance() == Matrix(rows: 0, columns: 0))
    let empty = try LeastSquaresQR(Matrix(rows: 0, columns: 2))
    #expect(empty.rank == 0 && empty.aliased == [0, 1])
    #expect(try LeastSquaresQR(Matrix(rows: 4, columns: 0)).rank == 0)
  }

  @Test func nonFiniteInputThrowsOrPropagatesWithoutTrapping() throws {
    var x = randomMatrix(8, 3, seed: 45)
    x[2, 1] = .nan
    #expect(throws: LinearAlgebraError.lapackFailure(routine: "dgeqrt", info: -5)) {
      try LeastSquaresQR(x)
    }
    x[2, 1] = .infinity
    _ = try? LeastSquaresQR(x).coefficients([Double](repeating: 1, count: 8))
    // A NaN response propagates into the coefficients (no trap in dormqr).
    let qr = try LeastSquaresQR(randomMatrix(8, 3, seed: 46))
    var y = [Double](repeating: 1, count: 8)
    y[4] = .nan
    #expect(qr.coefficients(y).allSatisfy { $0.isNaN })
    let chol = try Cholesky(randomSPD(3, seed: 47))
    #expect(chol.solve([1, .nan, 2]).contains { $0.isNaN })
  }

  @Test func moreColumnsThanRows() throws {
    let x = randomMatrix(3, 5, seed: 43)
    let qr = try LeastSquaresQR(x)
    #expect(qr.kept == [0, 1, 2] && qr.aliased == [3, 4])
    let y = [1.0, 2, 3]
    let beta = qr.coefficients(y)
    // A square solve: the residual of a backward-stable QR solve is O(n eps ||A|| ||x||).
    let xk = x.selectingColumns(qr.kept)
    expectWithin(
      maxAbsDifference(xk.multiplied(by: beta), y), residualTolerance(xk, columnMatrix(beta)),
      "wide design, square solve residual")
  }

  @Test func severalRightHandSidesMatchOneByOne() throws {
    let x = Matrix(columns: [Self.one, Self.x(0), Self.x(1), Self.x(0)])
    let qr = try LeastSquaresQR(x)
    let ys = randomMatrix(Self.n, 3, seed: 44)
    let b = qr.coefficients(ys)
    #expect(b.rows == 3 && b.columns == 3)
    // Blocked and one-column applications of Q' sum in different orders: two stable solves.
    let xk = x.selectingColumns(qr.kept)
    for k in 0..<3 {
      let single = qr.coefficients(ys.column(k))
      expectWithin(
        maxAbsDifference(b.column(k), single),
        2 * (try leastSquaresTolerance(xk, ys.column(k), solution: single)),
        "several right-hand sides, column \(k)")
    }
  }

  /// Why the default is not R's 1e-7: R's tolerance aliases the x^10 term of NIST Filip.
  @Test func rToleranceDropsFilipDegreeTen() throws {
    guard let filip = nistProblems.first(where: { $0.name == "Filip" }) else { return }
    let (x, _) = try nistDesign(filip)
    #expect(try LeastSquaresQR(x, tolerance: 1e-7).aliased == [10])
    #expect(try LeastSquaresQR(x).aliased.isEmpty)
  }
}

/// LeastSquaresQR with R's tolerance against `lm.fit` on near-dependent columns
/// (Tests/Fixtures/lm_aliasing, written by generate.R).
@Suite("LeastSquaresQR vs R lm.fit oracle")
struct LeastSquaresQROracleTests {
  static func load() throws -> (x: Matrix, y: [Double], aliased: [Int], beta: [Double?]) {
    let folder = FixturePaths.fixtures("lm_aliasing")
    let (_, columns) = try FixturePaths.readNumericCSV(folder.appendingPathComponent("design.csv"))
    func fields(_ name: String) throws -> [String] {
      try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",")
        .map { $0.trimmingCharacters(in: .whitespaces) }
    }
    let aliased = try fields("aliased.txt").compactMap { Int($0) }
    let beta = try fields("coefficients.txt").map { Double($0) }
    return (Matrix(columns: Array(columns.dropFirst())), columns[0], aliased, beta)
  }

  @Test func rToleranceReproducesLmAliasing() throws {
    let (x, y, aliased, rBeta) = try Self.load()
    let qr = try LeastSquaresQR(x, tolerance: 1e-7)
    #expect(qr.aliased == aliased)
    let beta = qr.coefficients(y)
    let rKept = rBeta.compactMap { $0 }
    #expect(rKept.count == beta.count)
    for (ours, theirs) in zip(beta, rKept) {
      #expect(abs(ours - theirs) <= 1e-6 * abs(theirs), "\(ours) vs lm \(theirs)")
    }
  }

  @Test func defaultToleranceKeepsNearDependencies() throws {
    let (x, _, _, _) = try Self.load()
    // Only the exact dependency (ratio 2e-16) is aliased; 3.7e-10 and 8.7e-9 stay.
    #expect(try LeastSquaresQR(x).aliased == [8])
  }
}

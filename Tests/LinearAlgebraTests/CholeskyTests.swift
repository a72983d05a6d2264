import Foundation
import Testing

@testable import LinearAlgebra

@Suite("Cholesky")
struct CholeskyTests {
  let a = randomSPD(6, seed: 11)

  /// kappa_2(A) from the eigenvalues (an independent LAPACK route).
  func condition() throws -> Double {
    let values = try SymmetricEigen(a).values
    return (values.last ?? 1) / (values.first ?? 1)
  }

  @Test func factorReconstructs() throws {
    let u = try Cholesky(a).factor
    // U'U = A + dA, |dA| <= gamma_{n+1} |U'||U| (Higham 2002 thm 10.3), and the naive product
    // adds gamma_n |U'||U|: within 2 n eps |U'||U|.
    expectWithin(
      maxAbsDifference(naiveProduct(u.transposed, u), a),
      2 * productTolerance(u.transposed, u), "Cholesky reconstruction")
    for j in 0..<6 { for i in (j + 1)..<6 { #expect(u[i, j] == 0) } }
  }

  @Test func solveVectorAndMatrix() throws {
    let chol = try Cholesky(a)
    let xTrue = [1.0, -2, 3, 0.5, 0, 7]
    let b = a.multiplied(by: xTrue)
    // b = A x is formed in floating point too: its rounding n eps |A||x| acts like a backward
    // error, covered by the solve's bound.
    expectWithin(
      maxAbsDifference(chol.solve(b), xTrue),
      solveTolerance(unknowns: 6, condition: try condition(), solutionNorm: norm2(xTrue)),
      "Cholesky solve forward error")
    let bs = randomMatrix(6, 3, seed: 12)
    let xs = chol.solve(bs)
    expectWithin(maxAbsDifference(a * xs, bs), residualTolerance(a, xs), "Cholesky solve residual")
  }

  @Test func inverseAndLogDeterminant() throws {
    let chol = try Cholesky(a)
    let inv = chol.inverse()
    // The residual of a stable SPD inverse is O(n eps kappa) (Higham 2002, sec. 14.3).
    let kappa = try condition()
    expectWithin(
      maxAbsDifference(a * inv, Matrix.identity(6)), 8 * 6 * eps * kappa, "Cholesky inverse")
    #expect(inv == inv.transposed)
    // log det from the eigenvalues as an independent reference.
    let eigen = try SymmetricEigen(a)
    let reference = eigen.values.reduce(0) { $0 + log($1) }
    // A backward error dA moves log det A by tr(A^-1 dA) <= n kappa ||dA|| / ||A||; with
    // ||dA|| <= c n eps ||A|| for either method the two differ by at most 2 x 8 n^2 eps kappa.
    expectWithin(
      abs(chol.logDeterminant - reference), 2 * 8 * 36 * eps * kappa, "log determinant")
  }

  @Test func notPositiveDefiniteThrowsTypedError() {
    let indefinite = Matrix(rowMajor: [[4, 2, 0], [2, 1, 0], [0, 0, 3]])
    #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: 2)) {
      try Cholesky(indefinite)
    }
    #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: 1)) {
      try Cholesky(Matrix(rowMajor: [[-1]]))
    }
    #expect(throws: LinearAlgebraError.self) { try Cholesky(Matrix(rows: 2, columns: 3)) }
  }

  @Test func errorsDescribeThemselves() {
    let e = LinearAlgebraError.notPositiveDefinite(leadingMinor: 2)
    #expect(e.description.contains("order 2"))
    #expect(
      LinearAlgebraError.lapackFailure(routine: "dgeqrf", info: -4).description.contains(
        "argument 4"))
  }
}

@Suite("Rank-revealing Cholesky")
struct RankRevealingCholeskyTests {
  @Test func fullRankMatchesCholesky() throws {
    let a = randomSPD(5, seed: 21)
    let rr = try RankRevealingCholesky(a)
    #expect(rr.kept == [0, 1, 2, 3, 4] && rr.aliased.isEmpty)
    let b = [1.0, 2, 3, 4, 5]
    // Two stable solvers, each within the forward-error bound of kappa(A).
    let values = try SymmetricEigen(a).values
    let kappa = (values.last ?? 1) / (values.first ?? 1)
    let reference = try Cholesky(a).solve(b)
    expectWithin(
      maxAbsDifference(rr.solve(b), reference),
      2 * solveTolerance(unknowns: 5, condition: kappa, solutionNorm: norm2(reference)),
      "rank-revealing Cholesky solve")
    // Each column of the inverse is such a solve; ||A^-1||_2 = 1 / lambda_min.
    expectWithin(
      maxAbsDifference(rr.inverse(), try Cholesky(a).inverse()),
      2 * solveTolerance(unknowns: 5, condition: kappa, solutionNorm: 1 / (values.first ?? 1)),
      "rank-revealing Cholesky inverse")
  }

  @Test func aliasesLaterDependentColumnsInOriginalOrder() throws {
    // Columns: intercept, x1, x2, x1 + x2, zero, x3.
    let base = randomMatrix(20, 3, seed: 22)
    var cols: [[Double]] = [[Double](repeating: 1, count: 20), base.column(0), base.column(1)]
    cols.append(zip(base.column(0), base.column(1)).map { $0 + $1 })
    cols.append([Double](repeating: 0, count: 20))
    cols.append(base.column(2))
    let x = Matrix(columns: cols)
    let rr = try RankRevealingCholesky(x.crossProduct())
    #expect(rr.kept == [0, 1, 2, 5])
    #expect(rr.aliased == [3, 4])
    // The solve on the kept columns equals the Cholesky solve of the kept normal equations.
    let y = randomMatrix(20, 1, seed: 23).storage
    let xty = x.transposeMultiplied(by: y)
    let xk = x.selectingColumns(rr.kept)
    let reference = try Cholesky(xk.crossProduct()).solve(xk.transposeMultiplied(by: y))
    // Both solve the kept normal equations, whose condition is kappa(X_k)^2.
    let kappa = try conditionNumber(xk)
    expectWithin(
      maxAbsDifference(rr.solve(xty), reference),
      2 * solveTolerance(unknowns: 4, condition: kappa * kappa, solutionNorm: norm2(reference)),
      "rank-revealing Cholesky on aliased normal equations")
    #expect(rr.inverse().rows == 4)
  }

  @Test func negativeDiagonalThrows() {
    #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: 2)) {
      try RankRevealingCholesky(Matrix(rowMajor: [[1, 0], [0, -1]]))
    }
  }
}

import Foundation
import Testing

@testable import LinearAlgebra

@Suite("Cholesky")
struct CholeskyTests {
  let a = randomSPD(6, seed: 11)

  @Test func factorReconstructs() throws {
    let u = try Cholesky(a).factor
    #expect(maxAbsDifference(naiveProduct(u.transposed, u), a) < 1e-12)
    for j in 0..<6 { for i in (j + 1)..<6 { #expect(u[i, j] == 0) } }
  }

  @Test func solveVectorAndMatrix() throws {
    let chol = try Cholesky(a)
    let xTrue = [1.0, -2, 3, 0.5, 0, 7]
    let b = a.multiplied(by: xTrue)
    #expect(maxAbsDifference(chol.solve(b), xTrue) < 1e-12)
    let bs = randomMatrix(6, 3, seed: 12)
    let xs = chol.solve(bs)
    #expect(maxAbsDifference(a * xs, bs) < 1e-12)
  }

  @Test func inverseAndLogDeterminant() throws {
    let chol = try Cholesky(a)
    let inv = chol.inverse()
    #expect(maxAbsDifference(a * inv, Matrix.identity(6)) < 1e-12)
    #expect(inv == inv.transposed)
    // log det from the eigenvalues as an independent reference.
    let eigen = try SymmetricEigen(a)
    let reference = eigen.values.reduce(0) { $0 + log($1) }
    #expect(abs(chol.logDeterminant - reference) < 1e-12 * abs(reference) + 1e-12)
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
    #expect(maxAbsDifference(rr.solve(b), try Cholesky(a).solve(b)) < 1e-12)
    #expect(maxAbsDifference(rr.inverse(), try Cholesky(a).inverse()) < 1e-12)
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
    #expect(maxAbsDifference(rr.solve(xty), reference) < 1e-10)
    #expect(rr.inverse().rows == 4)
  }

  @Test func negativeDiagonalThrows() {
    #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: 2)) {
      try RankRevealingCholesky(Matrix(rowMajor: [[1, 0], [0, -1]]))
    }
  }
}

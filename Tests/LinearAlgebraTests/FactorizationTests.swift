import Testing

@testable import LinearAlgebra

@Suite("SVD, eigen, triangular, pivoted QR")
struct FactorizationTests {
  @Test func svdLeastSquaresMatchesQR() throws {
    let x = randomMatrix(30, 4, seed: 31)
    let y = randomMatrix(30, 1, seed: 32).storage
    let svd = try LeastSquaresSVD(solving: x, y)
    #expect(svd.rank == 4)
    #expect(svd.singularValues.count == 4)
    #expect(zip(svd.singularValues, svd.singularValues.dropFirst()).allSatisfy { $0 >= $1 })
    // Two backward-stable least-squares solvers: each within the forward-error bound.
    let qrSolution = try LeastSquaresQR(x).coefficients(y)
    expectWithin(
      maxAbsDifference(svd.solution, qrSolution),
      2 * (try leastSquaresTolerance(x, y, solution: qrSolution)), "SVD vs QR least squares")
    #expect(throws: LinearAlgebraError.self) { try LeastSquaresSVD(solving: x, [1, 2]) }
  }

  @Test func svdRankDeficientIsMinimumNorm() throws {
    // Two identical columns: the minimum-norm solution splits the coefficient evenly.
    let v = randomMatrix(10, 1, seed: 33).storage
    let x = Matrix(columns: [v, v])
    let y = v.map { 2 * $0 }
    let svd = try LeastSquaresSVD(solving: x, y)
    #expect(svd.rank == 1)
    // The kept singular direction is perfectly conditioned (kappa = 1) and the fit is exact.
    expectWithin(
      maxAbsDifference(svd.solution, [1, 1]),
      solveTolerance(unknowns: 2, condition: 1, solutionNorm: norm2([1, 1])),
      "SVD minimum-norm solution")
  }

  @Test func eigenReconstructs() throws {
    let a = randomSPD(6, seed: 34)
    let e = try SymmetricEigen(a)
    #expect(zip(e.values, e.values.dropFirst()).allSatisfy { $0 <= $1 })
    var vd = e.vectors
    for j in 0..<6 { for i in 0..<6 { vd[i, j] *= e.values[j] } }
    let reconstructed = vd.multiplied(by: e.vectors, transposingOther: true)
    // dsyevd is backward stable: V L V' = A + E, ||E|| <= c n eps ||A|| and ||V'V - I|| <= c n eps
    // (Demmel 1997, sec. 5.3); forming V L V' adds n eps |V||L||V'| <= n eps ||A||.
    let norm = e.values.map(abs).max() ?? 0
    expectWithin(
      maxAbsDifference(reconstructed, a), 8 * 6 * eps * norm, "eigen reconstruction")
    expectWithin(
      maxAbsDifference(e.vectors.crossProduct(), Matrix.identity(6)), 8 * 6 * eps,
      "eigenvector orthogonality")
  }

  @Test(arguments: [(true, false), (true, true), (false, false), (false, true)])
  func triangularSolve(upper: Bool, transpose: Bool) throws {
    var a = randomMatrix(5, 5, seed: 35)
    for j in 0..<5 {
      a[j, j] += 3
      for i in 0..<5 where upper ? i > j : i < j { a[i, j] = 0 }
    }
    let b = randomMatrix(5, 2, seed: 36)
    let x = try solveTriangular(a, b, upper: upper, transpose: transpose)
    let op = transpose ? a.transposed : a
    // (T + dT) x = b with |dT| <= gamma_n |T| (Higham 2002 thm 8.5), and forming T x adds as
    // much: the residual is within n eps |T||x|, doubled for the second-order terms.
    expectWithin(
      maxAbsDifference(op * x, b), 2 * productTolerance(op, x),
      "triangular solve upper \(upper) transpose \(transpose)")
  }

  @Test func triangularSingularThrows() {
    let a = Matrix(rowMajor: [[1, 2], [0, 0]])
    #expect(throws: LinearAlgebraError.singular(diagonalIndex: 2)) {
      try solveTriangular(
        a, Matrix(rows: 2, columns: 1, repeating: 1), upper: true, transpose: false)
    }
  }

  @Test func pivotedQRFindsRank() throws {
    let base = randomMatrix(12, 3, seed: 37)
    let dependent = zip(base.column(0), base.column(2)).map { $0 - 2 * $1 }
    let x = Matrix(columns: [base.column(0), base.column(1), base.column(2), dependent])
    let qr = try PivotedQR(x)
    #expect(qr.rank == 3)
    #expect(qr.pivots.sorted() == [0, 1, 2, 3])
    #expect(qr.r.rows == 4 && qr.r.columns == 4)
  }
}

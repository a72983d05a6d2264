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
    #expect(maxAbsDifference(svd.solution, try LeastSquaresQR(x).coefficients(y)) < 1e-12)
    #expect(throws: LinearAlgebraError.self) { try LeastSquaresSVD(solving: x, [1, 2]) }
  }

  @Test func svdRankDeficientIsMinimumNorm() throws {
    // Two identical columns: the minimum-norm solution splits the coefficient evenly.
    let v = randomMatrix(10, 1, seed: 33).storage
    let x = Matrix(columns: [v, v])
    let y = v.map { 2 * $0 }
    let svd = try LeastSquaresSVD(solving: x, y)
    #expect(svd.rank == 1)
    #expect(maxAbsDifference(svd.solution, [1, 1]) < 1e-12)
  }

  @Test func eigenReconstructs() throws {
    let a = randomSPD(6, seed: 34)
    let e = try SymmetricEigen(a)
    #expect(zip(e.values, e.values.dropFirst()).allSatisfy { $0 <= $1 })
    var vd = e.vectors
    for j in 0..<6 { for i in 0..<6 { vd[i, j] *= e.values[j] } }
    let reconstructed = vd.multiplied(by: e.vectors, transposingOther: true)
    #expect(maxAbsDifference(reconstructed, a) < 1e-12)
    #expect(maxAbsDifference(e.vectors.crossProduct(), Matrix.identity(6)) < 1e-13)
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
    #expect(maxAbsDifference(op * x, b) < 1e-13)
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

import Foundation

@testable import LinearAlgebra

/// A rows x columns matrix of uniform(-1, 1) entries.
func randomMatrix(_ rows: Int, _ columns: Int, seed: UInt64) -> Matrix {
  var g = SplitMix64(seed: seed)
  var m = Matrix(rows: rows, columns: columns)
  for k in 0..<m.storage.count { m.storage[k] = Double.random(in: -1...1, using: &g) }
  return m
}

/// A random symmetric positive definite n x n matrix (B'B + n I).
func randomSPD(_ n: Int, seed: UInt64) -> Matrix {
  let b = randomMatrix(n + 3, n, seed: seed)
  var a = naiveProduct(b.transposed, b)
  for i in 0..<n { a[i, i] += Double(n) }
  return a
}

/// Reference product by the textbook triple loop.
func naiveProduct(_ a: Matrix, _ b: Matrix) -> Matrix {
  var c = Matrix(rows: a.rows, columns: b.columns)
  for i in 0..<a.rows {
    for j in 0..<b.columns {
      var s = 0.0
      for k in 0..<a.columns { s += a[i, k] * b[k, j] }
      c[i, j] = s
    }
  }
  return c
}

/// Largest absolute elementwise difference.
func maxAbsDifference(_ a: Matrix, _ b: Matrix) -> Double {
  precondition(a.rows == b.rows && a.columns == b.columns)
  return zip(a.storage, b.storage).map { abs($0 - $1) }.max() ?? 0
}

import Foundation
import Testing

@testable import LinearAlgebra

/// Machine epsilon (2^-52), the unit the tolerances of this target are stated in.
let eps = Double.ulpOfOne

/// A small regression problem with known pieces: a design with an intercept, arbitrary
/// residuals and the bread (X'X)^-1, all from a fixed seed (linear congruential, no library).
struct SandwichProblem {
  let x: Matrix
  let residuals: [Double]
  let bread: Matrix

  init(rows n: Int = 40, columns k: Int = 3, seed: UInt64 = 2030) {
    var state = seed
    func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53) - 0.5
    }
    var x = Matrix(rows: n, columns: k)
    for i in 0..<n {
      x[i, 0] = 1
      for j in 1..<k { x[i, j] = Double(j) * next() + 0.1 * Double(i % 4) }
    }
    self.x = x
    residuals = (0..<n).map { _ in 2 * next() }
    bread = naiveInverse(naiveCrossProduct(x, weights: [Double](repeating: 1, count: n)))
  }

  var rows: Int { x.rows }
  var columns: Int { x.columns }
}

/// X' diag(w) X by plain loops.
func naiveCrossProduct(_ x: Matrix, weights w: [Double]) -> Matrix {
  var out = Matrix(rows: x.columns, columns: x.columns)
  for a in 0..<x.columns {
    for b in 0..<x.columns {
      var s = 0.0
      for i in 0..<x.rows { s += x[i, a] * w[i] * x[i, b] }
      out[a, b] = s
    }
  }
  return out
}

/// A B by plain loops.
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

/// The inverse of a small well-conditioned matrix by Gauss-Jordan elimination with partial
/// pivoting (independent of LAPACK).
func naiveInverse(_ m: Matrix) -> Matrix {
  let n = m.rows
  var a = m
  var inverse = Matrix(rows: n, columns: n)
  for i in 0..<n { inverse[i, i] = 1 }
  for column in 0..<n {
    var pivot = column
    for r in column..<n where abs(a[r, column]) > abs(a[pivot, column]) { pivot = r }
    a.swapRows(column, pivot)
    inverse.swapRows(column, pivot)
    let p = a[column, column]
    for j in 0..<n {
      a[column, j] /= p
      inverse[column, j] /= p
    }
    for r in 0..<n where r != column {
      let f = a[r, column]
      guard f != 0 else { continue }
      for j in 0..<n {
        a[r, j] -= f * a[column, j]
        inverse[r, j] -= f * inverse[column, j]
      }
    }
  }
  return inverse
}

extension Matrix {
  /// Swaps two rows in place.
  mutating func swapRows(_ a: Int, _ b: Int) {
    guard a != b else { return }
    for j in 0..<columns {
      let t = self[a, j]
      self[a, j] = self[b, j]
      self[b, j] = t
    }
  }
}

/// B M B by plain loops.
func naiveSandwich(bread: Matrix, meat: Matrix) -> Matrix {
  naiveProduct(naiveProduct(bread, meat), bread)
}

/// The meat sum_g s_g s_g' of cluster scores s_g = sum_{i in g} x_i e_i, by plain loops over
/// the cluster labels (any hashable key); with `absolute`, of |x_i||e_i| instead (the scale of
/// the rounding errors).
func naiveClusterMeat<Key: Hashable>(
  _ x: Matrix, _ e: [Double], labels: [Key], absolute: Bool = false
) -> Matrix {
  var scores: [Key: [Double]] = [:]
  for i in 0..<x.rows {
    var s = scores[labels[i], default: [Double](repeating: 0, count: x.columns)]
    for j in 0..<x.columns { s[j] += absolute ? abs(x[i, j] * e[i]) : x[i, j] * e[i] }
    scores[labels[i]] = s
  }
  var meat = Matrix(rows: x.columns, columns: x.columns)
  for s in scores.values {
    for a in 0..<x.columns { for b in 0..<x.columns { meat[a, b] += s[a] * s[b] } }
  }
  return meat
}

/// The rounding bound for comparing two evaluations of B M B with M = sum over n rows of
/// x_i x_i' u_i: (n + 2k + 4) eps max(|B| |M|_abs |B|), |M|_abs = sum |x_i||x_i|' |u_i|
/// (sums of n and of k terms, each within gamma_m of its absolute-value sum; Higham 2002
/// sec. 3.5), so no constant is tied to one CPU's summation order.
func sandwichTolerance(bread: Matrix, x: Matrix, weights u: [Double]) -> Double {
  var absoluteX = x
  absoluteX.storage = x.storage.map(abs)
  return sandwichTolerance(
    bread: bread, absoluteMeat: naiveCrossProduct(absoluteX, weights: u.map(abs)), rows: x.rows)
}

/// The same bound from a meat of absolute values already formed (e.g. cluster scores of
/// |x_i||e_i|, `naiveClusterMeat(absolute: true)`).
func sandwichTolerance(bread: Matrix, absoluteMeat: Matrix, rows n: Int) -> Double {
  var absoluteBread = bread
  absoluteBread.storage = bread.storage.map(abs)
  let bound = naiveSandwich(bread: absoluteBread, meat: absoluteMeat)
  let largest = bound.storage.max() ?? 0
  return Double(n + 2 * bread.columns + 4) * eps * largest
}

/// Expects two matrices of the same shape to agree entrywise within `tolerance`.
func expectClose(
  _ a: Matrix, _ b: Matrix, within tolerance: Double, _ label: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(
    a.rows == b.rows && a.columns == b.columns, "\(label): shapes", sourceLocation: sourceLocation)
  let worst = zip(a.storage, b.storage).map { abs($0 - $1) }.max() ?? 0
  #expect(
    worst <= tolerance, "\(label): worst difference \(worst), tolerance \(tolerance)",
    sourceLocation: sourceLocation)
}

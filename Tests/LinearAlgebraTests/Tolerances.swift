import Foundation
import Testing

@testable import LinearAlgebra

// Tolerances of this target, stated from the problem's size, scale and conditioning rather than
// as constants tuned on one CPU: OpenBLAS picks different kernels (and summation orders) per CPU
// and per OPENBLAS_CORETYPE, so only bounds that hold for every order are stable.
// Reference: N. J. Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed. (2002).

/// Machine epsilon (2^-52), the unit every tolerance here is stated in.
let eps = Double.ulpOfOne

/// Elementwise absolute values.
func absolute(_ m: Matrix) -> Matrix {
  Matrix(rows: m.rows, columns: m.columns, storage: m.storage.map(abs))
}

/// The largest absolute entry (0 for an empty matrix).
func maxAbs(_ m: Matrix) -> Double { m.storage.map(abs).max() ?? 0 }

/// The largest absolute entry of a vector (0 when empty).
func maxAbs(_ v: [Double]) -> Double { v.map(abs).max() ?? 0 }

/// The Euclidean norm of a vector.
func norm2(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }

/// A column vector as an n x 1 matrix.
func columnMatrix(_ v: [Double]) -> Matrix { Matrix(rows: v.count, columns: 1, storage: v) }

/// The singular values of `a`, largest first (LAPACK dgelsd through `LeastSquaresSVD`).
func singularValues(_ a: Matrix) throws -> [Double] {
  try LeastSquaresSVD(solving: a, [Double](repeating: 0, count: a.rows)).singularValues
}

/// The 2-norm condition number sigma_max / sigma_min of a full-rank matrix.
func conditionNumber(_ a: Matrix) throws -> Double {
  let sigma = try singularValues(a)
  guard let largest = sigma.first, let smallest = sigma.last, smallest > 0 else {
    return .infinity
  }
  return largest / smallest
}

/// `k eps max(|A||B|)`, k the inner dimension: any two evaluations of A B (a BLAS kernel, the
/// naive loop) each lie within gamma_k |A||B| of the exact product (Higham 2002, sec. 3.5,
/// gamma_k ~ k eps / 2), so they differ by at most this, whatever order they sum in.
func productTolerance(_ a: Matrix, _ b: Matrix) -> Double {
  Double(max(a.columns, 1)) * eps * maxAbs(naiveProduct(absolute(a), absolute(b)))
}

/// The same bound for X' diag(w) X and X' diag(w) t: (rows + 3) eps max(|X|' |w| |X|, |X|' |w t|)
/// (a sum over the rows, plus the products forming each term).
func weightedCrossProductTolerance(_ x: Matrix, weights w: [Double], target t: [Double]? = nil)
  -> Double
{
  var largest = 0.0
  for a in 0..<x.columns {
    for b in 0..<x.columns {
      var s = 0.0
      for i in 0..<x.rows { s += abs(x[i, a]) * abs(w[i]) * abs(x[i, b]) }
      largest = max(largest, s)
    }
    if let t {
      var s = 0.0
      for i in 0..<x.rows { s += abs(x[i, a]) * abs(w[i]) * abs(t[i]) }
      largest = max(largest, s)
    }
  }
  return Double(x.rows + 3) * eps * largest
}

/// Forward error of a backward-stable solve or least-squares fit with n unknowns:
/// `8 n eps (kappa + kappa^2 rho) ||x||_2`, rho = ||r||_2 / (sigma_max ||x||_2) the relative
/// residual (0 for square systems and exact fits); Higham (2002) thm 7.2 and sec. 20.1, with
/// 8 n standing in for the unspecified c_{m,n} (errors in sums over the rows grow like sqrt(m)).
func solveTolerance(
  unknowns n: Int, condition kappa: Double, solutionNorm: Double, relativeResidual rho: Double = 0
) -> Double {
  8 * Double(max(n, 1)) * eps * (kappa + kappa * kappa * rho) * solutionNorm
}

/// `solveTolerance` for the least-squares fit of `y` on `x` with computed solution `beta`.
func leastSquaresTolerance(_ x: Matrix, _ y: [Double], solution beta: [Double]) throws -> Double {
  let sigma = try singularValues(x)
  let largest = sigma.first ?? 0
  let kappa = try conditionNumber(x)
  let fitted = x.multiplied(by: beta)
  let residual = norm2(zip(y, fitted).map { $0 - $1 })
  let solutionNorm = norm2(beta)
  let rho = solutionNorm > 0 && largest > 0 ? residual / (largest * solutionNorm) : 0
  return solveTolerance(
    unknowns: x.columns, condition: kappa, solutionNorm: solutionNorm, relativeResidual: rho)
}

/// Residual bound ||A X - B||_max of a backward-stable factorization solve of order n:
/// (4n + 1) eps max|A| max_j ||x_j||_1 (Higham 2002 thm 10.4: backward error gamma_{3n+1} times
/// |U'||U|, whose entries are at most max a_ii for SPD A, plus gamma_n for forming A X).
func residualTolerance(_ a: Matrix, _ x: Matrix) -> Double {
  var largestColumnSum = 0.0
  for j in 0..<x.columns {
    largestColumnSum = max(largestColumnSum, x.column(j).map(abs).reduce(0, +))
  }
  return Double(4 * a.columns + 1) * eps * maxAbs(a) * largestColumnSum
}

/// Expects `error <= tolerance` and prints the ratio (`tolerance ratio`), so that runs under
/// different OpenBLAS kernels (`OPENBLAS_CORETYPE`) can be compared by their worst ratio.
func expectWithin(
  _ error: Double, _ tolerance: Double, _ label: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let ratio = error / tolerance
  print("tolerance ratio \(String(format: "%.3e", ratio)) \(label)")
  #expect(
    error <= tolerance, "\(label): error \(error) above tolerance \(tolerance)",
    sourceLocation: sourceLocation)
}

/// The residual `y - r - X[:, columns] * beta` accurate to about twice the working precision
/// (`r` optional, treated as zero when nil).
///
/// Each product is split exactly with a fused multiply-add and the sum is accumulated with
/// Knuth's TwoSum error term ("Dot2", Ogita, Rump & Oishi 2005, Accurate sum and dot product),
/// so cancellation between `y` and the fitted values does not lose digits. Used for iterative
/// refinement in `LeastSquaresQR`.
func compensatedResidual(
  _ x: Matrix, columns: [Int], beta: [Double], y: [Double], minus r: [Double]? = nil
) -> [Double] {
  precondition(columns.count == beta.count && y.count == x.rows, "compensatedResidual: shapes")
  let n = x.rows
  var sum = y
  var error = [Double](repeating: 0, count: n)
  if let r {
    precondition(r.count == n, "compensatedResidual: r has the wrong length")
    for i in 0..<n { twoSumInto(&sum[i], &error[i], -r[i]) }
  }
  x.storage.withUnsafeBufferPointer { px in
    sum.withUnsafeMutableBufferPointer { ps in
      error.withUnsafeMutableBufferPointer { pe in
        for (k, j) in columns.enumerated() {
          let b = beta[k]
          let base = j * n
          for i in 0..<n {
            let a = px[base + i]
            let product = a * b
            // a*b = product + productError exactly.
            let productError = (-product).addingProduct(a, b)
            twoSumInto(&ps[i], &pe[i], -product)
            pe[i] -= productError
          }
        }
      }
    }
  }
  for i in 0..<n { sum[i] += error[i] }
  return sum
}

/// `X[:, columns]' v` with each dot product in doubled precision (Dot2).
func compensatedTransposeProduct(_ x: Matrix, columns: [Int], _ v: [Double]) -> [Double] {
  precondition(v.count == x.rows, "compensatedTransposeProduct: shapes")
  let n = x.rows
  var out = [Double](repeating: 0, count: columns.count)
  x.storage.withUnsafeBufferPointer { px in
    v.withUnsafeBufferPointer { pv in
      for (k, j) in columns.enumerated() {
        var s = 0.0
        var e = 0.0
        let base = j * n
        for i in 0..<n {
          let a = px[base + i]
          let product = a * pv[i]
          e += (-product).addingProduct(a, pv[i])
          twoSumInto(&s, &e, product)
        }
        out[k] = s + e
      }
    }
  }
  return out
}

/// `s <- fl(s + t)`, adding the exact rounding error of that sum to `e` (Knuth's TwoSum).
@inline(__always) private func twoSumInto(_ s: inout Double, _ e: inout Double, _ t: Double) {
  let sum = s + t
  let z = sum - s
  e += (s - (sum - z)) + (t - z)
  s = sum
}

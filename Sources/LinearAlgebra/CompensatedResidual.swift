/// The residual `y - X[:, columns] * beta` accurate to about twice the working precision.
///
/// Each product is split exactly with a fused multiply-add and the sum is accumulated with
/// Knuth's TwoSum error term ("Dot2", Ogita, Rump & Oishi 2005, Accurate sum and dot product),
/// so cancellation between `y` and the fitted values does not lose digits. Used for one step of
/// iterative refinement in `LeastSquaresQR`.
func compensatedResidual(_ x: Matrix, columns: [Int], beta: [Double], y: [Double]) -> [Double] {
  precondition(columns.count == beta.count && y.count == x.rows, "compensatedResidual: shapes")
  let n = x.rows
  var sum = y
  var error = [Double](repeating: 0, count: n)
  x.storage.withUnsafeBufferPointer { px in
    sum.withUnsafeMutableBufferPointer { ps in
      error.withUnsafeMutableBufferPointer { pe in
        for (k, j) in columns.enumerated() {
          let b = beta[k]
          let base = j * n
          for i in 0..<n {
            let a = px[base + i]
            let product = a * b
            let productError = fmaError(a, b, product)
            let t = ps[i] - product
            let z = t - ps[i]
            let sumError = (ps[i] - (t - z)) + (-product - z)
            ps[i] = t
            pe[i] += sumError - productError
          }
        }
      }
    }
  }
  for i in 0..<n { sum[i] += error[i] }
  return sum
}

/// The exact rounding error of `a * b` given its rounded value `product` (`a*b = product + e`).
@inline(__always) private func fmaError(_ a: Double, _ b: Double, _ product: Double) -> Double {
  (-product).addingProduct(a, b)
}

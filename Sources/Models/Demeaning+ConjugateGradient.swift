extension Demeaner {
  /// Demeans one column by conjugate gradients on the symmetric Kaczmarz transform, the method of
  /// reghdfe (Correia 2017, after Hernandez-Ramos, Escalante & Raydan 2011): with
  /// `T = M_1 M_2 ... M_Q ... M_2 M_1` (M_q the annihilator of effect q, self-adjoint under the
  /// weights), the demeaned column is y - z where z solves (I - T) z = (I - T) y.
  ///
  /// CG needs about the square root of the sweeps of plain alternating projections on weakly
  /// connected effects (learners nested in schools with few movers). Used for three or more
  /// effects; fixed-effect coefficients are not produced (recovery uses the Gauss-Seidel path).
  func demeanConjugateGradient(_ y: [Double], options: DemeaningOptions) -> Column {
    let w = weights
    func dot(_ a: [Double], _ b: [Double]) -> Double {
      var s = 0.0
      if let w {
        for i in 0..<n { s += w[i] * a[i] * b[i] }
      } else {
        for i in 0..<n { s += a[i] * b[i] }
      }
      return s
    }
    var sumW = 0.0
    var sumWY = 0.0
    for i in 0..<n {
      sumW += w?[i] ?? 1
      sumWY += (w?[i] ?? 1) * y[i]
    }
    let mean = sumWY / max(sumW, 1e-300)
    let centred = y.map { $0 - mean }
    let scale = (dot(centred, centred) / max(sumW, 1e-300)).squareRoot()
    var scratch = [Double](repeating: 0, count: totalLevels)
    var ty = y
    applyTransform(&ty, scratch: &scratch)
    if scale == 0 {
      return Column(values: ty, effects: [], iterations: 1, converged: true, criterion: 0)
    }
    // b = y - T y; z = 0; r = b; p = r.
    var r = (0..<n).map { y[$0] - ty[$0] }
    var p = r
    var z = [Double](repeating: 0, count: n)
    var ap = [Double](repeating: 0, count: n)
    var rs = dot(r, r)
    let threshold = options.tolerance * scale * sumW.squareRoot()
    var iterations = 0
    var criterion = rs.squareRoot()
    while criterion > threshold && iterations < options.maxIterations {
      for i in 0..<n { ap[i] = p[i] }
      applyTransform(&ap, scratch: &scratch)
      for i in 0..<n { ap[i] = p[i] - ap[i] }
      let curvature = dot(p, ap)
      iterations += 1
      if curvature <= 0 { break }
      let step = rs / curvature
      for i in 0..<n {
        z[i] += step * p[i]
        r[i] -= step * ap[i]
      }
      let updated = dot(r, r)
      criterion = updated.squareRoot()
      let beta = updated / rs
      rs = updated
      for i in 0..<n { p[i] = r[i] + beta * p[i] }
    }
    // One last symmetric sweep on y - z removes what is left of the fixed-effect space.
    var values = (0..<n).map { y[$0] - z[$0] }
    applyTransform(&values, scratch: &scratch)
    return Column(
      values: values, effects: [], iterations: iterations, converged: criterion <= threshold,
      criterion: criterion / (scale * sumW.squareRoot()))
  }

  /// `v <- T v = M_1 M_2 ... M_Q ... M_2 M_1 v` (applied right to left; the sequence is symmetric).
  private func applyTransform(_ v: inout [Double], scratch: inout [Double]) {
    let q = codes.count
    let order = Array(0..<q) + Array((0..<(q - 1)).reversed())
    for f in order { annihilate(&v, effect: f, scratch: &scratch) }
  }

  /// v <- M_f v: subtracts the weighted level means of effect f.
  private func annihilate(_ v: inout [Double], effect f: Int, scratch: inout [Double]) {
    let offset = offsets[f]
    let levels = f + 1 < offsets.count ? offsets[f + 1] - offset : totalLevels - offset
    for g in 0..<levels { scratch[g] = 0 }
    codes[f].withUnsafeBufferPointer { c in
      v.withUnsafeMutableBufferPointer { x in
        scratch.withUnsafeMutableBufferPointer { s in
          if let weights {
            for i in 0..<n { s[Int(c[i])] += weights[i] * x[i] }
          } else {
            for i in 0..<n { s[Int(c[i])] += x[i] }
          }
          for g in 0..<levels { s[g] /= levelWeight[offset + g] }
          for i in 0..<n { x[i] -= s[Int(c[i])] }
        }
      }
    }
  }
}

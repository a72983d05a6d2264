import Foundation

/// The logit propensity score of one 2x2 comparison (treated cohort vs comparison units), fitted
/// by iteratively reweighted least squares as DRDID's `fastglm(family = binomial())` does, with
/// the Hessian that its influence function needs.
struct DiDPropensityScore {
  /// Fitted probabilities, capped at `1 - 1e-6` as DRDID does.
  let fitted: [Double]
  /// The largest fitted probability before the cap (R `did`'s overlap check uses 0.999).
  let maximum: Double
  /// `(sum_i p_i (1 - p_i) x_i x_i')^-1 * n` (DRDID `Hessian.ps`); `nil` when singular.
  let hessian: [Double]?
  /// Whether IRLS met its tolerance.
  let converged: Bool
  /// The coefficients (intercept first).
  let coefficients: [Double]

  /// Fits `P(D = 1 | x)` by IRLS from the intercept-only fit.
  ///
  /// With `groups`, rows that share their covariates and treatment (a unit's rows in the two
  /// periods of a comparison, with covariates that do not change) are fitted once with a
  /// frequency weight: the same sums in half the passes' work, the fitted values then copied
  /// back to every row.
  /// - Parameters:
  ///   - design: the covariates with intercept.
  ///   - treated: 1 for the cohort, 0 for comparisons.
  ///   - groups: rows fitted together, or `nil` for one row each.
  /// - Returns: the fit.
  static func fit(_ design: DiDCellDesign, treated: [Double], groups: RowGroups? = nil)
    -> DiDPropensityScore
  {
    let share = treated.reduce(0, +) / Double(design.n)
    var beta = [Double](repeating: 0, count: design.k)
    beta[0] = log(share / (1 - share))
    guard let groups, design.k > 1 else {
      return fit(
        design, treated: treated, weights: [Double](repeating: 1, count: design.n),
        share: share, from: beta, rows: design.n)
    }
    let g = groups.weight.count
    var x = [Double](repeating: 1, count: g * design.k)
    for j in 1..<design.k {
      for (c, r) in groups.representative.enumerated() { x[j * g + c] = design.x[j * design.n + r] }
    }
    let compact = fit(
      DiDCellDesign(n: g, k: design.k, x: x), treated: groups.representative.map { treated[$0] },
      weights: groups.weight, share: share, from: beta, rows: design.n)
    return DiDPropensityScore(
      fitted: groups.groupOfRow.map { compact.fitted[Int($0)] }, maximum: compact.maximum,
      hessian: compact.hessian, converged: compact.converged, coefficients: compact.coefficients)
  }

  /// Rows of a comparison fitted together: each group's first row and its number of rows (1 or
  /// 2), and the group of every row.
  struct RowGroups {
    /// A row of each group.
    let representative: [Int]
    /// Rows in each group (1 or 2).
    let weight: [Double]
    /// The group of each row.
    let groupOfRow: [Int32]
  }

  /// IRLS from `start` (kept as the fit when there are no covariates) on rows with frequency
  /// weights (1 or 2) that stand for `rows` rows.
  ///
  /// The pass that finds convergence has the fitted probabilities and weighted cross-product at
  /// the final coefficients; they are kept unless a probability needs the cap.
  static func fit(
    _ design: DiDCellDesign, treated: [Double], weights: [Double], share: Double,
    from start: [Double], rows: Int
  ) -> DiDPropensityScore {
    let n = design.n
    let k = design.k
    var beta = start
    var converged = true
    var fitted = [Double](repeating: share, count: n)
    var last: IRLSPass? = nil
    if k > 1 {
      converged = false
      var deviance = Double.infinity
      for _ in 0..<100 {
        // One pass: deviance at beta and the IRLS normal equations X'WX b = X'Wz.
        let pass = irlsPass(
          design, treated: treated, weights: weights, beta: beta, fitted: &fitted)
        if abs(pass.deviance - deviance) / (abs(pass.deviance) + 0.1) < 1e-12 {
          converged = true
          last = pass
          break
        }
        deviance = pass.deviance
        guard let (inverse, _) = SmallSymmetric.inverse(pass.xtwx, k: k) else { break }
        beta = SmallSymmetric.times(inverse, pass.xtwz, k: k)
      }
    }
    var maximum: Double
    var xtwx: [Double]
    if let last, last.maximum <= 1 - 1e-6, last.smallestWeight > 1e-300 {
      // No probability reaches the cap: the last pass's values are the capped ones.
      (maximum, xtwx) = (last.maximum, last.xtwx)
    } else {
      (maximum, xtwx) = capped(
        &fitted, design: design, weights: weights, beta: k > 1 ? beta : nil)
    }
    let inverse = SmallSymmetric.inverse(xtwx, k: k)?.inverse
    return DiDPropensityScore(
      fitted: fitted, maximum: maximum, hessian: inverse?.map { $0 * Double(rows) },
      converged: converged, coefficients: beta)
  }

  /// Sets the fitted probabilities at `beta` (when given; otherwise keeps them), caps them at
  /// `1 - 1e-6` and returns the largest before the cap with `sum_i p_i (1 - p_i) x_i x_i'` of
  /// the capped values, in one pass.
  static func capped(
    _ fitted: inout [Double], design: DiDCellDesign, weights: [Double], beta: [Double]?
  ) -> (Double, [Double]) {
    let n = design.n
    let k = design.k
    var maximum = -Double.infinity
    var xtwx = [Double](repeating: 0, count: k * k)
    design.x.withUnsafeBufferPointer { xs in
      fitted.withUnsafeMutableBufferPointer { f in
        xtwx.withUnsafeMutableBufferPointer { o in
          for i in 0..<n {
            if let beta {
              var eta = 0.0
              for a in 0..<k { eta += xs[a * n + i] * beta[a] }
              f[i] = 1 / (1 + exp(-eta))
            }
            maximum = max(maximum, f[i])
            let p = min(f[i], 1 - 1e-6)
            f[i] = p
            let w = weights[i] * (p * (1 - p))
            for a in 0..<k {
              let wa = w * xs[a * n + i]
              for b in a..<k { o[a * k + b] += wa * xs[b * n + i] }
            }
          }
        }
      }
    }
    for a in 0..<k { for b in a..<k { xtwx[b * k + a] = xtwx[a * k + b] } }
    return (n > 0 ? maximum : 0, xtwx)
  }

  /// The binomial deviance at `beta` and the weighted cross-products of one IRLS step, in one
  /// pass over the rows, writing the fitted probabilities into `fitted`.
  ///
  /// With `e = exp(-eta)`, a row's deviance is `2 log(1 + e)`, plus `2 eta` when `D = 0`; the
  /// logarithm is taken once, of the running product of the `1 + e` (its binary exponent set
  /// aside as it grows), so a pass costs one `exp` per row instead of an `exp` and a `log`.
  /// Rows with extreme `eta` take R's clamped logarithms one by one.
  static func irlsPass(
    _ design: DiDCellDesign, treated: [Double], weights: [Double], beta: [Double],
    fitted: inout [Double]
  ) -> IRLSPass {
    let n = design.n
    let k = design.k
    var xtwx = [Double](repeating: 0, count: k * k)
    var xtwz = [Double](repeating: 0, count: k)
    var rows = IRLSRows()
    design.x.withUnsafeBufferPointer { xs in
      fitted.withUnsafeMutableBufferPointer { f in
        treated.withUnsafeBufferPointer { ys in
          weights.withUnsafeBufferPointer { ws in
            if k <= 4 {
              smallPass(
                xs, n: n, k: k, ys: ys, ws: ws, beta: beta, f: f, rows: &rows, xtwx: &xtwx,
                xtwz: &xtwz)
              return
            }
            xtwx.withUnsafeMutableBufferPointer { o in
              xtwz.withUnsafeMutableBufferPointer { z in
                for i in 0..<n {
                  var eta = 0.0
                  for a in 0..<k { eta += xs[a * n + i] * beta[a] }
                  let (p, v, zw) = rows.add(eta: eta, y: ys[i], weight: ws[i])
                  f[i] = p
                  for a in 0..<k {
                    let xa = xs[a * n + i]
                    z[a] += xa * zw
                    let va = v * xa
                    for b in a..<k { o[a * k + b] += va * xs[b * n + i] }
                  }
                }
              }
            }
          }
        }
      }
    }
    for a in 0..<k { for b in a..<k { xtwx[b * k + a] = xtwx[a * k + b] } }
    return IRLSPass(
      deviance: rows.deviance, xtwx: xtwx, xtwz: xtwz, maximum: n > 0 ? rows.maximum : 0,
      smallestWeight: rows.smallestWeight)
  }

  /// `irlsPass` for at most four columns: each row's covariates in one `SIMD4` (unused lanes
  /// zero), with the same operations in the same order as the general loop, so the same sums.
  static func smallPass(
    _ xs: UnsafeBufferPointer<Double>, n: Int, k: Int, ys: UnsafeBufferPointer<Double>,
    ws: UnsafeBufferPointer<Double>, beta: [Double], f: UnsafeMutableBufferPointer<Double>,
    rows: inout IRLSRows,
    xtwx: inout [Double], xtwz: inout [Double]
  ) {
    var coefficients = SIMD4<Double>(repeating: 0)
    var mask = SIMD4<Double>(repeating: 0)
    for a in 0..<k {
      coefficients[a] = beta[a]
      mask[a] = 1
    }
    // Column a's first element, column 0's for unused lanes (masked to zero).
    let base = (0..<4).map { a in a < k ? a * n : 0 }
    let (c0, c1, c2, c3) = (base[0], base[1], base[2], base[3])
    var o = (SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>())
    var z = SIMD4<Double>()
    for i in 0..<n {
      let x = SIMD4(xs[c0 + i], xs[c1 + i], xs[c2 + i], xs[c3 + i]) * mask
      let products = x * coefficients
      let eta = products[0] + products[1] + products[2] + products[3]
      let (p, v, zw) = rows.add(eta: eta, y: ys[i], weight: ws[i])
      f[i] = p
      z += x * zw
      o.0 += (v * x[0]) * x
      o.1 += (v * x[1]) * x
      o.2 += (v * x[2]) * x
      o.3 += (v * x[3]) * x
    }
    let columns = [o.0, o.1, o.2, o.3]
    for a in 0..<k {
      xtwz[a] = z[a]
      for b in a..<k { xtwx[a * k + b] = columns[a][b] }
    }
  }

  /// The per-row part of an IRLS pass: fitted probability, weight and working response, and
  /// the running deviance (see `irlsPass`), largest probability and smallest weight.
  struct IRLSRows {
    var direct = 0.0
    var linear = 0.0
    var product = 1.0
    var exponent = 0
    var maximum = -Double.infinity
    var smallestWeight = Double.infinity

    /// Adds a row with linear predictor `eta`, response `y` and frequency weight 1 or 2.
    /// - Returns: `p`, the IRLS weight `p (1 - p)` (floored at 1e-300) and `w eta + y - p`,
    ///   the last two times the frequency weight.
    @inline(__always)
    mutating func add(eta: Double, y: Double, weight: Double) -> (Double, Double, Double) {
      let large = 0x1p400
      let e = exp(-eta)
      let onePlus = 1 + e
      let p = 1 / onePlus
      maximum = max(maximum, p)
      let raw = p * (1 - p)
      smallestWeight = min(smallestWeight, raw)
      let v = max(raw, 1e-300)
      if onePlus < large, eta < 600 {
        product *= onePlus
        if product > large {
          exponent += product.exponent
          product = product.significand
        }
        if weight > 1 {
          product *= onePlus
          if product > large {
            exponent += product.exponent
            product = product.significand
          }
        }
        if y <= 0 { linear += weight * eta }
      } else {
        direct -= weight * (2 * (y > 0 ? log(max(p, 1e-300)) : log(max(1 - p, 1e-300))))
      }
      return (p, weight * v, weight * (v * eta + (y - p)))
    }

    /// The binomial deviance of the rows added.
    var deviance: Double {
      direct + 2 * (log(product) + Double(exponent) * log(2.0) + linear)
    }
  }

  /// What one IRLS pass found at its coefficients.
  struct IRLSPass {
    /// The binomial deviance.
    let deviance: Double
    /// `sum_i w_i x_i x_i'` with `w_i = p_i (1 - p_i)` (floored at 1e-300).
    let xtwx: [Double]
    /// `sum_i x_i (w_i eta_i + D_i - p_i)`.
    let xtwz: [Double]
    /// The largest fitted probability.
    let maximum: Double
    /// The smallest `p_i (1 - p_i)` before the floor.
    let smallestWeight: Double
  }

  /// The propensity part of an influence function: `(D_i - p_i) x_i' H m`.
  func linearRepresentation(
    _ design: DiDCellDesign, treated: [Double], moment: [Double], hessian: [Double]
  ) -> [Double] {
    let projected = design.times(SmallSymmetric.times(hessian, moment, k: design.k))
    return (0..<design.n).map { (treated[$0] - fitted[$0]) * projected[$0] }
  }
}

/// One least-squares fit of an outcome on the covariates within a subset of a comparison's rows
/// (DRDID's outcome regressions), with what its influence function needs.
struct DiDOutcomeRegression {
  /// Coefficients.
  let beta: [Double]
  /// `(sum_subset x x' / n)^-1` (DRDID `XpX.inv`).
  let scaledInverse: [Double]
  /// The subset indicator.
  let subset: [Double]
  /// Fitted values on every row.
  let fitted: [Double]

  /// Fits `y ~ x` on the rows with `subset == 1`.
  /// - Returns: the fit, or `nil` when the subset's cross-product is singular
  ///   (R's `rcond < .Machine$double.eps`).
  static func fit(_ design: DiDCellDesign, y: [Double], subset: [Double]) -> DiDOutcomeRegression? {
    let k = design.k
    guard let (inverse, rcond) = SmallSymmetric.inverse(design.crossProduct(subset), k: k),
      rcond >= Double.ulpOfOne
    else { return nil }
    let xy = design.weightedSum((0..<design.n).map { subset[$0] * y[$0] })
    let beta = SmallSymmetric.times(inverse, xy, k: k)
    return DiDOutcomeRegression(
      beta: beta, scaledInverse: inverse.map { $0 * Double(design.n) }, subset: subset,
      fitted: design.times(beta))
  }

  /// The regression part of an influence function: `subset_i (y_i - fit_i) x_i' XpX^-1 m`.
  func linearRepresentation(_ design: DiDCellDesign, y: [Double], moment: [Double]) -> [Double] {
    let projected = design.times(SmallSymmetric.times(scaledInverse, moment, k: design.k))
    return (0..<design.n).map { subset[$0] * (y[$0] - fitted[$0]) * projected[$0] }
  }
}

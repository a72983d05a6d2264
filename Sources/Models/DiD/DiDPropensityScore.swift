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

  /// Fits `P(D = 1 | x)`.
  /// - Parameters:
  ///   - design: the covariates with intercept.
  ///   - treated: 1 for the cohort, 0 for comparisons.
  /// - Returns: the fit.
  static func fit(_ design: DiDCellDesign, treated: [Double]) -> DiDPropensityScore {
    let n = design.n
    let k = design.k
    let share = treated.reduce(0, +) / Double(n)
    var beta = [Double](repeating: 0, count: k)
    beta[0] = log(share / (1 - share))
    var converged = true
    if k > 1 {
      converged = false
      var deviance = Double.infinity
      for _ in 0..<100 {
        // One pass: deviance at beta and the IRLS normal equations X'WX b = X'Wz.
        let (newDeviance, xtwx, xtwz) = irlsPass(design, treated: treated, beta: beta)
        if abs(newDeviance - deviance) / (abs(newDeviance) + 0.1) < 1e-12 {
          converged = true
          break
        }
        deviance = newDeviance
        guard let (inverse, _) = SmallSymmetric.inverse(xtwx, k: k) else { break }
        beta = SmallSymmetric.times(inverse, xtwz, k: k)
      }
    }
    var fitted = [Double](repeating: share, count: n)
    let (maximum, xtwx) = capped(&fitted, design: design, beta: k > 1 ? beta : nil)
    let inverse = SmallSymmetric.inverse(xtwx, k: k)?.inverse
    return DiDPropensityScore(
      fitted: fitted, maximum: maximum, hessian: inverse?.map { $0 * Double(n) },
      converged: converged)
  }

  /// Sets the fitted probabilities at `beta` (when given; otherwise keeps them), caps them at
  /// `1 - 1e-6` and returns the largest before the cap with `sum_i p_i (1 - p_i) x_i x_i'` of
  /// the capped values, in one pass.
  static func capped(_ fitted: inout [Double], design: DiDCellDesign, beta: [Double]?) -> (
    Double, [Double]
  ) {
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
            let w = p * (1 - p)
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
  /// pass over the rows.
  ///
  /// With `e = exp(-eta)`, a row's deviance is `2 log(1 + e)`, plus `2 eta` when `D = 0`; the
  /// logarithm is taken once, of the running product of the `1 + e` (its binary exponent set
  /// aside as it grows), so a pass costs one `exp` per row instead of an `exp` and a `log`.
  /// Rows with extreme `eta` take R's clamped logarithms one by one.
  static func irlsPass(_ design: DiDCellDesign, treated: [Double], beta: [Double]) -> (
    Double, [Double], [Double]
  ) {
    let n = design.n
    let k = design.k
    var xtwx = [Double](repeating: 0, count: k * k)
    var xtwz = [Double](repeating: 0, count: k)
    var direct = 0.0
    var linear = 0.0
    var product = 1.0
    var exponent = 0
    let large = 0x1p400
    design.x.withUnsafeBufferPointer { xs in
      treated.withUnsafeBufferPointer { ys in
        xtwx.withUnsafeMutableBufferPointer { o in
          xtwz.withUnsafeMutableBufferPointer { z in
            for i in 0..<n {
              var eta = 0.0
              for a in 0..<k { eta += xs[a * n + i] * beta[a] }
              let e = exp(-eta)
              let onePlus = 1 + e
              let p = 1 / onePlus
              let v = max(p * (1 - p), 1e-300)
              let zw = v * eta + (ys[i] - p)
              if onePlus < large, eta < 600 {
                product *= onePlus
                if product > large {
                  exponent += product.exponent
                  product = product.significand
                }
                if ys[i] <= 0 { linear += eta }
              } else {
                direct -= 2 * (ys[i] > 0 ? log(max(p, 1e-300)) : log(max(1 - p, 1e-300)))
              }
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
    for a in 0..<k { for b in a..<k { xtwx[b * k + a] = xtwx[a * k + b] } }
    let logProduct = log(product) + Double(exponent) * log(2.0)
    return (direct + 2 * (logProduct + linear), xtwx, xtwz)
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

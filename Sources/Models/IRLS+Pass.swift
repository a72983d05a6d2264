import LinearAlgebra

extension IRLS {
  /// Per-observation quantities of the current iterate, rewritten by every pass.
  struct Working {
    /// Linear predictor eta (offset included).
    var eta: [Double]
    /// Means g^-1(eta).
    var mu: [Double]
    /// Square roots of the working weights, sqrt(prior mu'(eta)^2 / V(mu)).
    var root: [Double]
    /// Working residuals (y - mu) / mu'(eta).
    var residual: [Double]

    init(count: Int) {
      eta = [Double](repeating: 0, count: count)
      mu = eta
      root = eta
      residual = eta
    }
  }

  /// The data of the fit as read by a pass: empty weights mean ones, an empty offset zeros.
  struct PassData {
    let y: [Double]
    let weights: [Double]
    let offset: [Double]
    let family: GLMFamily
  }

  /// One pass over the design, in parallel row blocks.
  ///
  /// With coefficients b it first sets eta = X b + offset and mu = g^-1(eta); without, it keeps eta
  /// and mu (the starting values) and targets R's working response z = eta - offset + r instead of
  /// r. Then it stores the working weights' roots and working residuals r and returns X'WX,
  /// X'W(target) and the deviance at mu (as `total`).
  /// - Parameters:
  ///   - x: the design (kept columns).
  ///   - layout: its dense columns and factor-dummy groups.
  ///   - coefficients: b, or `nil` for the starting pass.
  ///   - data: responses, prior weights, offset and family.
  ///   - work: the iterate's arrays, updated in place.
  /// - Returns: the cross products and the deviance.
  static func pass(
    _ x: Matrix, layout: IndicatorLayout, coefficients: [Double]?, data: PassData,
    work: inout Working
  ) -> ScaledCrossProducts {
    let family = data.family
    let link = family.link
    let update = coefficients != nil
    return data.y.withUnsafeBufferPointer { y in
      data.weights.withUnsafeBufferPointer { weights in
        data.offset.withUnsafeBufferPointer { offset in
          work.eta.withUnsafeMutableBufferPointer { eta in
            work.mu.withUnsafeMutableBufferPointer { mu in
              work.root.withUnsafeMutableBufferPointer { root in
                work.residual.withUnsafeMutableBufferPointer { residual in
                  x.scaledCrossProducts(coefficients: coefficients, layout: layout) { block in
                    var deviance = 0.0
                    let first = block.rows.lowerBound
                    for k in 0..<block.rows.count {
                      let i = first + k
                      let shift = offset.isEmpty ? 0 : offset[i]
                      let e: Double
                      let m: Double
                      let d: Double
                      if update {
                        e = block.linear[k] + shift
                        (m, d) = link.inverseAndDerivative(e)
                        eta[i] = e
                        mu[i] = m
                      } else {
                        e = eta[i]
                        m = mu[i]
                        d = link.inverseDerivative(e)
                      }
                      let w = weights.isEmpty ? 1 : weights[i]
                      let r = (w * d * d / family.variance(m)).squareRoot()
                      let res = (y[i] - m) / d
                      root[i] = r
                      residual[i] = res
                      block.scale[k] = r
                      block.target[k] = update ? res : e - shift + res
                      deviance += family.deviance(y: y[i], mu: m, weight: w)
                    }
                    return deviance
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}

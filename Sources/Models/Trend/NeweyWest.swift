import Foundation

/// Newey-West heteroskedasticity and autocorrelation consistent covariance of least-squares
/// coefficients (Bartlett kernel), computed as R `sandwich::NeweyWest` (version 3.0):
/// estimating functions `x_i e_i` in time order, optional VAR(1) prewhitening of them (R's
/// default) and recolouring with `(I - A)^{-1}`, optional `n / (n - k)` adjustment, and, when
/// no lag is given, the lag `floor(bwNeweyWest)`: Newey and West's (1994) plug-in bandwidth with
/// the intercept's estimating function weighted 0.
public struct NeweyWestOptions: Sendable, Equatable {
  /// The truncation lag; `nil` chooses it as `sandwich::bwNeweyWest`.
  public var lag: Int?
  /// VAR(1) prewhitening of the estimating functions (R's default: true).
  public var prewhite: Bool
  /// The finite-sample factor `n / (n - k)` (R's default: false).
  public var adjust: Bool

  /// Creates options; the defaults are those of `sandwich::NeweyWest`.
  /// - Parameters:
  ///   - lag: the truncation lag, or `nil` for the automatic choice.
  ///   - prewhite: VAR(1) prewhitening.
  ///   - adjust: the `n / (n - k)` factor.
  public init(lag: Int? = nil, prewhite: Bool = true, adjust: Bool = false) {
    self.lag = lag
    self.prewhite = prewhite
    self.adjust = adjust
  }
}

/// The Newey-West computation (see `NeweyWestOptions`).
enum NeweyWest {
  /// The HAC covariance and the lag used.
  /// - Parameters:
  ///   - design: the (weight-scaled) design rows in time order.
  ///   - residuals: the (weight-scaled) residuals.
  ///   - unscaled: `(X'WX)^{-1}`.
  ///   - options: lag, prewhitening, adjustment.
  /// - Returns: the covariance, the lag and notes.
  /// - Throws: `TrendError.unsupported` when prewhitening meets singular estimating functions or
  ///   the automatic lag is undefined (zero residuals).
  static func covariance(
    design: [[Double]], residuals: [Double], unscaled: [[Double]], options: NeweyWestOptions
  ) throws -> (covariance: [[Double]], lag: Int, notes: [String]) {
    let n = design.count
    let k = design.first?.count ?? 0
    let scores = zip(design, residuals).map { row, e in row.map { $0 * e } }
    var notes: [String] = []
    var lag: Int
    if let given = options.lag {
      lag = given
    } else {
      let width = try bandwidth(scores, prewhite: options.prewhite)
      guard width.isFinite else {
        throw TrendError.unsupported(
          "Newey-West automatic lag: the bandwidth is undefined (every residual is zero: the "
            + "trend fits the series exactly); give the lag (hac_lag)")
      }
      lag = Int(width.rounded(.down))
    }
    var u = ArraySlice(scores)
    var recolour: [[Double]]?
    if options.prewhite {
      let fit = try var1(scores)
      u = ArraySlice(fit.residuals)
      let identityMinusA = (0..<k).map { i in (0..<k).map { (i == $0 ? 1 : 0) - fit.a[i][$0] } }
      guard let d = TrendAlgebra.inverse(identityMinusA) else {
        throw TrendError.unsupported("Newey-West prewhitening: I - A is singular")
      }
      recolour = d
    }
    let used = u.count
    if lag > used - 1 {
      notes.append("Newey-West lag \(lag) exceeds the series; \(used - 1) used")
      lag = used - 1
    }
    let start = u.startIndex
    var utu = TrendAlgebra.crossProduct(u, u).map { $0.map { $0 * 0.5 } }
    if lag >= 1 {
      for j in 1...lag {
        let w = 1 - Double(j) / Double(lag + 1)
        let c = TrendAlgebra.crossProduct(u[start..<(start + used - j)], u[(start + j)...])
        for a in 0..<k {
          for b in 0..<k { utu[a][b] += w * c[a][b] }
        }
      }
    }
    var meat = (0..<k).map { a in (0..<k).map { b in utu[a][b] + utu[b][a] } }
    if options.adjust {
      let factor = Double(n) / Double(n - k)
      meat = meat.map { $0.map { $0 * factor } }
    }
    if let d = recolour {
      meat = TrendAlgebra.multiply(TrendAlgebra.multiply(d, meat), TrendAlgebra.transpose(d))
    }
    let covariance = TrendAlgebra.multiply(TrendAlgebra.multiply(unscaled, meat), unscaled)
    return (covariance, lag, notes)
  }

  /// VAR(1) without intercept fitted by least squares (R `ar(..., order.max = 1, aic = FALSE,
  /// demean = FALSE, method = "ols")`): `u_t = A u_{t-1} + r_t`.
  static func var1(_ u: [[Double]]) throws -> (a: [[Double]], residuals: [[Double]]) {
    let lagged = u.dropLast()
    let current = u.dropFirst()
    let xx = TrendAlgebra.crossProduct(lagged, lagged)
    let yx = TrendAlgebra.crossProduct(current, lagged)
    guard let inverse = TrendAlgebra.inverse(xx) else {
      throw TrendError.unsupported(
        "Newey-West prewhitening: the estimating functions are collinear; use prewhite: false")
    }
    let a = TrendAlgebra.multiply(yx, inverse)
    let residuals = zip(current, lagged).map { now, before in
      now.indices.map { i in now[i] - before.indices.reduce(0) { $0 + a[i][$1] * before[$1] } }
    }
    return (a, residuals)
  }

  /// `sandwich::bwNeweyWest` for the Bartlett kernel with the intercept weighted 0 (the first
  /// column is the intercept).
  static func bandwidth(_ scores: [[Double]], prewhite: Bool) throws -> Double {
    let k = scores.first?.count ?? 0
    var weights = Array(repeating: 1.0, count: k)
    if k > 1 { weights[0] = 0 }
    let n0 = scores.count
    let m = Int((Double(prewhite ? 3 : 4) * pow(Double(n0) / 100, 2.0 / 9.0)).rounded(.down))
    let u = prewhite ? try var1(scores).residuals : scores
    let n = u.count
    let hw = u.map { row in zip(row, weights).reduce(0) { $0 + $1.0 * $1.1 } }
    let sigma = (0...m).map { j in
      j >= n ? 0 : (0..<(n - j)).reduce(0.0) { $0 + hw[$1] * hw[$1 + j] } / Double(n)
    }
    let s0 = sigma[0] + 2 * sigma.dropFirst().reduce(0, +)
    let s1 = 2 * sigma.indices.dropFirst().reduce(0.0) { $0 + Double($1) * sigma[$1] }
    return 1.1447 * pow(pow(s1 / s0, 2), 1.0 / 3.0) * pow(Double(n0), 1.0 / 3.0)
  }
}

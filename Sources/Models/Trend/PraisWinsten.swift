/// Iterated Prais-Winsten estimation of a regression with AR(1) errors.
///
/// The errors follow `e_t = rho e_{t-1} + u_t`;
/// rho from the least-squares residuals (`sum e_t e_{t-1} / sum e_{t-1}^2`), the first row
/// scaled by `sqrt(1 - rho^2)` and the others quasi-differenced, least squares on the
/// transformed rows, new residuals on the original scale, until rho changes by less than the
/// tolerance. Standard errors are the classical ones of the final transformed regression.
enum PraisWinsten {
  /// The final fit.
  struct Fit {
    /// Coefficients.
    let coefficients: [Double]
    /// `(X*'X*)^{-1}` of the transformed design.
    let unscaled: [[Double]]
    /// Residual sum of squares of the transformed regression.
    let transformedRSS: Double
    /// Residuals on the original scale.
    let residuals: [Double]
    /// The AR(1) coefficient.
    let rho: Double
    /// Iterations done.
    let iterations: Int
    /// Whether rho converged.
    let converged: Bool
    /// The last change in rho.
    let lastChange: Double
  }

  /// Fits the model.
  /// - Parameters:
  ///   - design: the design rows in time order.
  ///   - response: the response.
  ///   - terms: term names (for messages).
  ///   - tolerance: convergence tolerance on rho.
  ///   - maxIterations: iteration limit.
  /// - Returns: the fit.
  /// - Throws: `TrendError` on collinear terms or |rho| >= 1.
  static func fit(
    design: [[Double]], response: [Double], terms: [String], tolerance: Double,
    maxIterations: Int
  ) throws -> Fit {
    var beta = try TrendAlgebra.leastSquares(
      design: design, response: response, weights: nil, terms: terms
    ).coefficients
    var rho = 0.0
    var iterations = 0
    var change = Double.infinity
    while iterations < maxIterations {
      let e = residuals(design, response, beta)
      let next = autocorrelation(e)
      guard abs(next) < 1 else {
        throw TrendError.unsupported(
          "Prais-Winsten: the residual autocorrelation \(next) is not below 1 in absolute value")
      }
      change = abs(next - rho)
      rho = next
      iterations += 1
      let (x, y) = transform(design, response, rho: rho)
      beta = try TrendAlgebra.leastSquares(design: x, response: y, weights: nil, terms: terms)
        .coefficients
      if change < tolerance { break }
    }
    let (x, y) = transform(design, response, rho: rho)
    let final = try TrendAlgebra.leastSquares(design: x, response: y, weights: nil, terms: terms)
    return Fit(
      coefficients: final.coefficients, unscaled: final.unscaled,
      transformedRSS: final.scaledResiduals.reduce(0) { $0 + $1 * $1 },
      residuals: residuals(design, response, final.coefficients), rho: rho,
      iterations: iterations, converged: change < tolerance, lastChange: change)
  }

  /// `y - X b`.
  static func residuals(_ x: [[Double]], _ y: [Double], _ b: [Double]) -> [Double] {
    zip(x, y).map { row, value in value - zip(row, b).reduce(0) { $0 + $1.0 * $1.1 } }
  }

  /// `sum_{t>=2} e_t e_{t-1} / sum_{t>=2} e_{t-1}^2`.
  static func autocorrelation(_ e: [Double]) -> Double {
    var numerator = 0.0
    var denominator = 0.0
    for t in e.indices.dropFirst() {
      numerator += e[t] * e[t - 1]
      denominator += e[t - 1] * e[t - 1]
    }
    return denominator > 0 ? numerator / denominator : 0
  }

  /// The Prais-Winsten transformation of the rows.
  static func transform(_ x: [[Double]], _ y: [Double], rho: Double) -> ([[Double]], [Double]) {
    let first = (1 - rho * rho).squareRoot()
    var tx = [x[0].map { $0 * first }]
    var ty = [y[0] * first]
    for t in x.indices.dropFirst() {
      tx.append(zip(x[t], x[t - 1]).map { $0 - rho * $1 })
      ty.append(y[t] - rho * y[t - 1])
    }
    return (tx, ty)
  }
}

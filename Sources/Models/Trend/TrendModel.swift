import Inference

/// Trend models on an indicator series: linear, quadratic or segmented least squares (weighted
/// when the series has weights), with classical or Newey-West standard errors, or Prais-Winsten
/// AR(1) estimation; optionally projected to a target year.
public enum TrendModel {
  /// Fits a trend.
  /// - Parameters:
  ///   - series: the series.
  ///   - options: shape, standard errors, AR(1), target.
  /// - Returns: the fitted trend.
  /// - Throws: `TrendError` for too few points, bad breaks, collinear terms or options that do
  ///   not combine.
  public static func fit(_ series: TrendSeries, options: TrendOptions = TrendOptions()) throws
    -> TrendResult
  {
    let terms = options.shape.terms
    let p = terms.count
    let n = series.count
    guard n >= p + 1 else {
      throw TrendError.tooFewPoints(needed: p + 1, have: n, model: options.shape.name)
    }
    try checkBreaks(options.shape.breaks, series: series)
    if options.ar1 && options.neweyWest != nil {
      throw TrendError.unsupported(
        "ar1 and Newey-West errors do not combine: Prais-Winsten models the autocorrelation")
    }
    if options.ar1 && series.weights != nil {
      throw TrendError.unsupported("ar1 (Prais-Winsten) is not available for a weighted series")
    }
    guard options.level > 0 && options.level < 1 else {
      throw TrendError.unsupported("level must be between 0 and 1, got \(options.level)")
    }
    let origin = options.origin ?? series.time[0]
    let design = series.time.map { options.shape.row(at: $0, origin: origin) }
    var warnings: [String] = []
    let df = n - p
    if options.ar1 {
      if !equallySpaced(series.time) {
        warnings.append(
          "the series has gaps: AR(1) treats consecutive points as one step apart")
      }
      let pw = try PraisWinsten.fit(
        design: design, response: series.values, terms: terms, tolerance: options.tolerance,
        maxIterations: options.maxIterations)
      if !pw.converged {
        warnings.append("Prais-Winsten did not converge in \(pw.iterations) iterations")
      }
      let s2 = pw.transformedRSS / Double(df)
      return finish(
        series: series, options: options, origin: origin, estimates: pw.coefficients,
        covariance: pw.unscaled.map { $0.map { $0 * s2 } }, name: "prais_winsten", lag: nil,
        rho: pw.rho, sigma: s2.squareRoot(), rSquared: nil, design: design,
        convergence: ConvergenceInfo(
          converged: pw.converged, iterations: pw.iterations, criterion: pw.lastChange,
          tolerance: options.tolerance),
        warnings: warnings)
    }
    let ls = try TrendAlgebra.leastSquares(
      design: design, response: series.values, weights: series.weights, terms: terms)
    let rss = ls.scaledResiduals.reduce(0) { $0 + $1 * $1 }
    let s2 = rss / Double(df)
    var covariance = ls.unscaled.map { $0.map { $0 * s2 } }
    var name = "classical"
    var lag: Int?
    var prewhitened: Bool?
    if let nw = options.neweyWest {
      prewhitened = nw.prewhite
      var hac: (covariance: [[Double]], lag: Int, notes: [String])
      do {
        hac = try NeweyWest.covariance(
          design: ls.scaledDesign, residuals: ls.scaledResiduals, unscaled: ls.unscaled,
          options: nw)
      } catch let error as TrendError where nw.prewhite {
        // R's NeweyWest stops here too; without prewhitening the estimate is still defined.
        var plain = nw
        plain.prewhite = false
        prewhitened = false
        hac = try NeweyWest.covariance(
          design: ls.scaledDesign, residuals: ls.scaledResiduals, unscaled: ls.unscaled,
          options: plain)
        hac.notes.append("\(error.description); Newey-West computed without prewhitening")
      }
      covariance = hac.covariance
      lag = hac.lag
      name = "newey_west"
      warnings += hac.notes
    }
    return finish(
      series: series, options: options, origin: origin, estimates: ls.coefficients,
      covariance: covariance, name: name, lag: lag, prewhitened: prewhitened, rho: nil,
      sigma: s2.squareRoot(),
      rSquared: rSquared(series, rss: rss), design: design, convergence: .closedForm,
      warnings: warnings)
  }

  private static func finish(
    series: TrendSeries, options: TrendOptions, origin: Double, estimates: [Double],
    covariance: [[Double]], name: String, lag: Int?, prewhitened: Bool? = nil, rho: Double?,
    sigma: Double,
    rSquared: Double?, design: [[Double]], convergence: ConvergenceInfo, warnings: [String]
  ) -> TrendResult {
    let fitted = design.map { zip($0, estimates).reduce(0) { $0 + $1.0 * $1.1 } }
    let base = TrendResult(
      series: series, shape: options.shape, origin: origin, terms: options.shape.terms,
      estimates: estimates, covariance: covariance, covarianceName: name, hacLag: lag,
      hacPrewhitened: prewhitened, rho: rho,
      residualDegreesOfFreedom: series.count - estimates.count, sigma: sigma,
      rSquared: rSquared, fitted: fitted, residuals: zip(series.values, fitted).map { $0 - $1 },
      level: options.level, convergence: convergence, warnings: warnings, projection: nil)
    guard let target = options.target else { return base }
    var notes = warnings
    if let last = series.time.last, target.year < last {
      notes.append("the target year lies inside the series: the projection is an interpolation")
    }
    return TrendResult(
      series: series, shape: options.shape, origin: origin, terms: base.terms,
      estimates: estimates, covariance: covariance, covarianceName: name, hacLag: lag,
      hacPrewhitened: prewhitened, rho: rho,
      residualDegreesOfFreedom: base.residualDegreesOfFreedom, sigma: sigma,
      rSquared: rSquared, fitted: fitted, residuals: base.residuals, level: options.level,
      convergence: convergence, warnings: notes, projection: base.project(to: target))
  }

  /// Weighted R squared about the (weighted) mean.
  static func rSquared(_ series: TrendSeries, rss: Double) -> Double? {
    let w = series.weights ?? Array(repeating: 1, count: series.count)
    let total = w.reduce(0, +)
    let mean = zip(w, series.values).reduce(0) { $0 + $1.0 * $1.1 } / total
    let tss = zip(w, series.values).reduce(0) { $0 + $1.0 * ($1.1 - mean) * ($1.1 - mean) }
    return tss > 0 ? 1 - rss / tss : nil
  }

  /// Every break must leave at least two points before the first break and two on or after
  /// each break, and breaks must increase.
  static func checkBreaks(_ breaks: [Double], series: TrendSeries) throws {
    var previous = -Double.infinity
    for b in breaks {
      guard b.isFinite, b > previous else {
        throw TrendError.badBreak(b, "breaks must be finite and increasing")
      }
      let before = series.time.filter { $0 >= previous && $0 < b }.count
      let after = series.time.filter { $0 >= b }.count
      guard before >= 2, after >= 2 else {
        throw TrendError.badBreak(
          b, "each segment needs at least two points (\(before) before, \(after) from it on)")
      }
      previous = b
    }
  }

  /// True when the times are equally spaced.
  static func equallySpaced(_ time: [Double]) -> Bool {
    guard time.count > 2 else { return true }
    let step = time[1] - time[0]
    return time.indices.dropFirst().allSatisfy { abs(time[$0] - time[$0 - 1] - step) < 1e-9 }
  }
}

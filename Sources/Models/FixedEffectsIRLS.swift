import Formula
import Foundation
import LinearAlgebra

/// Iteratively reweighted least squares of a GLM with absorbed fixed effects, shared by the
/// Poisson, logit and probit fits (fixest `feglm`, Bergé 2018; Correia, Guimarães & Zylkin 2020).
///
/// Each step forms the working response z = eta + (y - mu) / (dmu/deta) and working weights
/// w = (dmu/deta)^2 / V(mu), demeans z and the regressors with weights w, solves weighted least
/// squares for the slopes, and sets eta = z - (demeaned z - demeaned X b): the fixed effects
/// absorb the rest. A step that raises the deviance (or makes it non-finite) is halved, as R's
/// `glm.fit` and pyfixest do. Iteration ends when the deviance changes by less than `tolerance`
/// relative (fixest's criterion |dev - dev_old| / (0.1 + |dev|)).
struct FixedEffectsIRLS {
  let design: DesignMatrix
  let y: [Double]
  let factors: [FixedEffectFactor]
  let family: GLMFamily
  let options: FixedEffectsOptions
  let tolerance: Double
  let maxIterations: Int
  /// Step halvings allowed per iteration.
  var maxHalvings = 30

  struct Solution {
    var names: [String]
    var keptNames: [String]
    var aliased: [String]
    var beta: [Double]
    var bread: Matrix
    var xw: Matrix
    var residualsW: [Double]
    var mu: [Double]
    /// The linear predictor x'β + fixed effects at the estimates.
    var eta: [Double]
    var deviance: Double
    var logLikelihood: Double
    var iterations: Int
    var converged: Bool
    var warnings: [String]
  }

  func run() throws -> Solution {
    let n = y.count
    let link = family.link
    let slopeColumns = design.termIndexOfColumn.indices.filter { design.termIndexOfColumn[$0] >= 0 }
    let names = slopeColumns.map { design.columnNames[$0] }
    let raw = slopeColumns.map { design.x.column($0) }
    var mu = startingMeans()
    var eta = mu.map { link.link($0) }
    var deviance = totalDeviance(mu)
    var kept: [Int]? = nil
    var warnings: [String] = []
    var last: (beta: [Double], bread: Matrix, xw: Matrix)? = nil
    var iterations = 0
    var converged = false
    // Until one full step is taken, eta is not of the form X b + D alpha: demean the whole
    // working response z. After that, demean only the working residual r = (y - mu) / (dmu/deta)
    // and update b and eta by the increment; demeaning errors then shrink with r instead of
    // accumulating in the fixed-effect part of eta (pyfixest and ppmlhdfe demean increments too).
    var structured = false
    var beta: [Double] = []
    while iterations < maxIterations {
      iterations += 1
      var r = [Double](repeating: 0, count: n)
      var w = [Double](repeating: 0, count: n)
      for i in 0..<n {
        let d = link.inverseDerivative(eta[i])
        r[i] = (y[i] - mu[i]) / d
        w[i] = d * d / family.variance(mu[i])
      }
      let response = structured ? r : (0..<n).map { eta[$0] + r[$0] }
      let demeaner = Demeaner(factors: factors, weights: w)
      let columns = demeaner.demean([response] + raw, options: options.demeaning)
      if let failed = columns.first(where: { !$0.converged }) {
        let error = FixedEffectsError.demeaningDidNotConverge(
          column: "IRLS working response", iterations: failed.iterations,
          criterion: failed.criterion, tolerance: options.demeaning.tolerance)
        if options.nonConvergence == .fail { throw error }
        warnings.append(error.description)
      }
      let sqrtW = w.map { $0.squareRoot() }
      if kept == nil {
        kept = try keptColumns(raw: raw, columns: columns, sqrtW: sqrtW, names: names, &warnings)
      }
      let keptColumns = kept ?? []
      let xw = Self.whitened(columns, keptColumns, sqrtW, n)
      let rw = (0..<n).map { columns[0].values[$0] * sqrtW[$0] }
      let qr = try LeastSquaresQR.solve(xw, response: rw)
      guard qr.aliased.isEmpty else {
        // The kept set is fixed at the first step; a later step whose working weights make a
        // kept column collinear has no unique update, and an estimate from it is not one.
        let collinear = qr.aliased.map { names[keptColumns[$0]] }
        throw ConvergenceError(
          reason: "the working weights of iteration \(iterations) make "
            + "\(collinear.joined(separator: ", ")) collinear with the other terms and the fixed "
            + "effects (fitted values at the boundary); the model cannot be estimated as given",
          iterations: iterations)
      }
      let solved = qr.coefficients
      let fittedW = xw.multiplied(by: solved)
      // eta = z - (demeaned z - demeaned X b): the fixed effects absorb the rest.
      let target = (0..<n).map { i -> Double in
        let residual = (rw[i] - fittedW[i]) / sqrtW[i]
        return structured ? eta[i] + r[i] - residual : response[i] - residual
      }
      // The starting deviance is no benchmark: only later steps must not raise the deviance.
      let step = halvedStep(
        from: eta, to: target, deviance: iterations == 1 ? .infinity : deviance)
      if structured {
        for j in beta.indices { beta[j] += step.fraction * solved[j] }
      } else {
        beta = solved.map { step.fraction * $0 }
        structured = step.fraction == 1
      }
      eta = step.eta
      mu = step.mu
      let change = abs(step.deviance - deviance) / (0.1 + abs(step.deviance))
      deviance = step.deviance
      last = (beta, qr.unscaledCovariance(), xw)
      if change < tolerance && structured {
        converged = true
        break
      }
    }
    if !converged {
      let error = FixedEffectsError.irlsDidNotConverge(iterations: iterations, tolerance: tolerance)
      if options.nonConvergence == .fail { throw error }
      warnings.append(error.description + "; estimates are not reliable")
    }
    guard let final = last else { throw ModelError.nothingToEstimate("no IRLS iteration was run") }
    if let note = boundaryNote(mu) { warnings.append(note) }
    // Pearson residuals: with x whitened by sqrt(w) they give the scores x (y - mu) dmu / V.
    let residualsW = (0..<n).map { (y[$0] - mu[$0]) / family.variance(mu[$0]).squareRoot() }
    let keptColumns = kept ?? []
    return Solution(
      names: names, keptNames: keptColumns.map { names[$0] },
      aliased: names.indices.filter { !keptColumns.contains($0) }.map { names[$0] },
      beta: final.beta, bread: final.bread, xw: final.xw, residualsW: residualsW, mu: mu,
      eta: eta, deviance: deviance,
      logLikelihood: family.logLikelihood(y: y, mu: mu, weights: nil, deviance: deviance),
      iterations: iterations, converged: converged, warnings: warnings)
  }

  /// Starting means that do not favour the observed outcome (the first step is then accepted
  /// whatever its deviance): 1/2 for the binomial (pyfixest), halfway to the mean for counts.
  func startingMeans() -> [Double] {
    if case .binomial = family { return y.map { _ in 0.5 } }
    let meanY = y.reduce(0, +) / Double(max(y.count, 1))
    return y.map { ($0 + meanY) / 2 }
  }

  /// The family's deviance summed over observations (prior weights 1).
  func totalDeviance(_ mu: [Double]) -> Double {
    var d = 0.0
    for i in y.indices { d += family.deviance(y: y[i], mu: mu[i], weight: 1) }
    return d
  }

  /// The full step to `target`, or the first of its halvings that does not raise the deviance
  /// (beyond rounding); `fraction` is the part of the step taken.
  func halvedStep(from eta: [Double], to target: [Double], deviance: Double)
    -> (eta: [Double], mu: [Double], deviance: Double, fraction: Double)
  {
    var fraction = 1.0
    var trial = target
    for _ in 0...maxHalvings {
      let mu = trial.map { family.link.inverse($0) }
      let value = totalDeviance(mu)
      if value.isFinite && (value <= deviance * (1 + 1e-12) + 1e-12 || !deviance.isFinite) {
        return (trial, mu, value, fraction)
      }
      fraction /= 2
      trial = (0..<eta.count).map { eta[$0] + fraction * (target[$0] - eta[$0]) }
    }
    let mu = target.map { family.link.inverse($0) }
    return (target, mu, totalDeviance(mu), 1)
  }

  /// Regressors kept on the first weights: absorbed ones (demeaned norm negligible), then
  /// collinear ones (rank-revealing QR), are dropped and noted.
  func keptColumns(
    raw: [[Double]], columns: [Demeaner.Column], sqrtW: [Double], names: [String],
    _ warnings: inout [String]
  ) throws -> [Int] {
    var candidates: [Int] = []
    for j in raw.indices {
      let before = Self.centredNorm(raw[j], sqrtW)
      var after = 0.0
      for i in sqrtW.indices {
        let v = columns[j + 1].values[i] * sqrtW[i]
        after += v * v
      }
      if before > 0 && after.squareRoot() > options.absorptionTolerance * before {
        candidates.append(j)
      }
    }
    var kept: [Int] = []
    if !candidates.isEmpty {
      let trial = Self.whitened(columns, candidates, sqrtW, sqrtW.count)
      kept = try LeastSquaresQR(trial).kept.map { candidates[$0] }
    }
    let dropped = names.indices.filter { !kept.contains($0) }.map { names[$0] }
    if kept.isEmpty {
      throw ModelError.nothingToEstimate(
        names.isEmpty
          ? "the formula has no regressor besides the fixed effects"
          : "every regressor is absorbed by the fixed effects: \(dropped.joined(separator: ", "))")
    }
    if !dropped.isEmpty {
      warnings.append(
        "regressors absorbed by the fixed effects or collinear dropped: "
          + dropped.joined(separator: ", "))
    }
    return kept
  }

  /// A note when fitted means sit at the boundary (0 or 1 for the binomial, 0 for counts with
  /// y = 0): the regressors separate part of the sample beyond the fixed-effect levels already
  /// dropped, so some estimates are really infinite (fixest and R warn likewise).
  func boundaryNote(_ mu: [Double]) -> String? {
    let edge = 1e-8
    var count = 0
    for m in mu {
      switch family {
      case .binomial: if m < edge || m > 1 - edge { count += 1 }
      default: if m < edge { count += 1 }
      }
    }
    guard count > 0 else { return nil }
    let where_ = family.name == "binomial" ? "0 or 1" : "0"
    return "\(count) fitted values are numerically \(where_): the regressors separate part of "
      + "the sample (separation beyond the fixed-effect levels dropped); estimates and standard "
      + "errors of the separating terms are not reliable"
  }

  static func whitened(_ columns: [Demeaner.Column], _ which: [Int], _ sqrtW: [Double], _ n: Int)
    -> Matrix
  {
    var x = Matrix(rows: n, columns: which.count)
    for (c, j) in which.enumerated() {
      let values = columns[j + 1].values
      for i in 0..<n { x.storage[c * n + i] = values[i] * sqrtW[i] }
    }
    return x
  }

  static func centredNorm(_ v: [Double], _ sqrtW: [Double]) -> Double {
    var sw = 0.0
    var swv = 0.0
    for i in v.indices {
      sw += sqrtW[i] * sqrtW[i]
      swv += sqrtW[i] * sqrtW[i] * v[i]
    }
    let mean = swv / sw
    var s = 0.0
    for i in v.indices { s += sqrtW[i] * sqrtW[i] * (v[i] - mean) * (v[i] - mean) }
    return s.squareRoot()
  }
}

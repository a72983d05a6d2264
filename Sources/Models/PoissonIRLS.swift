import Foundation
import Formula
import LinearAlgebra

/// Iteratively reweighted least squares of a Poisson model with absorbed fixed effects.
struct PoissonIRLS {
  let design: DesignMatrix
  let y: [Double]
  let factors: [FixedEffectFactor]
  let options: FixedEffectsOptions
  let tolerance: Double
  let maxIterations: Int

  struct Solution {
    var names: [String]
    var keptNames: [String]
    var aliased: [String]
    var beta: [Double]
    var bread: Matrix
    var xw: Matrix
    var residualsW: [Double]
    var deviance: Double
    var logLikelihood: Double
    var iterations: Int
    var converged: Bool
    var warnings: [String]
  }

  func run() throws -> Solution {
    let n = y.count
    let slopeColumns = design.termIndexOfColumn.indices.filter { design.termIndexOfColumn[$0] >= 0 }
    let names = slopeColumns.map { design.columnNames[$0] }
    let raw = slopeColumns.map { design.x.column($0) }
    let meanY = y.reduce(0, +) / Double(n)
    var mu = y.map { ($0 + meanY) / 2 }
    var eta = mu.map { Foundation.log($0) }
    var deviance = Self.deviance(y, mu)
    var kept: [Int]? = nil
    var warnings: [String] = []
    var last: (beta: [Double], bread: Matrix, xw: Matrix, residualsW: [Double])? = nil
    var iterations = 0
    var converged = false
    while iterations < maxIterations {
      iterations += 1
      let z = (0..<n).map { eta[$0] + (y[$0] - mu[$0]) / mu[$0] }
      let demeaner = Demeaner(factors: factors, weights: mu)
      let columns = demeaner.demean([z] + raw, options: options.demeaning)
      if let failed = columns.first(where: { !$0.converged }) {
        let error = FixedEffectsError.demeaningDidNotConverge(
          column: "IRLS working response", iterations: failed.iterations,
          criterion: failed.criterion, tolerance: options.demeaning.tolerance)
        if options.nonConvergence == .fail { throw error }
        warnings.append(error.description)
      }
      let sqrtW = mu.map { $0.squareRoot() }
      if kept == nil {
        // Absorbed regressors, then collinear ones, decided once on the first weights.
        var candidates: [Int] = []
        for j in raw.indices {
          let before = Self.centredNorm(raw[j], sqrtW)
          let after = zip(columns[j + 1].values, sqrtW).reduce(0) { $0 + ($1.0 * $1.1) * ($1.0 * $1.1) }.squareRoot()
          if before > 0 && after > options.absorptionTolerance * before { candidates.append(j) }
        }
        let trial = Self.whitened(columns, candidates, sqrtW, n)
        let qr = try LeastSquaresQR(trial)
        kept = qr.kept.map { candidates[$0] }
        let dropped = names.indices.filter { !(kept ?? []).contains($0) }.map { names[$0] }
        if !dropped.isEmpty {
          warnings.append("regressors absorbed by the fixed effects or collinear dropped: "
            + dropped.joined(separator: ", "))
        }
      }
      let keptColumns = kept ?? []
      if keptColumns.isEmpty {
        throw ModelError.nothingToEstimate("every regressor is absorbed by the fixed effects")
      }
      let xw = Self.whitened(columns, keptColumns, sqrtW, n)
      let zw = (0..<n).map { columns[0].values[$0] * sqrtW[$0] }
      let qr = try LeastSquaresQR(xw)
      let beta = qr.coefficients(zw)
      let fittedW = xw.multiplied(by: beta)
      // eta = z - (demeaned z - demeaned X b): the fixed effects absorb the rest.
      for i in 0..<n {
        let residual = (zw[i] - fittedW[i]) / sqrtW[i]
        eta[i] = z[i] - residual
        mu[i] = Foundation.exp(eta[i])
      }
      let updated = Self.deviance(y, mu)
      let change = abs(updated - deviance) / (0.1 + abs(updated))
      deviance = updated
      let residualsW = (0..<n).map { (y[$0] - mu[$0]) / mu[$0].squareRoot() }
      last = (beta, qr.unscaledCovariance(), xw, residualsW)
      if change < tolerance {
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
    var logLikelihood = 0.0
    for i in 0..<n { logLikelihood += y[i] * Foundation.log(mu[i]) - mu[i] - Foundation.lgamma(y[i] + 1) }
    let keptColumns = kept ?? []
    return Solution(
      names: names, keptNames: keptColumns.map { names[$0] },
      aliased: names.indices.filter { !keptColumns.contains($0) }.map { names[$0] },
      beta: final.beta, bread: final.bread, xw: final.xw, residualsW: final.residualsW,
      deviance: deviance, logLikelihood: logLikelihood, iterations: iterations,
      converged: converged, warnings: warnings)
  }

  /// Poisson deviance 2 sum (y log(y / mu) - (y - mu)).
  static func deviance(_ y: [Double], _ mu: [Double]) -> Double {
    var d = 0.0
    for i in y.indices {
      d += (y[i] > 0 ? y[i] * Foundation.log(y[i] / mu[i]) : 0) - (y[i] - mu[i])
    }
    return 2 * d
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

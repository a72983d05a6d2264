import Foundation
import Inference
import LinearAlgebra

/// Cox proportional-hazards regression, as R's `coxph`: Efron or Breslow ties, strata,
/// counting-process data (delayed entry, time-varying covariates), Newton-Raphson with step
/// halving from zero, model-based, robust and cluster-robust covariances, the likelihood-ratio,
/// Wald and score tests and the `cox.zph` test of proportional hazards.
public enum CoxRegression {
  /// Fits the model.
  /// - Parameters:
  ///   - spells: the survival data.
  ///   - covariates: the design (one row per spell, one column per covariate; no intercept).
  ///   - names: the covariate names.
  ///   - strata: a stratum label per row (separate baseline hazards), or `nil`.
  ///   - cluster: the cluster column's name and labels for `.cluster` covariances, or `nil`.
  ///   - options: ties, covariance and iteration settings.
  ///   - formula: the formula for the result document.
  ///   - termLabels: the model term of each covariate column (e.g. `C(f)` for each of a
  ///     factor's columns): the `cox.zph` test groups a term's columns (R's default); `nil` tests
  ///     each column on its own.
  /// - Returns: the fit.
  /// - Throws: `SurvivalError` for inputs of the wrong size, no covariates or no events;
  ///   `ModelError` for a covariance the model does not offer or a single cluster.
  public static func fit(
    _ spells: SurvivalSpells, covariates: Matrix, names: [String], strata: [String]? = nil,
    cluster: (name: String, labels: [String])? = nil, options: CoxOptions = CoxOptions(),
    formula: String = "", termLabels: [String]? = nil
  ) throws -> CoxResult {
    let n = spells.count
    guard covariates.rows == n else {
      throw SurvivalError.lengthMismatch(column: "covariates", expected: n, found: covariates.rows)
    }
    guard names.count == covariates.columns, covariates.columns > 0 else {
      throw SurvivalError.badInput("a Cox model needs at least one covariate, each named")
    }
    if let termLabels, termLabels.count != names.count {
      throw SurvivalError.lengthMismatch(
        column: "term labels", expected: names.count, found: termLabels.count)
    }
    if let strata, strata.count != n {
      throw SurvivalError.lengthMismatch(column: "strata", expected: n, found: strata.count)
    }
    if let cluster, cluster.labels.count != n {
      throw SurvivalError.lengthMismatch(
        column: cluster.name, expected: n, found: cluster.labels.count)
    }
    guard spells.event.contains(true) else {
      throw SurvivalError.noEvents(
        "no events: every spell is censored, so a Cox model has nothing to fit")
    }
    let groups = SurvivalGroups.split(strata ?? Array(repeating: "", count: n)).map(\.rows)
    let full = CoxRiskSets(
      spells: spells, x: centred(covariates), strata: groups, ties: options.ties)
    let atZero = full.evaluate([Double](repeating: 0, count: names.count))
    let pivots = try RankRevealingCholesky(atZero.information, tolerance: options.aliasTolerance)
    let kept = pivots.kept
    guard !kept.isEmpty else {
      throw SurvivalError.badInput("no covariate varies within the risk sets; nothing to estimate")
    }
    let riskSets = CoxRiskSets(
      spells: spells, x: full.x.selectingColumns(kept), strata: groups, ties: options.ties)
    let keptNames = kept.map { names[$0] }
    let start = riskSets.evaluate([Double](repeating: 0, count: kept.count))
    let scoreTest = try quadratic(start.information, start.score)
    let newton = try CoxNewton.run(riskSets, start: start, options: options)
    let naive = try Cholesky(newton.information).inverse()
    let residuals = riskSets.scoreResiduals(newton.beta)
    var warnings: [String] = []
    let aliased = pivots.aliased.map { names[$0] }
    if !aliased.isEmpty {
      warnings.append(
        "aliased (collinear) terms without an estimate: " + aliased.joined(separator: ", "))
    }
    if !newton.convergence.converged {
      warnings.append(
        "Newton-Raphson did not converge in \(options.maxIterations) iterations; "
          + "a coefficient may be infinite (monotone likelihood)")
    }
    let base = CoxResult(
      formula: formula, terms: names,
      coefficients: CoefficientVector(names: keptNames, values: newton.beta),
      naiveCovariance: naive, covariance: naive, covarianceType: .iid, clusterCounts: [],
      dfbeta: multiply(residuals, naive), cluster: cluster, ties: options.ties,
      nullLogLikelihood: start.loglik, logLikelihood: newton.loglik,
      scoreTest: SurvivalTest(name: "score", statistic: scoreTest, degreesOfFreedom: kept.count),
      robustScoreTest: nil,
      proportionalHazards: CoxZPH.tests(
        riskSets, beta: newton.beta, names: keptNames,
        terms: termLabels.map { labels in kept.map { labels[$0] } }),
      events: spells.event.filter { $0 }.count, nobs: n, strataCount: groups.count,
      convergence: newton.convergence, aliasedTerms: aliased, warnings: warnings)
    guard options.covariance != .iid else { return base }
    var result = try base.withCovariance(options.covariance)
    // The robust score test: the score at zero against the sandwich of the score residuals at
    // zero (collapsed by cluster), as R's `coxph(robust = TRUE)`.
    let zeroResiduals = riskSets.scoreResiduals([Double](repeating: 0, count: kept.count))
    let collapsed = CoxResult.collapse(zeroResiduals, by: result.clusterLabels)
    if let robustScore = try? quadratic(crossProduct(collapsed), start.score) {
      result.robustScoreTest = SurvivalTest(
        name: "robust_score", statistic: robustScore, degreesOfFreedom: kept.count)
    }
    return result
  }

  /// The columns minus their means.
  static func centred(_ x: Matrix) -> Matrix {
    var centred = x
    for j in 0..<x.columns {
      let mean = (0..<x.rows).reduce(0) { $0 + x[$1, j] } / Double(max(x.rows, 1))
      for i in 0..<x.rows { centred[i, j] -= mean }
    }
    return centred
  }

  /// u' A^-1 u through a Cholesky factorisation.
  static func quadratic(_ a: Matrix, _ u: [Double]) throws -> Double {
    let solution = try Cholesky(a).solve(u)
    return zip(u, solution).reduce(0) { $0 + $1.0 * $1.1 }
  }

  /// a b for an n x p and a p x p matrix.
  static func multiply(_ a: Matrix, _ b: Matrix) -> Matrix {
    var product = Matrix(rows: a.rows, columns: b.columns)
    for j in 0..<b.columns {
      for k in 0..<a.columns {
        let bkj = b[k, j]
        for i in 0..<a.rows { product[i, j] += a[i, k] * bkj }
      }
    }
    return product
  }

  /// a' a.
  static func crossProduct(_ a: Matrix) -> Matrix {
    var product = Matrix(rows: a.columns, columns: a.columns)
    for j in 0..<a.columns {
      for k in 0..<a.columns {
        product[j, k] = (0..<a.rows).reduce(0) { $0 + a[$1, j] * a[$1, k] }
      }
    }
    return product
  }
}

/// R's `coxfit6`/`agfit4` Newton-Raphson: a full step from the last accepted coefficients, and
/// when the log-likelihood falls, half the step back; converged when the relative change of the
/// log-likelihood is within the tolerance after an accepted step.
enum CoxNewton {
  /// The outcome: coefficients, log-likelihood, information there, and how it ended.
  struct Outcome {
    var beta: [Double]
    var loglik: Double
    var information: Matrix
    var convergence: ConvergenceInfo
  }

  static func run(
    _ riskSets: CoxRiskSets, start: (loglik: Double, score: [Double], information: Matrix),
    options: CoxOptions
  ) throws -> Outcome {
    var beta = [Double](repeating: 0, count: riskSets.p)
    var loglik = start.loglik
    var step = try Cholesky(start.information).solve(start.score)
    var candidate = zip(beta, step).map { $0 + $1 }
    var halving = false
    var halvings = 0
    var current = start
    var criterion = Double.infinity
    for iteration in 1...max(options.maxIterations, 1) {
      try options.cancellation?.check()
      current = riskSets.evaluate(candidate)
      criterion = abs(1 - loglik / current.loglik)
      if criterion <= options.tolerance && !halving {
        return Outcome(
          beta: candidate, loglik: current.loglik, information: current.information,
          convergence: ConvergenceInfo(
            converged: true, iterations: iteration, criterion: criterion,
            tolerance: options.tolerance, stepHalvings: halvings))
      }
      if iteration == options.maxIterations { break }
      if !(current.loglik >= loglik) {
        halving = true
        halvings += 1
        candidate = zip(candidate, beta).map { ($0 + $1) / 2 }
      } else {
        halving = false
        loglik = current.loglik
        step = try Cholesky(current.information).solve(current.score)
        beta = candidate
        candidate = zip(candidate, step).map { $0 + $1 }
      }
    }
    return Outcome(
      beta: candidate, loglik: current.loglik, information: current.information,
      convergence: ConvergenceInfo(
        converged: false, iterations: options.maxIterations, criterion: criterion,
        tolerance: options.tolerance, stepHalvings: halvings))
  }
}

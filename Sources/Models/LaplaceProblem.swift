import Foundation
import LinearAlgebra

/// The Laplace approximation to the deviance of a logistic mixed model at (theta, beta), as lme4's
/// `glmer` with `nAGQ = 1` (Bates et al., lme4 `glmerLaplace`): penalised iteratively reweighted
/// least squares (PIRLS) finds the conditional modes u with beta held fixed, and the
/// approximation is `-2 log p(y | mu) + |u|^2 + log |L_theta|^2` with `L_theta` the Cholesky factor
/// of `Lambda'Z'WZ Lambda + I` at the modes' GLM weights.
///
/// The modes of the last evaluation start the next PIRLS (the optimiser moves in small steps).
final class LaplaceProblem {
  /// One PIRLS outcome.
  struct Evaluation {
    let deviance: Double
    let u: [[Double]]
    let b: [[Double]]
    let mu: [Double]
    let system: MixedModelSystem
    let factor: MixedModelFactor
  }

  let x: Matrix
  let y: [Double]
  /// Binomial trials (prior weights).
  let trials: [Double]
  let terms: [MixedModelTerm]
  /// log of the binomial coefficients, constant in the parameters.
  private let logChoose: [Double]
  private var warmStart: [[Double]]
  /// Adaptive Gauss-Hermite quadrature instead of the Laplace approximation (one scalar
  /// random-effect term only; lme4's `nAGQ > 1`).
  var quadrature: GaussHermite?

  init(x: Matrix, y: [Double], trials: [Double], terms: [MixedModelTerm]) {
    self.x = x
    self.y = y
    self.trials = trials
    self.terms = terms
    logChoose = zip(y, trials).map { y, m in
      let k = (y * m).rounded()
      return lgamma(m + 1) - lgamma(k + 1) - lgamma(m - k + 1)
    }
    warmStart = terms.map { [Double](repeating: 0, count: $0.q) }
  }

  /// Number of theta parameters.
  var thetaCount: Int { terms.reduce(0) { $0 + $1.thetaCount } }

  /// -2 log-likelihood of the response at the means `mu` (binomial, with trials).
  func minusTwoLogLikelihood(_ mu: [Double]) -> Double {
    var sum = 0.0
    for i in y.indices {
      let k = y[i] * trials[i]
      let m = trials[i]
      var term = logChoose[i]
      if k > 0 { term += k * Foundation.log(mu[i]) }
      if m - k > 0 { term += (m - k) * Foundation.log(1 - mu[i]) }
      sum += term
    }
    return -2 * sum
  }

  /// Binomial deviance (twice the log-likelihood ratio to the saturated model).
  private func deviance(_ mu: [Double]) -> Double {
    var sum = 0.0
    for i in y.indices {
      let m = trials[i]
      if y[i] > 0 { sum += m * y[i] * Foundation.log(y[i] / mu[i]) }
      if y[i] < 1 { sum += m * (1 - y[i]) * Foundation.log((1 - y[i]) / (1 - mu[i])) }
    }
    return 2 * sum
  }

  private func lambdas(_ theta: [Double]) -> [[Double]] {
    var out: [[Double]] = []
    var k = 0
    for term in terms {
      out.append(term.lambda(theta[k..<(k + term.thetaCount)]))
      k += term.thetaCount
    }
    return out
  }

  /// The linear predictor `offset + Z b`.
  private func linearPredictor(offset: [Double], b: [[Double]]) -> [Double] {
    var eta = offset
    let n = y.count
    for (index, term) in terms.enumerated() {
      for i in 0..<n {
        let level = Int(term.codes[i])
        for c in 0..<term.p { eta[i] += term.values[i + c * n] * b[index][level * term.p + c] }
      }
    }
    return eta
  }

  private static func logistic(_ eta: Double) -> Double {
    let mu = 1 / (1 + Foundation.exp(-eta))
    return min(max(mu, 1e-15), 1 - 1e-15)
  }

  /// The factor of the system weighted at `mu`, with working response `z`.
  private func weightedFactor(theta: [Double], eta: [Double], offset: [Double], mu: [Double])
    throws -> (MixedModelSystem, MixedModelFactor)
  {
    let n = y.count
    var root = [Double](repeating: 0, count: n)
    var response = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let variance = mu[i] * (1 - mu[i])
      root[i] = (trials[i] * variance).squareRoot()
      response[i] = root[i] * (eta[i] - offset[i] + (y[i] - mu[i]) / variance)
    }
    let system = MixedModelSystem(
      x: Matrix(rows: n, columns: 0), y: response, terms: terms.map { $0.scaled(by: root) })
    return (system, try MixedModelFactor(system: system, theta: theta))
  }

  /// PIRLS at (theta, beta) and the Laplace deviance there.
  /// - Throws: `LinearAlgebraError` when a weighted system is singular.
  func evaluate(theta: [Double], beta: [Double]) throws -> Evaluation {
    let offset = x.columns == 0 ? [Double](repeating: 0, count: y.count) : x.multiplied(by: beta)
    let lambda = lambdas(theta)
    var u = warmStart
    func spherical(_ u: [[Double]]) -> [[Double]] {
      terms.indices.map { k in
        var values = u[k]
        MixedModelFactor.scaleRowsByLambda(
          &values, lambda: lambda[k], p: terms[k].p, groups: terms[k].levels)
        return values
      }
    }
    func penalised(_ u: [[Double]]) -> (Double, [Double], [Double]) {
      let eta = linearPredictor(offset: offset, b: spherical(u))
      let mu = eta.map(Self.logistic)
      return (deviance(mu) + u.reduce(0) { $0 + $1.reduce(0) { $0 + $1 * $1 } }, eta, mu)
    }
    var (current, eta, mu) = penalised(u)
    for _ in 0..<100 {
      let (system, factor) = try weightedFactor(theta: theta, eta: eta, offset: offset, mu: mu)
      let proposal = MixedModelSolution(system: system, factor: factor, theta: theta).u
      var step = 1.0
      var accepted = false
      var next = (current, eta, mu)
      var candidate = u
      for _ in 0..<30 {
        candidate = zip(u, proposal).map { old, new in zip(old, new).map { $0 + step * ($1 - $0) } }
        next = penalised(candidate)
        if next.0 <= current + 1e-10 * abs(current) {
          accepted = true
          break
        }
        step /= 2
      }
      if !accepted { break }
      let change = current - next.0
      u = candidate
      (current, eta, mu) = next
      if abs(change) < 1e-12 * (abs(current) + 1) { break }
    }
    warmStart = u
    let (system, factor) = try weightedFactor(theta: theta, eta: eta, offset: offset, mu: mu)
    let penalty = u.reduce(0) { $0 + $1.reduce(0) { $0 + $1 * $1 } }
    var approximate = minusTwoLogLikelihood(mu) + penalty + factor.logDetL
    if let rule = quadrature, terms.count == 1, terms[0].p == 1 {
      approximate = adaptiveQuadratureDeviance(
        rule, theta: theta[0], offset: offset, modes: u[0], mu: mu)
    }
    return Evaluation(
      deviance: approximate, u: u, b: spherical(u), mu: mu, system: system, factor: factor)
  }

  /// -2 log-likelihood by adaptive Gauss-Hermite quadrature over one scalar random effect.
  ///
  /// Pinheiro and Bates (1995), lme4's `nAGQ > 1`: per group g, the integral of
  /// `p(y_g | u) phi(u)` over the spherical effect u is taken on the rule's nodes centred at the
  /// conditional mode û_g and scaled by its conditional standard deviation
  /// `s_g = (1 + theta^2 Σ m_i mu_i (1 - mu_i) z_i^2)^(-1/2)`. One node gives the Laplace
  /// deviance exactly.
  private func adaptiveQuadratureDeviance(
    _ rule: GaussHermite, theta: Double, offset: [Double], modes: [Double], mu: [Double]
  ) -> Double {
    let term = terms[0]
    let n = y.count
    let nodes = rule.nodes.count
    var precision = [Double](repeating: 1, count: term.levels)
    for i in 0..<n {
      let z = term.values[i]
      precision[Int(term.codes[i])] += theta * theta * trials[i] * mu[i] * (1 - mu[i]) * z * z
    }
    let scale = precision.map { (2 / $0).squareRoot() }
    // The log-likelihood of each group at each node.
    var logLikelihood = [Double](repeating: 0, count: term.levels * nodes)
    for i in 0..<n {
      let g = Int(term.codes[i])
      let k = y[i] * trials[i]
      let m = trials[i]
      for node in 0..<nodes {
        let u = modes[g] + scale[g] * rule.nodes[node]
        let p = Self.logistic(offset[i] + theta * term.values[i] * u)
        var value = logChoose[i]
        if k > 0 { value += k * Foundation.log(p) }
        if m - k > 0 { value += (m - k) * Foundation.log(1 - p) }
        logLikelihood[g * nodes + node] += value
      }
    }
    var total = 0.0
    for g in 0..<term.levels {
      var terms = [Double](repeating: 0, count: nodes)
      for node in 0..<nodes {
        let z = rule.nodes[node]
        let u = modes[g] + scale[g] * z
        terms[node] =
          Foundation.log(rule.weights[node]) + z * z + logLikelihood[g * nodes + node] - u * u / 2
      }
      let top = terms.max() ?? 0
      let sum = terms.reduce(0) { $0 + Foundation.exp($1 - top) }
      total +=
        Foundation.log(scale[g]) - 0.5 * Foundation.log(2 * Double.pi) + top + Foundation.log(sum)
    }
    return -2 * total
  }

  /// Logistic regression without random effects (IRLS): the starting fixed effects.
  func startingBeta() throws -> [Double] {
    var beta = [Double](repeating: 0, count: x.columns)
    guard x.columns > 0 else { return beta }
    for _ in 0..<50 {
      let eta = x.multiplied(by: beta)
      var rows = [Double](repeating: 0, count: y.count)
      var z = [Double](repeating: 0, count: y.count)
      for i in y.indices {
        let mu = Self.logistic(eta[i])
        let variance = mu * (1 - mu)
        rows[i] = (trials[i] * variance).squareRoot()
        z[i] = rows[i] * (eta[i] + (y[i] - mu) / variance)
      }
      let next = try LinearSolution(
        x: x.scalingRows(by: rows), y: z, solver: .qr, tolerance: nil
      ).coefficients
      let change = zip(next, beta).reduce(0) { max($0, abs($1.0 - $1.1)) }
      beta = next
      if change < 1e-10 { break }
    }
    return beta
  }
}

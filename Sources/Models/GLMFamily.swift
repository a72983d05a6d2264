import Distributions
import Foundation

/// The error distribution and link of a generalised linear model, as R's `family` objects:
/// variance function, deviance residuals, log-likelihood and starting values follow R's
/// `binomial()`, `poisson()` and `gaussian()`.
///
/// ```swift
/// GLMFamily.binomial(.logit)   // logit
/// GLMFamily.poisson(.log)      // Poisson regression with an offset for exposure
/// ```
public enum GLMFamily: Sendable, Equatable, CustomStringConvertible {
  /// Bernoulli/binomial outcome: y in [0, 1] (a proportion; prior weights are trials).
  case binomial(LinkFunction)
  /// Counts: y >= 0.
  case poisson(LinkFunction)
  /// Normal errors with an estimated dispersion.
  case gaussian(LinkFunction)

  /// Logistic regression.
  public static let logit = GLMFamily.binomial(.logit)
  /// Probit regression.
  public static let probit = GLMFamily.binomial(.probit)
  /// Poisson regression with the log link.
  public static let poissonLog = GLMFamily.poisson(.log)

  /// The link function.
  public var link: LinkFunction {
    switch self {
    case .binomial(let link), .poisson(let link), .gaussian(let link): return link
    }
  }

  /// R's family name: `binomial`, `poisson`, `gaussian`.
  public var name: String {
    switch self {
    case .binomial: return "binomial"
    case .poisson: return "poisson"
    case .gaussian: return "gaussian"
    }
  }

  /// `binomial(logit)` and so on.
  public var description: String { "\(name)(\(link.rawValue))" }

  /// Whether the dispersion is fixed at 1 (binomial, Poisson) rather than estimated.
  public var hasFixedDispersion: Bool {
    if case .gaussian = self { return false }
    return true
  }

  /// The variance function V(mu).
  /// - Parameter mu: a mean.
  /// - Returns: V(mu).
  public func variance(_ mu: Double) -> Double {
    switch self {
    case .binomial: return mu * (1 - mu)
    case .poisson: return mu
    case .gaussian: return 1
    }
  }

  /// The unit deviance times the prior weight, as R's `dev.resids`.
  /// - Parameters:
  ///   - y: observed value.
  ///   - mu: fitted mean.
  ///   - weight: prior weight.
  /// - Returns: the observation's contribution to the deviance.
  public func deviance(y: Double, mu: Double, weight: Double) -> Double {
    switch self {
    case .binomial:
      // 2 w (y log(y/mu) + (1-y) log((1-y)/(1-mu))), with 0 log 0 = 0 (R's binomial_dev_resids).
      let a = y > 0 ? y * Foundation.log(y / mu) : 0
      let b = y < 1 ? (1 - y) * Foundation.log((1 - y) / (1 - mu)) : 0
      return 2 * weight * (a + b)
    case .poisson:
      let a = y > 0 ? y * Foundation.log(y / mu) : 0
      return 2 * weight * (a - (y - mu))
    case .gaussian:
      return weight * (y - mu) * (y - mu)
    }
  }

  /// R's starting mean (`family$initialize`).
  func startingMean(y: Double, weight: Double) -> Double {
    switch self {
    case .binomial: return (weight * y + 0.5) / (weight + 1)
    case .poisson: return y + 0.1
    case .gaussian: return y
    }
  }

  /// The log-likelihood of the fit (R's `logLik.glm`, that is `p - aic/2` of the family's `aic`).
  /// - Parameters:
  ///   - y: responses.
  ///   - mu: fitted means.
  ///   - weights: prior weights (binomial: trials), `nil` for ones.
  ///   - deviance: the residual deviance (used by the Gaussian).
  /// - Returns: the maximised log-likelihood.
  func logLikelihood(y: [Double], mu: [Double], weights: [Double]?, deviance: Double) -> Double {
    let n = y.count
    switch self {
    case .binomial:
      return ChunkedSum.sum(n) { range in
        var total = 0.0
        for i in range {
          let m = weights?[i] ?? 1
          guard m > 0 else { continue }
          let trials = m.rounded()
          let successes = (m * y[i]).rounded()
          // dbinom(k, m, mu, log = TRUE) scaled by w/m as R (1 for integer trials).
          var term = 0.0
          if successes > 0 { term += successes * Foundation.log(mu[i]) }
          if trials - successes > 0 { term += (trials - successes) * Foundation.log1p(-mu[i]) }
          if trials > 1 {
            term +=
              SpecialFunctions.logGamma(trials + 1) - SpecialFunctions.logGamma(successes + 1)
              - SpecialFunctions.logGamma(trials - successes + 1)
          }
          total += trials > 0 ? term * (m / trials) : 0
        }
        return total
      }
    case .poisson:
      return ChunkedSum.sum(n) { range in
        var total = 0.0
        for i in range {
          let w = weights?[i] ?? 1
          let logMu = Foundation.log(mu[i])
          let value = y[i] > 0 ? y[i] * logMu : 0
          total += w * (value - mu[i] - SpecialFunctions.logGamma(y[i] + 1))
        }
        return total
      }
    case .gaussian:
      var sumLogW = 0.0
      var count = 0.0
      for i in 0..<n {
        let w = weights?[i] ?? 1
        if w > 0 {
          sumLogW += Foundation.log(w)
          count += 1
        }
      }
      return -0.5 * (count * (Foundation.log(2 * Double.pi * deviance / count) + 1) - sumLogW)
    }
  }
}

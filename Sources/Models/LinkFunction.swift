import Distributions
import Foundation

/// The link g of a generalised linear model, eta = g(mu), with R's numerical safeguards
/// (`make.link`, `binomial()$linkinv`): inverse links are clamped so that mu stays strictly
/// inside the family's range and dmu/deta stays >= machine epsilon.
public enum LinkFunction: String, Sendable, CaseIterable {
  /// log(mu / (1 - mu)), canonical for the binomial.
  case logit
  /// Phi^-1(mu), the standard normal quantile.
  case probit
  /// log(-log(1 - mu)), complementary log-log.
  case cloglog
  /// log(mu), canonical for the Poisson.
  case log
  /// mu, canonical for the Gaussian.
  case identity

  static let epsilon = Double.ulpOfOne
  /// R's `-qnorm(.Machine$double.eps)`: probit linear predictors are clamped to +-8.125.
  static let probitThreshold = -Normal.standard.quantile(Double.ulpOfOne)

  /// eta = g(mu).
  /// - Parameter mu: a mean in the link's domain.
  /// - Returns: the linear predictor.
  public func link(_ mu: Double) -> Double {
    switch self {
    case .logit: return Foundation.log(mu / (1 - mu))
    case .probit: return Normal.standard.quantile(mu)
    case .cloglog: return Foundation.log(-Foundation.log1p(-mu))
    case .log: return Foundation.log(mu)
    case .identity: return mu
    }
  }

  /// mu = g^-1(eta), clamped as R's links.
  /// - Parameter eta: a linear predictor.
  /// - Returns: the mean.
  public func inverse(_ eta: Double) -> Double {
    let eps = Self.epsilon
    switch self {
    case .logit:
      // R's C logit_linkinv: exp(eta) saturated at eps and 1/eps beyond |eta| = 30.
      let t = eta < -30 ? eps : (eta > 30 ? 1 / eps : Foundation.exp(eta))
      return t / (1 + t)
    case .probit:
      let e = Swift.min(Swift.max(eta, -Self.probitThreshold), Self.probitThreshold)
      return Normal.standard.cdf(e)
    case .cloglog:
      return Swift.max(Swift.min(-Foundation.expm1(-Foundation.exp(eta)), 1 - eps), eps)
    case .log:
      return Swift.max(Foundation.exp(eta), eps)
    case .identity:
      return eta
    }
  }

  /// dmu/deta at eta, bounded below by machine epsilon as R's `mu.eta`.
  /// - Parameter eta: a linear predictor.
  /// - Returns: the derivative of the inverse link.
  public func inverseDerivative(_ eta: Double) -> Double {
    let eps = Self.epsilon
    switch self {
    case .logit:
      if eta > 30 || eta < -30 { return eps }
      let e = Foundation.exp(eta)
      let opexp = 1 + e
      return e / (opexp * opexp)
    case .probit:
      return Swift.max(Normal.standard.density(eta), eps)
    case .cloglog:
      let e = Swift.min(eta, 700)
      return Swift.max(Foundation.exp(e) * Foundation.exp(-Foundation.exp(e)), eps)
    case .log:
      return Swift.max(Foundation.exp(eta), eps)
    case .identity:
      return 1
    }
  }

  /// `(inverse(eta), inverseDerivative(eta))` with one exponential for the logit and log links;
  /// the same numbers as the two calls.
  /// - Parameter eta: a linear predictor.
  /// - Returns: the clamped mean and dmu/deta.
  @inline(__always)
  func inverseAndDerivative(_ eta: Double) -> (mu: Double, d: Double) {
    switch self {
    case .logit:
      let eps = Self.epsilon
      if eta < -30 { return (eps / (1 + eps), eps) }
      if eta > 30 { return ((1 / eps) / (1 + 1 / eps), eps) }
      let e = Foundation.exp(eta)
      let opexp = 1 + e
      return (e / opexp, e / (opexp * opexp))
    case .log:
      let e = Swift.max(Foundation.exp(eta), Self.epsilon)
      return (e, e)
    default:
      return (inverse(eta), inverseDerivative(eta))
    }
  }

  /// Unclamped mu = g^-1(eta) and its first two derivatives, for marginal effects and the delta
  /// method (statsmodels' `cdf`/`pdf` and their derivatives).
  /// - Parameter eta: a linear predictor.
  /// - Returns: (mu, dmu/deta, d2mu/deta2).
  public func inverseWithDerivatives(_ eta: Double) -> (mu: Double, d1: Double, d2: Double) {
    switch self {
    case .logit:
      let p =
        eta >= 0 ? 1 / (1 + Foundation.exp(-eta)) : Foundation.exp(eta) / (1 + Foundation.exp(eta))
      let d1 = p * (1 - p)
      return (p, d1, d1 * (1 - 2 * p))
    case .probit:
      let phi = Normal.standard.density(eta)
      return (Normal.standard.cdf(eta), phi, -eta * phi)
    case .cloglog:
      let e = Foundation.exp(eta)
      let d1 = Foundation.exp(eta - e)
      return (-Foundation.expm1(-e), d1, d1 * (1 - e))
    case .log:
      let e = Foundation.exp(eta)
      return (e, e, e)
    case .identity:
      return (eta, 1, 0)
    }
  }
}

import Distributions
import Foundation
import Inference
import LinearAlgebra

/// A prediction with its standard error on the link and the response scale.
public struct GLMPrediction: Sendable, Equatable {
  /// Linear predictor eta (offset included).
  public let link: Double
  /// Standard error of eta, sqrt(x' V x).
  public let linkStandardError: Double
  /// Mean mu = g^-1(eta).
  public let response: Double
  /// Delta-method standard error of mu, |dmu/deta| times that of eta.
  public let responseStandardError: Double
}

extension GLMResult {
  /// Predictions for the used observations with standard errors under the covariance in force
  /// (with the model-based covariance these equal R's `predict.glm(se.fit = TRUE)`).
  /// - Returns: one prediction per used row.
  public func predictions() -> [GLMPrediction] {
    predictions(x: design.x.selectingColumns(keptColumns), offset: details.offset)
  }

  /// Predictions for rows of a design over the kept columns.
  /// - Parameters:
  ///   - x: m x rank matrix, columns in the order of `coefficients`.
  ///   - offset: offsets of the m rows, or `nil` for none.
  /// - Returns: one prediction per row.
  public func predictions(x: Matrix, offset: [Double]?) -> [GLMPrediction] {
    precondition(x.columns == coefficients.count, "predictions: design has the wrong width")
    let eta = x.multiplied(by: coefficients.values)
    let xv = x * covariance
    let link = family.link
    return (0..<x.rows).map { i in
      var variance = 0.0
      for j in 0..<x.columns { variance += xv[i, j] * x[i, j] }
      let e = eta[i] + (offset?[i] ?? 0)
      let se = max(variance, 0).squareRoot()
      return GLMPrediction(
        link: e, linkStandardError: se, response: link.inverse(e),
        responseStandardError: link.inverseDerivative(e) * se)
    }
  }

  /// Exponentiated coefficients with intervals: odds ratios (logit), incidence-rate ratios (Poisson
  /// log link), as Stata's `logit, or` / `poisson, irr`.
  ///
  /// Intervals are the exponentiated z intervals; standard errors by the delta method (exp(b)
  /// se(b)).
  /// - Parameter level: confidence level.
  /// - Returns: (term, ratio, standard error, low, high) per kept coefficient.
  public func exponentiatedCoefficients(level: Double = 0.95)
    -> [(term: String, ratio: Double, standardError: Double, low: Double, high: Double)]
  {
    let intervals = confidenceIntervals(level: level)
    let se = standardErrors
    return coefficients.names.indices.map { i in
      let ratio = Foundation.exp(coefficients.values[i])
      return (
        coefficients.names[i], ratio, ratio * se[i], Foundation.exp(intervals[i].low),
        Foundation.exp(intervals[i].high)
      )
    }
  }
}

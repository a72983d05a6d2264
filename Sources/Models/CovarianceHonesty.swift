import Inference
import LinearAlgebra

/// Standard errors that cannot be trusted are not reported (issue 17): the covariance rows and
/// columns of such terms become NaN, which the result document writes as `null` and the text
/// summary as `NA`, and a warning says why. A standard error is undefined
/// - for every term when the fit has no residual degrees of freedom (n <= p after aliasing:
///   every robust covariance is then built from residuals that are zero by construction);
/// - for every term when the model states a reason (an essentially perfect fit, see
///   `FitStatistics.isEssentiallyPerfectFit`);
/// - for one term when its variance is not a normal positive double (zero, subnormal, infinite
///   or NaN): the square of its standard error under- or overflows, as when a column or the
///   outcome is scaled by 1e-300 or 1e300, and no digit of it could be trusted.
enum CovarianceHonesty {
  /// The covariance with undefined terms set to NaN, and the warnings saying why.
  static func apply(
    _ covariance: Matrix, names: [String], residualDegreesOfFreedom: Double,
    modelReason: String?
  ) -> (matrix: Matrix, warnings: [String]) {
    let k = names.count
    guard k > 0, covariance.rows == k, covariance.columns == k else { return (covariance, []) }
    var undefined = [Bool](repeating: false, count: k)
    var warnings: [String] = []
    if residualDegreesOfFreedom <= 0 {
      undefined = [Bool](repeating: true, count: k)
      warnings.append(
        "standard errors, tests and intervals are not reported: the fit has no residual degrees "
          + "of freedom (observations <= estimated coefficients)")
    } else if let modelReason {
      undefined = [Bool](repeating: true, count: k)
      warnings.append("standard errors, tests and intervals are not reported: \(modelReason)")
    } else {
      var extreme: [String] = []
      for j in 0..<k {
        let variance = covariance[j, j]
        if !(variance.isNormal && variance > 0) {
          undefined[j] = true
          extreme.append(names[j])
        }
      }
      if !extreme.isEmpty {
        let one = extreme.count == 1
        warnings.append(
          "the standard error\(one ? "" : "s") of \(extreme.joined(separator: ", ")) cannot be "
            + "represented (\(one ? "its square under- or overflows" : "their squares under- or overflow") "
            + "a double: a column or the outcome has an extreme scale) and \(one ? "is" : "are") "
            + "not reported; rescale the variable (e.g. to thousands or millions)")
      }
    }
    guard undefined.contains(true) else { return (covariance, []) }
    var matrix = covariance
    for j in 0..<k where undefined[j] {
      for i in 0..<k {
        matrix[i, j] = .nan
        matrix[j, i] = .nan
      }
    }
    return (matrix, warnings)
  }
}

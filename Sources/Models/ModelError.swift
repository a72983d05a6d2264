/// Errors from fitting a model that are the user's to fix (bad weights, too few clusters...).
public enum ModelError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A weight that is negative, NaN or infinite (data row is 1-based).
  case badWeight(column: String, row: Int, value: Double)
  /// Cluster-robust covariance needs at least two clusters.
  case tooFewClusters(column: String, count: Int)
  /// The model cannot use part of the specification.
  case unsupported(String)
  /// Every weight is zero, or no column is left to estimate.
  case nothingToEstimate(String)
  /// The response (or offset) cannot be modelled by the chosen family: a value outside its range,
  /// or a binary/count outcome that never varies.
  case badResponse(column: String, message: String)

  /// A one-line message naming the column or option concerned.
  public var description: String {
    switch self {
    case .badWeight(let column, let row, let value):
      return "weight column '\(column)' has the invalid value \(value) on data row \(row) "
        + "(weights must be finite and >= 0)"
    case .tooFewClusters(let column, let count):
      return "cluster column '\(column)' has \(count) cluster(s) among the used rows; "
        + "cluster-robust standard errors need at least 2"
    case .unsupported(let message): return message
    case .nothingToEstimate(let message): return message
    case .badResponse(let column, let message): return "'\(column)': \(message)"
    }
  }
}

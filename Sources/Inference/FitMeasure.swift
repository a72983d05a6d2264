/// One named goodness-of-fit value of a result (`r_squared`, `log_likelihood`, `deviance`...),
/// in the order a result document lists them; `nil` where undefined.
public struct FitMeasure: Sendable, Equatable {
  /// The result-document key (DESIGN.md section 4).
  public let key: String
  /// The value, or `nil` (written as JSON `null`).
  public let value: Double?

  /// Creates a measure.
  /// - Parameters:
  ///   - key: the result-document key.
  ///   - value: the value.
  public init(_ key: String, _ value: Double?) {
    self.key = key
    self.value = value
  }
}

extension Array where Element == FitMeasure {
  /// The value of the named measure, or `nil` when absent or undefined.
  public subscript(key: String) -> Double? {
    first { $0.key == key }?.value ?? nil
  }
}

/// One estimated part of a decomposition (an aggregate part, or one term's contribution to a
/// part) with its standard error.
public struct DecompositionPart: Sendable, Equatable {
  /// The term (`educ`, `occupation[3]`), or `nil` for an aggregate part.
  public let term: String?
  /// The part: `mean_a`, `mean_b`, `difference`, `explained`, `unexplained`, `endowments`,
  /// `coefficients`, `interaction`.
  public let part: String
  /// The estimate.
  public let estimate: Double
  /// The standard error (nil when not estimated).
  public let standardError: Double?

  /// Creates a part.
  /// - Parameters:
  ///   - term: the term, or `nil` for an aggregate part.
  ///   - part: the part's name.
  ///   - estimate: the estimate.
  ///   - standardError: its standard error, if estimated.
  public init(term: String?, part: String, estimate: Double, standardError: Double?) {
    self.term = term
    self.part = part
    self.estimate = estimate
    self.standardError = standardError
  }
}

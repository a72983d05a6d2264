/// What a fit left out and why: rows (missing values, singletons, other reasons) and terms
/// (collinear with earlier ones, absorbed by fixed effects).
public struct DroppedSummary: Sendable, Equatable {
  /// Rows removed for another reason, with a machine-readable name (`no_variation`).
  public struct Count: Sendable, Equatable {
    /// The reason, as a result-document key.
    public let reason: String
    /// How many rows.
    public let rows: Int
    /// The reason in words, after the count (`in levels whose outcome does not vary`).
    public let label: String

    /// Creates a count.
    /// - Parameters:
    ///   - reason: the result-document key.
    ///   - rows: how many rows.
    ///   - label: the reason in words.
    public init(reason: String, rows: Int, label: String) {
      self.reason = reason
      self.rows = rows
      self.label = label
    }
  }

  /// Rows with a missing value in a used column.
  public let missingRows: Int
  /// Observations alone in a fixed-effect level (0 without fixed effects).
  public let singletons: Int
  /// Rows removed for model-specific reasons, in the order they were applied.
  public let other: [Count]
  /// Terms without an estimate (collinear with earlier terms, or absorbed), as R's `NA`.
  public let collinearTerms: [String]
  /// Terms absorbed by fixed effects (`nil` for a model without fixed effects).
  public let absorbedTerms: [String]?

  /// Creates a summary.
  /// - Parameters:
  ///   - missingRows: rows with a missing value.
  ///   - singletons: singleton observations.
  ///   - other: rows removed for other reasons.
  ///   - collinearTerms: terms without an estimate.
  ///   - absorbedTerms: terms absorbed by fixed effects, if the model has any.
  public init(
    missingRows: Int, singletons: Int = 0, other: [Count] = [], collinearTerms: [String],
    absorbedTerms: [String]? = nil
  ) {
    self.missingRows = missingRows
    self.singletons = singletons
    self.other = other
    self.collinearTerms = collinearTerms
    self.absorbedTerms = absorbedTerms
  }
}

import Inference

/// A Fairlie decomposition: the groups, the aggregate parts and each term's contribution to the
/// explained part.
public struct FairlieResult: EstimationResult {
  /// Always `fairlie`.
  public var modelName: String { "fairlie" }
  /// The formula as written.
  public let formula: String
  /// The group column.
  public let group: String
  /// The values of the group column that define groups A and B.
  public let groupLabels: (a: String, b: String)
  /// Rows in groups A and B.
  public let groupCounts: (a: Int, b: Int)
  /// The options used.
  public let options: FairlieOptions
  /// Rows dropped for a missing value in a used column.
  public let droppedMissing: Int
  /// `mean_a`, `mean_b`, `difference`, `explained` (with its standard error), `unexplained`.
  public let components: [DecompositionPart]
  /// Each term's contribution to the explained part.
  public let detailed: [DecompositionPart]
  /// Notes from the model fit.
  public let warnings: [String]

  /// Rows used (both groups).
  public var nobs: Int { groupCounts.a + groupCounts.b }
  /// Rows dropped for missing values.
  public var dropped: DroppedSummary {
    DroppedSummary(missingRows: droppedMissing, collinearTerms: [])
  }
  /// How the fit of the binary-response model ended.
  public let convergence: ConvergenceInfo
  /// None beyond the parts.
  public var fitMeasures: [FitMeasure] { [] }

  /// The aggregate part named `part`.
  /// - Parameter part: `explained`, `difference`...
  /// - Returns: the part, or `nil`.
  public func component(_ part: String) -> DecompositionPart? {
    components.first { $0.part == part }
  }

  /// The contribution of the term labelled `term` to the explained part.
  /// - Parameter term: a formula term's label (`educ`, `C(occupation)`).
  /// - Returns: the contribution, or `nil`.
  public func contribution(_ term: String) -> DecompositionPart? {
    detailed.first { $0.term == term }
  }

  /// `decomposition` (link, reference, replications, seed), `groups`, `components`, `detailed`.
  public var sections: [ResultSection] {
    [
      ResultSection(
        key: "decomposition", title: "Decomposition",
        columns: ["method", "group", "link", "reference", "replications", "seed", "random_order"]
          .map { .init($0) },
        rows: [
          [
            .text("fairlie"), .text(group), .text(options.link.rawValue),
            .text(options.reference.rawValue), .integer(options.replications),
            .text(String(options.seed)), .bool(options.randomOrder),
          ]
        ], layout: .record, placement: .afterModel),
      DecompositionSections.groups(
        labels: [groupLabels.a, groupLabels.b], counts: [groupCounts.a, groupCounts.b]),
      DecompositionSections.components(components),
      DecompositionSections.detailed(detailed),
    ]
  }
}

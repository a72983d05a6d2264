import Inference

/// An Oaxaca-Blinder decomposition: the groups, the aggregate parts and each term's
/// contributions, with delta-method standard errors.
public struct OaxacaBlinderResult: EstimationResult {
  /// Always `oaxaca`.
  public var modelName: String { "oaxaca" }
  /// The formula as written.
  public let formula: String
  /// The group column.
  public let group: String
  /// The values of the group column that define groups A and B.
  public let groupLabels: (a: String, b: String)
  /// Rows in groups A and B.
  public let groupCounts: (a: Int, b: Int)
  /// The options used.
  public let options: OaxacaBlinderOptions
  /// Number of clusters of a cluster-robust covariance.
  public let clusters: Int?
  /// Rows dropped for a missing value in a used column.
  public let droppedMissing: Int
  /// Aggregate parts: `mean_a`, `mean_b`, `difference`, `explained`, `unexplained` and, with
  /// the threefold option, `endowments`, `coefficients`, `interaction`.
  public let components: [DecompositionPart]
  /// Each term's contribution to each part (not to the means and the difference).
  public let detailed: [DecompositionPart]
  /// Notes on the decomposition.
  public let warnings: [String]

  /// Rows used (both groups).
  public var nobs: Int { groupCounts.a + groupCounts.b }
  /// Rows dropped for missing values; no term is dropped (an unidentified term is an error).
  public var dropped: DroppedSummary {
    DroppedSummary(missingRows: droppedMissing, collinearTerms: [])
  }
  /// Closed form.
  public var convergence: ConvergenceInfo { .closedForm }
  /// None beyond the parts.
  public var fitMeasures: [FitMeasure] { [] }

  /// The aggregate part named `part`.
  /// - Parameter part: `explained`, `unexplained`...
  /// - Returns: the part, or `nil` when not computed.
  public func component(_ part: String) -> DecompositionPart? {
    components.first { $0.part == part }
  }

  /// The contribution of `term` to `part`.
  /// - Parameters:
  ///   - term: a term of the (normalised) layout.
  ///   - part: `explained`, `unexplained`...
  /// - Returns: the contribution, or `nil`.
  public func contribution(_ term: String, to part: String) -> DecompositionPart? {
    detailed.first { $0.term == term && $0.part == part }
  }

  /// `decomposition` (reference, covariance), `groups` (sizes, a count column), `components`
  /// and `detailed`.
  public var sections: [ResultSection] {
    var covariance: String
    switch options.covariance {
    case .classic: covariance = "classic"
    case .robust: covariance = "robust"
    case .cluster(let name): covariance = "cluster(\(name))"
    }
    if options.fixedRegressors { covariance += ", fixed regressors" }
    return [
      ResultSection(
        key: "decomposition", title: "Decomposition",
        columns: ["method", "group", "reference", "normalised", "vcov", "clusters"].map {
          .init($0)
        },
        rows: [
          [
            .text("oaxaca"), .text(group), .text(options.reference.rawValue),
            .bool(options.normaliseCategorical), .text(covariance),
            clusters.map { .integer($0) } ?? .number(nil),
          ]
        ], layout: .record, placement: .afterModel),
      DecompositionSections.groups(
        labels: [groupLabels.a, groupLabels.b], counts: [groupCounts.a, groupCounts.b]),
      DecompositionSections.components(components),
      DecompositionSections.detailed(detailed),
    ]
  }
}

/// The result-document sections every two-group decomposition writes.
public enum DecompositionSections {
  /// `groups`: each group's value and size (`n`, a count column).
  /// - Parameters:
  ///   - labels: the values of the group column, A first.
  ///   - counts: the rows in each group.
  /// - Returns: the section.
  public static func groups(labels: [String], counts: [Int]) -> ResultSection {
    ResultSection(
      key: "groups", title: "Groups",
      columns: [.init("group"), .init("value"), .init("n", isCount: true)],
      rows: zip(["a", "b"], zip(labels, counts)).map { [.text($0), .text($1.0), .integer($1.1)] },
      placement: .afterObservations)
  }

  /// `components`: part, estimate, std_error.
  /// - Parameter parts: the aggregate parts.
  /// - Returns: the section.
  public static func components(_ parts: [DecompositionPart]) -> ResultSection {
    ResultSection(
      key: "components", title: "Decomposition",
      columns: ["part", "estimate", "std_error"].map { .init($0) },
      rows: parts.map { [.text($0.part), .number($0.estimate), .number($0.standardError)] })
  }

  /// `detailed`: term, part, estimate, std_error.
  /// - Parameter parts: the contributions of the terms.
  /// - Returns: the section.
  public static func detailed(_ parts: [DecompositionPart]) -> ResultSection {
    ResultSection(
      key: "detailed", title: "Detailed decomposition",
      columns: ["term", "part", "estimate", "std_error"].map { .init($0) },
      rows: parts.map {
        [.text($0.term ?? ""), .text($0.part), .number($0.estimate), .number($0.standardError)]
      })
  }
}

import Inference

/// The kind of a 2x2 comparison in the Goodman-Bacon decomposition.
public enum BaconComparisonType: String, Sendable, CaseIterable {
  /// A timing group against never-treated units.
  case treatedVsNever = "treated_vs_never"
  /// An earlier-treated group against a later one that is not yet treated.
  case earlierVsLater = "earlier_vs_later"
  /// A later-treated group against an earlier one that is already treated (the "forbidden"
  /// comparison that biases TWFE when effects change over time).
  case laterVsEarlier = "later_vs_earlier"
  /// A timing group against units treated since before the first period.
  case laterVsAlwaysTreated = "later_vs_always_treated"

  /// The label R `bacondecomp` prints.
  public var title: String {
    switch self {
    case .treatedVsNever: return "Treated vs Untreated"
    case .earlierVsLater: return "Earlier vs Later Treated"
    case .laterVsEarlier: return "Later vs Earlier Treated"
    case .laterVsAlwaysTreated: return "Later vs Always Treated"
    }
  }
}

/// One 2x2 comparison: which group is treated, which is the control, its DiD and its weight.
public struct BaconComparison: Sendable, Equatable {
  /// The comparison type.
  public let type: BaconComparisonType
  /// The treated group's first treated period.
  public let treated: Int
  /// The control group's first treated period; `nil` for never treated.
  public let control: Int?
  /// The 2x2 DiD estimate.
  public let estimate: Double
  /// The weight (all weights sum to one).
  public internal(set) var weight: Double
}

/// The Goodman-Bacon decomposition: every comparison, and their weighted sum (the TWFE DiD
/// coefficient).
public struct BaconDecompositionResult: EstimationResult {
  /// Always `bacon`.
  public var modelName: String { "bacon" }
  /// The TWFE formula decomposed.
  public let formula: String
  /// Number of unit-period rows.
  public let nobs: Int
  /// The comparisons, treated-vs-never first, then pairs of timing groups by start.
  public let comparisons: [BaconComparison]

  /// The weighted sum of the 2x2 estimates: the TWFE DiD coefficient.
  public var twfeEstimate: Double { comparisons.reduce(0) { $0 + $1.weight * $1.estimate } }

  /// Total weight and weighted mean estimate of each comparison type present, as
  /// `bacondecomp::bacon_summary()`.
  public var summary: [(type: BaconComparisonType, weight: Double, estimate: Double)] {
    BaconComparisonType.allCases.compactMap { type in
      let those = comparisons.filter { $0.type == type }
      guard !those.isEmpty else { return nil }
      let weight = those.reduce(0) { $0 + $1.weight }
      let estimate = those.reduce(0) { $0 + $1.weight * $1.estimate } / weight
      return (type, weight, weight > 0 ? estimate : .nan)
    }
  }

  /// Nothing is dropped: the decomposition needs the complete balanced panel.
  public var dropped: DroppedSummary { DroppedSummary(missingRows: 0, collinearTerms: []) }
  /// Closed form.
  public var convergence: ConvergenceInfo { .closedForm }
  /// The TWFE coefficient.
  public var fitMeasures: [FitMeasure] { [FitMeasure("twfe_estimate", twfeEstimate)] }
  /// Notes on the treatment timing (cohorts outside the periods, cohorts of one unit).
  public let warnings: [String]

  /// `comparisons` (type, treated, control, estimate, weight) and `comparison_summary`.
  public var sections: [ResultSection] {
    let comparisonRows: [[ResultSection.Cell]] = comparisons.map {
      [
        .text($0.type.rawValue), .integer($0.treated),
        $0.control.map { .integer($0) } ?? .text("never"),
        .number($0.estimate), .number($0.weight),
      ]
    }
    let summaryRows: [[ResultSection.Cell]] = summary.map {
      [
        .text($0.type.rawValue), .number($0.weight),
        .number($0.estimate.isFinite ? $0.estimate : nil),
      ]
    }
    return [
      ResultSection(
        key: "comparisons", title: "Goodman-Bacon 2x2 comparisons",
        columns: ["type", "treated", "control", "estimate", "weight"].map { .init($0) },
        rows: comparisonRows),
      ResultSection(
        key: "comparison_summary", title: "Goodman-Bacon decomposition by comparison type",
        columns: ["type", "weight", "estimate"].map { .init($0) }, rows: summaryRows),
    ]
  }
}

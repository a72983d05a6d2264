import DataTable

/// Which institution (the panel group) each row belongs to, for the dominance rule: a cell is
/// sensitive when one institution holds more than a set share of its observations.
struct DominanceIndex: Sendable {
  /// An institution code per row (rows with a missing institution share one code).
  private let codes: [Int]
  /// The largest share allowed.
  let share: Double
  /// Scratch counts per institution.
  private var counts: [Int]

  /// The index of the study's institutions, or `nil` when the rule is off or no group column
  /// is declared.
  init?(_ context: AnalysisContext) {
    guard let share = context.disclosure.dominance, let group = context.panel?.group,
      context.data[group] != nil
    else { return nil }
    let index = LearnerIndex(table: context.data, unit: group)
    codes = index.codes
    counts = [Int](repeating: 0, count: index.learnerCount)
    self.share = share
  }

  /// Whether one institution holds more than `share` of `rows`.
  mutating func dominates(rows: [Int]) -> Bool {
    guard !rows.isEmpty else { return false }
    var largest = 0
    for row in rows {
      counts[codes[row]] += 1
      largest = max(largest, counts[codes[row]])
    }
    for row in rows { counts[codes[row]] = 0 }
    return Double(largest) > share * Double(rows.count)
  }
}

extension CountCell {
  /// Whether the cell is sensitive: fewer than `min_cell` learners, dominated by one
  /// institution, or its share reveals a sensitive count.
  func isSensitive(minCell: Int) -> Bool {
    learners < minCell || dominated || revealsSensitiveCount
  }
}

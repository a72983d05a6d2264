import DataTable

/// Which learner each row of a table belongs to, so that disclosure control counts distinct
/// learners (the panel unit) rather than rows (learner-years). Without a panel unit every row is
/// its own learner; rows whose unit is missing count together as one learner (the cautious
/// choice: they may all be the same person).
struct LearnerIndex: Sendable {
  /// A learner code per row.
  let codes: [Int]

  /// Codes the rows of `table` by the values of `unit` (`nil`: one learner per row).
  init(table: DataTable, unit: String?) {
    guard let unit, let column = table[unit] else {
      codes = Array(0..<table.rowCount)
      return
    }
    var index: [String: Int] = [:]
    var codes = [Int](repeating: -1, count: column.count)
    for row in 0..<column.count {
      guard let value = column.stringValue(row) else { continue }
      if let code = index[value] {
        codes[row] = code
      } else {
        codes[row] = index.count
        index[value] = index.count
      }
    }
    self.codes = codes
  }

  /// Codes the rows of a study's prepared data by its panel unit.
  init(_ context: AnalysisContext) {
    self.init(table: context.data, unit: context.panel?.unit)
  }

  /// Distinct learners in all rows.
  var learnerCount: Int { Set(codes).count }

  /// Distinct learners among `rows`.
  func count(rows: some Sequence<Int>) -> Int {
    var seen = Set<Int>()
    for row in rows { seen.insert(codes[row]) }
    return seen.count
  }
}

extension PreparedStudy {
  /// Whether the number of rows kept by the filter may be published: only when they hold at
  /// least `min_cell` learners (rows where no panel unit is declared).
  var publishesRowsUsed: Bool {
    let learners = LearnerIndex(table: data, unit: spec.data?.panel?.unit).learnerCount
    return learners >= spec.disclosure.minCell
  }
}

import DataTable

/// Which learner each row of a table belongs to, so that disclosure control counts distinct
/// learners (the panel unit) rather than rows (learner-years).
///
/// Without a panel unit every row is its own learner; rows whose unit is missing count together as
/// one learner (the cautious choice: they may all be the same person).
struct LearnerIndex: Sendable {
  /// A learner code per row, dense in `0..<learnerCount`.
  let codes: [Int]
  /// Distinct learners in all rows (rows with a missing unit count as one).
  let learnerCount: Int
  /// Scratch marks for `count(rows:)`: a learner is counted once per generation.
  private var marks: [Int]
  private var generation = 0

  /// Codes the rows of `table` by the values of `unit` (`nil`: one learner per row).
  init(table: DataTable, unit: String?) {
    guard let unit, let column = table[unit] else {
      codes = Array(0..<table.rowCount)
      learnerCount = table.rowCount
      marks = Array(repeating: 0, count: table.rowCount)
      return
    }
    var (codes, next): ([Int], Int)
    switch column.values {
    case .int(let values):
      (codes, next) = Self.firstAppearance(rows: column.count) {
        column.isMissing($0) ? nil : values[$0]
      }
    case .text(let textCodes, _):
      (codes, next) = Self.firstAppearance(rows: column.count) {
        textCodes[$0] >= 0 ? textCodes[$0] : nil
      }
    case .double, .bool:
      (codes, next) = Self.firstAppearance(rows: column.count) { column.stringValue($0) }
    }
    // Rows with a missing unit share one code after the others.
    if codes.contains(-1) {
      codes = codes.map { $0 < 0 ? next : $0 }
      next += 1
    }
    self.codes = codes
    learnerCount = next
    marks = Array(repeating: 0, count: next)
  }

  /// Learner codes in order of first appearance, -1 where the unit is missing.
  /// - Parameters:
  ///   - rows: the number of rows.
  ///   - key: the unit value of a row, `nil` when missing.
  /// - Returns: a code per row and the number of distinct learners.
  private static func firstAppearance<Key: Hashable>(rows: Int, key: (Int) -> Key?)
    -> (codes: [Int], count: Int)
  {
    var learners = FirstAppearanceCodes<Key>()
    var codes = [Int](repeating: -1, count: rows)
    for row in 0..<rows {
      if let value = key(row) { codes[row] = learners.code(for: value) }
    }
    return (codes, learners.count)
  }

  /// Codes the rows of a study's prepared data by its panel unit.
  init(_ context: AnalysisContext) {
    self.init(table: context.data, unit: context.panel?.unit)
  }

  /// Distinct learners among `rows` (linear in the rows: no hashing).
  mutating func count(rows: some Sequence<Int>) -> Int {
    generation += 1
    var n = 0
    for row in rows where marks[codes[row]] != generation {
      marks[codes[row]] = generation
      n += 1
    }
    return n
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

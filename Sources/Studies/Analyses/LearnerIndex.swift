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
    var codes = [Int](repeating: -1, count: column.count)
    var next = 0
    switch column.values {
    case .int(let values):
      var index: [Int: Int] = [:]
      for row in 0..<values.count where !column.isMissing(row) {
        if let code = index[values[row]] {
          codes[row] = code
        } else {
          index[values[row]] = next
          codes[row] = next
          next += 1
        }
      }
    case .text(let textCodes, _):
      var index: [Int32: Int] = [:]
      for row in 0..<textCodes.count where textCodes[row] >= 0 {
        if let code = index[textCodes[row]] {
          codes[row] = code
        } else {
          index[textCodes[row]] = next
          codes[row] = next
          next += 1
        }
      }
    case .double, .bool:
      var index: [String: Int] = [:]
      for row in 0..<column.count {
        guard let value = column.stringValue(row) else { continue }
        if let code = index[value] {
          codes[row] = code
        } else {
          index[value] = next
          codes[row] = next
          next += 1
        }
      }
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

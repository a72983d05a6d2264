import DataTable
import Foundation

/// The second count that a share reveals, protected like any count.
///
/// A share of a 0/1 variable (or the mean of one) published with its N reveals the number of
/// rows where the variable is 1 (p·N) and, with it, the number where it is 0: counts of other
/// populations than N itself. A cell of 3 learners in STEM among 40 is as sensitive as a cell
/// of 3. So the count table gains the variable as its last classification: each published cell
/// becomes three count cells (its N as the total over the variable, then the 0 and 1 counts),
/// and the study-wide suppression protects all three together with every other table that
/// counts the same rows. A cell's estimate is published only when none of its three count cells
/// is withheld; its N whenever the total cell is not (as statistical offices publish a
/// denominator beside a withheld share): the output then withholds exactly what the plan does,
/// which the audit checks.
///
/// The levels are named as a `describe` of the column names them, so that its level counts and
/// the split are linked as an intruder would link them.
struct BinarySplit: Sendable {
  /// The split variable: the column, or the expression's text.
  let variable: String
  /// The level names of 0 and 1.
  let levels: [String]
  /// The 0/1 value of each row (NaN where missing).
  private let values: [Double]

  /// The split of `values`, or `nil` when a value other than 0 or 1 is present (a mean of other
  /// numbers reveals no count) or when the variable is itself a grouping (`by`), where the
  /// share is 0 or 1 and reveals nothing new.
  /// - Parameters:
  ///   - expression: the measured expression's text (a column name, or a condition).
  ///   - values: its value per row of `data`.
  ///   - data: the prepared data, whose column of that name gives the level names.
  ///   - by: the table's grouping columns.
  init?(expression: String, values: [Double], data: DataTable, by: [String]) {
    let name = expression.trimmingCharacters(in: .whitespaces)
    guard !by.contains(name), values.allSatisfy({ $0.isNaN || $0 == 0 || $0 == 1 }) else {
      return nil
    }
    var labels = ["0", "1"]
    if let column = data[name] {
      for (k, target) in [0.0, 1.0].enumerated() {
        if let row = values.firstIndex(of: target), let text = column.stringValue(row) {
          labels[k] = text
        }
      }
    }
    variable = name
    levels = labels
    self.values = values
  }

  /// The three count cells of one published cell: its total over the variable, then the rows
  /// at 0 and at 1.
  func cells(
    levels cellLevels: [String?], rows: [Int], learners: inout LearnerIndex,
    dominance: inout DominanceIndex?
  ) -> [CountCell] {
    let ones = rows.filter { values[$0] == 1 }
    let zeros = rows.filter { values[$0] == 0 }
    return [(nil, rows), (levels[0], zeros), (levels[1], ones)].map { level, subset in
      CountCell(
        levels: cellLevels + [level], count: subset.count,
        learners: learners.count(rows: subset),
        dominated: dominance?.dominates(rows: subset) ?? false)
    }
  }

  /// Per published cell, whether its estimate and whether its N are withheld.
  ///
  /// From the suppression flags of the count table: the estimate when any of its three count
  /// cells is, the N when its total cell is. Without a split both are the count table's flags.
  static func flags(_ counted: [Bool], split: BinarySplit?) -> (estimate: [Bool], count: [Bool]) {
    guard split != nil else { return (counted, counted) }
    let starts = stride(from: 0, to: counted.count, by: 3)
    return (
      starts.map { counted[$0..<min($0 + 3, counted.count)].contains(true) },
      starts.map { counted[$0] }
    )
  }

  /// Beyond this many count cells (three per published cell) a split table is not protected as
  /// one.
  ///
  /// The linear programs of the study-wide suppression grow with the square of the withheld
  /// cells. A 4-way share table with margins (year x gender x track x region of the sample
  /// data, 1,386 cells, 4,158 count cells) takes about 15 s of CPU in a release build, protection
  /// and the audit before publishing included.
  static let maximumCountCells = 4_500

  /// The count cells of a table, and its split, within the size limit.
  ///
  /// A split table above `maximumCountCells` keeps each published cell's N alone, flagged sensitive when its count
  /// at 0 or 1 is (so the share is withheld), and loses its split. The counts at 0 and 1 of
  /// such a table are then withheld where small but not protected against differencing, which
  /// `limitNote` says in the report.
  static func limited(_ cells: [CountCell], split: BinarySplit?, minCell: Int) -> (
    cells: [CountCell], split: BinarySplit?, limited: Bool
  ) {
    guard split != nil, cells.count > maximumCountCells else { return (cells, split, false) }
    let kept = stride(from: 0, to: cells.count, by: 3).map { start in
      let triple = Array(cells[start..<min(start + 3, cells.count)])
      let total = triple[0]
      return CountCell(
        levels: Array(total.levels.dropLast()), count: total.count, learners: total.learners,
        dominated: total.dominated,
        revealsSensitiveCount: sensitive(Array(triple.dropFirst()), minCell: minCell))
    }
    return (kept, nil, true)
  }

  /// The report's note for a table whose shares exceeded the split's size limit.
  static func limitNote(_ variable: String) -> String {
    "Shares of \(variable) counting fewer than min_cell learners at 0 or at 1 are withheld, but "
      + "this table is too large (over \(maximumCountCells / 3) cells) for the study-wide "
      + "protection of those counts: a withheld share may be recoverable from the others."
  }

  /// Whether any of a cell's three count cells is sensitive.
  static func sensitive(_ cells: [CountCell], minCell: Int) -> Bool {
    cells.contains { $0.isSensitive(minCell: minCell) }
  }

  /// The result-document entry that tells an auditor which counts the share reveals.
  var json: JSONValue { json(protected: true) }

  /// The entry; `protected: false` (a table over the size limit) tells the auditor that the
  /// revealed counts were withheld where small but not protected as cells, so it skips them.
  func json(protected: Bool) -> JSONValue {
    .object(
      [("variable", .string(variable)), ("levels", .array(levels.map { .string($0) }))]
        + (protected ? [] : [("protected", .bool(false))]))
  }
}

import DataTable
import Formula
import Foundation
import LinearAlgebra
import Models

extension SurvivalAnalysis {
  /// The complete rows of the analysis as spells, with group, stratum and cluster labels and
  /// the Cox covariates.
  struct Sample: Sendable {
    /// Data rows used, increasing.
    let rows: [Int]
    /// The spells of `rows`.
    let spells: SurvivalSpells
    /// Group label per used row (`all` without `by`).
    let groups: [String]
    /// Stratum label per used row, if any.
    let strata: [String]?
    /// Cluster label per used row, if any.
    let cluster: [String]?
    /// Cox covariates (the intercept left out) and their names.
    let covariates: Matrix
    /// Names of the covariate columns.
    let names: [String]
    /// The formula term of each covariate column.
    let termOfColumn: [Int]
    /// The label of each covariate column's term (`C(f)` for each of a factor's columns).
    let termLabels: [String]
    /// Rows left out for a missing value.
    let missing: Int
    /// The event column's codes (0 censored; the outcome code for competing outcomes).
    let codes: [Int]
  }

  /// Reads the spells from the prepared data.
  /// - Throws: `FormulaError` for unusable columns, `AnalysisError.invalid` for an event column
  ///   that is not 0/1 or a spell that ends before it starts.
  func sample(_ data: DataTable) throws -> Sample {
    let required = [event, entry, by, strata, cluster].compactMap { $0 }
    let design = try DesignMatrix.build(
      Formula("`\(time)` ~ \(formula ?? "1")"), data: data, requiring: required)
    let rows = design.rows
    guard let eventValues = try data.column(named: event).doubles() else {
      throw AnalysisError.invalid(name, "event column '\(event)' must hold 0/1 or true/false")
    }
    let events = rows.map { eventValues[$0] }
    let competing = method == .cumulativeIncidence
    if let bad = events.firstIndex(where: {
      competing ? ($0 < 0 || $0 != $0.rounded() || $0 > 1e6) : ($0 != 0 && $0 != 1)
    }) {
      throw AnalysisError.invalid(
        name,
        "event column '\(event)' must hold "
          + (competing ? "0 (censored) or a positive whole outcome code" : "0/1 or true/false")
          + "; data row \(rows[bad] + 1) has \(events[bad])")
    }
    var entries: [Double]?
    if let entry {
      guard let values = try data.column(named: entry).doubles() else {
        throw AnalysisError.invalid(name, "entry column '\(entry)' must hold numbers")
      }
      entries = rows.map { values[$0] }
    }
    let spells: SurvivalSpells
    do {
      spells = try SurvivalSpells(
        exit: design.response ?? [], event: events.map { $0 > 0 }, entry: entries,
        names: (time, event, entry ?? "entry"))
    } catch SurvivalError.exitNotAfterEntry(let row, let start, let stop) {
      throw AnalysisError.invalid(
        name,
        "data row \(rows[row - 1] + 1): the spell ends (\(time) = \(stop)) at or before it "
          + "starts (\(entry ?? "entry") = \(start)); exit times must be later than entry times")
    }
    func labels(_ column: String?) throws -> [String]? {
      guard let column else { return nil }
      let values = try data.column(named: column)
      return rows.map { values.stringValue($0) ?? "" }
    }
    let keep = design.columnNames.indices.filter { design.columnNames[$0] != "(Intercept)" }
    return Sample(
      rows: rows, spells: spells,
      groups: try labels(by) ?? Array(repeating: "all", count: rows.count),
      strata: try labels(strata), cluster: try labels(cluster),
      covariates: design.x.selectingColumns(keep), names: keep.map { design.columnNames[$0] },
      termOfColumn: keep.map { design.termIndexOfColumn[$0] },
      termLabels: keep.map { j in
        let term = design.termIndexOfColumn[j]
        let terms = design.formula.terms
        return terms.indices.contains(term) ? terms[term].label : design.columnNames[j]
      },
      missing: design.droppedMissing, codes: events.map { Int($0) })
  }

  /// The risk-table times: the spec's, or about five round times from the start to the last exit.
  func riskTable(_ spells: SurvivalSpells) -> [Double] {
    if let riskTimes { return riskTimes }
    let last = spells.exit.max() ?? 0
    guard last > 0 else { return [0] }
    let raw = last / 4
    let magnitude = Foundation.pow(10, Foundation.floor(Foundation.log10(raw)))
    let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
    let first = spells.entry == nil ? 0.0 : step
    return stride(from: first, through: last, by: step).map { $0 }
  }

  /// Used rows at risk at `t` (entry < t <= exit, R's convention).
  static func atRisk(_ spells: SurvivalSpells, _ t: Double, among rows: [Int]) -> [Int] {
    rows.filter { spells.entryTime($0) < t && spells.exit[$0] >= t }
  }

  /// The number of distinct learners at risk at each of `times`: learners with a spell among
  /// `rows` such that entry < t <= exit.
  ///
  /// Each learner's spells are merged into disjoint intervals first, so a learner at risk in two
  /// overlapping spells counts once; then the learners at risk at t are the merged intervals
  /// with entry < t less those with exit < t, two binary searches per time. O(rows log rows +
  /// times log rows), where filtering the rows at risk for every time was O(times x rows).
  /// - Parameters:
  ///   - spells: the spells (indexed by local row).
  ///   - rows: the local rows that count (e.g. one group's).
  ///   - learner: the learner code of a local row.
  ///   - times: the times.
  /// - Returns: per time, the distinct learners at risk.
  static func learnersAtRisk(
    _ spells: SurvivalSpells, among rows: [Int], learner: (Int) -> Int, times: [Double]
  ) -> [Int] {
    let ordered = rows.map { (learner($0), spells.entryTime($0), spells.exit[$0]) }
      .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    var entries: [Double] = []
    var exits: [Double] = []
    var index = 0
    while index < ordered.count {
      let (code, start, end) = ordered[index]
      var stop = end
      index += 1
      // (a, b] and (c, d] with c <= b overlap or touch: one interval (a, max(b, d)].
      while index < ordered.count, ordered[index].0 == code, ordered[index].1 <= stop {
        stop = Swift.max(stop, ordered[index].2)
        index += 1
      }
      entries.append(start)
      exits.append(stop)
    }
    entries.sort()
    exits.sort()
    return times.map { t in countBelow(entries, t) - countBelow(exits, t) }
  }

  /// The number of elements of the ascending `values` below `t`.
  private static func countBelow(_ values: [Double], _ t: Double) -> Int {
    var low = 0
    var high = values.count
    while low < high {
      let mid = (low + high) / 2
      if values[mid] < t { low = mid + 1 } else { high = mid }
    }
    return low
  }
}

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
}

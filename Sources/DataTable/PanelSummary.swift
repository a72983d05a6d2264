/// Balance and gap summary of a declared panel: what `vetstat describe --unit --time` shows.
///
/// A panel is balanced when every unit is observed in every period observed in the panel (as
/// `plm::is.pbalanced`). A gap is a period missing between a unit's first and last observation
/// (counted in whole time steps); lags across a gap are missing.
public struct PanelSummary: Sendable, Equatable {
  /// The unit column.
  public let unitColumn: String
  /// The time column.
  public let timeColumn: String
  /// The group column, if declared.
  public let groupColumn: String?
  /// Rows.
  public let rows: Int
  /// Units.
  public let units: Int
  /// Distinct periods observed.
  public let periods: Int
  /// First period.
  public let firstPeriod: Int
  /// Last period.
  public let lastPeriod: Int
  /// Fewest observations of a unit.
  public let minObservations: Int
  /// Median observations per unit.
  public let medianObservations: Double
  /// Most observations of a unit.
  public let maxObservations: Int
  /// True when every unit is observed in every period.
  public let isBalanced: Bool
  /// Periods missing inside units' spans, summed over units.
  public let gaps: Int
  /// Units with at least one gap.
  public let unitsWithGaps: Int
  /// Units observed on one row only (they carry no within-unit variation).
  public let singletonUnits: Int
  /// Distinct groups (0 without a group column).
  public let groups: Int
  /// Fewest, median and most distinct units per group (`nil` without a group column).
  public let unitsPerGroup: CountSpread?
  /// Units observed in more than one group.
  public let unitsChangingGroup: Int
  /// Rows whose group is missing.
  public let rowsMissingGroup: Int
}

/// Smallest, median and largest of a set of counts.
public struct CountSpread: Sendable, Equatable {
  /// Smallest count.
  public let min: Int
  /// Median count.
  public let median: Double
  /// Largest count.
  public let max: Int
}

extension PanelIndex {
  /// The balance and gap summary.
  public func summary() -> PanelSummary {
    var counts: [Int] = []
    counts.reserveCapacity(unitCount)
    var gaps = 0
    var unitsWithGaps = 0
    for u in 0..<unitCount {
      let slice = rows(ofUnit: u)
      counts.append(slice.count)
      guard let first = slice.first, let last = slice.last else { continue }
      let missing = timeOfRow[last] - timeOfRow[first] + 1 - slice.count
      gaps += missing
      if missing > 0 { unitsWithGaps += 1 }
    }
    let periods = Set(timeOfRow)
    let sortedCounts = counts.sorted()
    var groupStats: CountSpread?
    var changing = 0
    var missingGroup = 0
    if groupColumn != nil {
      var unitsInGroup = [Set<Int32>](repeating: [], count: groupLabels.count)
      for u in 0..<unitCount {
        var seen = Set<Int32>()
        for row in rows(ofUnit: u) {
          let g = groupOfRow[row]
          if g < 0 {
            missingGroup += 1
            continue
          }
          seen.insert(g)
          unitsInGroup[Int(g)].insert(Int32(u))
        }
        if seen.count > 1 { changing += 1 }
      }
      let sizes = unitsInGroup.map(\.count).sorted()
      if let low = sizes.first, let high = sizes.last {
        groupStats = CountSpread(min: low, median: Self.median(sizes), max: high)
      }
    }
    return PanelSummary(
      unitColumn: unitColumn, timeColumn: timeColumn, groupColumn: groupColumn, rows: rowCount,
      units: unitCount, periods: periods.count, firstPeriod: periods.min() ?? 0,
      lastPeriod: periods.max() ?? 0, minObservations: sortedCounts.first ?? 0,
      medianObservations: Self.median(sortedCounts), maxObservations: sortedCounts.last ?? 0,
      isBalanced: counts.allSatisfy { $0 == periods.count }, gaps: gaps,
      unitsWithGaps: unitsWithGaps, singletonUnits: counts.filter { $0 == 1 }.count,
      groups: groupLabels.count, unitsPerGroup: groupStats, unitsChangingGroup: changing,
      rowsMissingGroup: missingGroup)
  }

  static func median(_ sorted: [Int]) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let mid = sorted.count / 2
    if sorted.count % 2 == 1 { return Double(sorted[mid]) }
    return Double(sorted[mid - 1] + sorted[mid]) / 2
  }
}

extension PanelSummary {
  /// Plain text, one fact per line, for `vetstat describe`.
  public func render() -> String {
    func number(_ x: Double) -> String {
      x == x.rounded() ? String(Int(x)) : String(x)
    }
    var lines: [String] = []
    lines.append(
      "panel: unit \(unitColumn), time \(timeColumn)"
        + (groupColumn.map { ", group \($0)" } ?? ""))
    lines.append("  rows                 \(rows)")
    lines.append("  units                \(units)")
    lines.append("  periods              \(periods) (\(firstPeriod)-\(lastPeriod))")
    lines.append(
      "  rows per unit        min \(minObservations), median \(number(medianObservations)),"
        + " max \(maxObservations)")
    lines.append("  balanced             \(isBalanced ? "yes" : "no")")
    lines.append("  gaps                 \(gaps) missing periods in \(unitsWithGaps) units")
    lines.append(
      "  single-row units     \(singletonUnits)"
        + (singletonUnits > 0 ? " (no within-unit variation; dropped by fixed-effects fits)" : ""))
    if let groupColumn {
      lines.append("  groups               \(groups) (\(groupColumn))")
      if let stats = unitsPerGroup {
        lines.append(
          "  units per group      min \(stats.min), median \(number(stats.median)),"
            + " max \(stats.max)")
      }
      lines.append("  units changing group \(unitsChangingGroup)")
      if rowsMissingGroup > 0 { lines.append("  rows missing group   \(rowsMissingGroup)") }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

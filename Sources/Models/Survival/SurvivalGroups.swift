/// Row indices by group label, in the order R's `factor()` gives the levels (numerically when
/// every label is a number, else alphabetically).
enum SurvivalGroups {
  /// The distinct labels in level order with the rows of each.
  /// - Parameter labels: one label per row.
  /// - Returns: (label, rows) pairs.
  static func split(_ labels: [String]) -> [(label: String, rows: [Int])] {
    var rows: [String: [Int]] = [:]
    for (row, label) in labels.enumerated() { rows[label, default: []].append(row) }
    return levels(Array(rows.keys)).map { ($0, rows[$0] ?? []) }
  }

  /// Labels in factor-level order.
  static func levels(_ labels: [String]) -> [String] {
    let numbers = labels.map { Double($0) }
    if numbers.allSatisfy({ $0 != nil }) {
      return zip(labels, numbers).sorted { ($0.1 ?? 0) < ($1.1 ?? 0) }.map(\.0)
    }
    return labels.sorted()
  }
}

/// Distinct exit times of a set of spells with the numbers at risk, events and censorings at
/// each: the counting the Kaplan-Meier curve and the log-rank test share.
struct RiskTable {
  /// Distinct exit times, increasing.
  var time: [Double] = []
  /// At risk just before each time.
  var nRisk: [Int] = []
  /// Events at each time.
  var nEvent: [Int] = []
  /// Censored exits at each time.
  var nCensor: [Int] = []

  /// Counts the given rows of `spells`.
  /// - Parameters:
  ///   - spells: the data.
  ///   - rows: the rows counted.
  ///   - times: report only these times (all distinct exit times of `rows` when `nil`).
  init(_ spells: SurvivalSpells, rows: [Int], times: [Double]? = nil) {
    let exits = rows.map { (spells.exit[$0], spells.event[$0]) }.sorted { $0.0 < $1.0 }
    let entries = rows.map { spells.entryTime($0) }.sorted()
    let grid =
      times
      ?? {
        var distinct: [Double] = []
        for (t, _) in exits where distinct.last != t { distinct.append(t) }
        return distinct
      }()
    var exitIndex = 0
    var entryIndex = 0
    for t in grid {
      // Exits before t have left; entries at or after t have not yet come in.
      while exitIndex < exits.count && exits[exitIndex].0 < t { exitIndex += 1 }
      while entryIndex < entries.count && entries[entryIndex] < t { entryIndex += 1 }
      let notYetEntered = entries.count - entryIndex
      var events = 0
      var censored = 0
      var index = exitIndex
      while index < exits.count && exits[index].0 == t {
        if exits[index].1 { events += 1 } else { censored += 1 }
        index += 1
      }
      time.append(t)
      nRisk.append(exits.count - exitIndex - notYetEntered)
      nEvent.append(events)
      nCensor.append(censored)
    }
  }
}

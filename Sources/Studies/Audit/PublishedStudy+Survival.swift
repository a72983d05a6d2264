import Disclosure
import Foundation

/// A count that two published counts reveal by their difference, for the audit's check of
/// published counts below `min_cell`.
public struct RevealedCount: Sendable {
  /// What is counted, such as `km/left:100-200 [sex=1]`.
  public let label: String
  /// The difference.
  public let count: Int
}

extension PopulationBuilder {
  /// `survival` (Kaplan-Meier, cumulative incidence, Cox, discrete hazard): the spells and the
  /// events per group (`medians`, with `spells` as their total), and the spells at risk per
  /// group at each risk-table time (`risk_table`), each a count table of the population the
  /// runner names in `populations` (spells, events, then one per risk time).
  ///
  /// The curves reveal the numbers at risk and the events of their steps, and the censored
  /// spells between steps (`SurvivalCurveCounts`).
  ///
  /// Differences reveal more counts: spells less events are the censored spells of a group,
  /// and, without delayed entry (the spells at risk at a later time are then among those at
  /// risk at an earlier one), the number at risk at one time less the number at the next
  /// published time counts the spells that left the risk set between them (events and censored
  /// alike). These are returned for the check of counts below `min_cell`.
  mutating func readSurvival(name: String, result: [String: Any]) -> [RevealedCount] {
    let document = result["survival"] as? [String: Any] ?? result
    guard let ids = document["populations"] as? [String], ids.count >= 2 else { return [] }
    let by = (document["by"] as? String).map { [$0] } ?? []
    let medians = document["medians"] as? [[String: Any]] ?? []
    func levels(_ entry: [String: Any]) -> [String?] {
      by.isEmpty ? [] : [levelText(entry["group"])]
    }
    func count(_ entry: [String: Any], _ key: String) -> Int? {
      (entry[key] as? NSNumber)?.intValue
    }
    func cell(_ levels: [String?], _ n: Int?) -> PublishedCell {
      PublishedCell(levels: levels, count: n, suppressed: n == nil)
    }
    var spells = medians.map { cell(levels($0), count($0, "spells")) }
    if !by.isEmpty { spells.append(cell([nil], count(document, "spells"))) }
    add(
      PublishedTable(name: "\(name)/spells", variables: by, cells: spells), population: ids[0],
      totalsIncludeMissing: [])
    add(
      PublishedTable(
        name: "\(name)/events", variables: by,
        cells: medians.map { cell(levels($0), count($0, "events")) }),
      population: ids[1], totalsIncludeMissing: [])
    var times: [Double] = []
    var atRisk: [Double: [[String: Any]]] = [:]
    for entry in document["risk_table"] as? [[String: Any]] ?? [] {
      guard let t = (entry["time"] as? NSNumber)?.doubleValue else { continue }
      if atRisk[t] == nil { times.append(t) }
      atRisk[t, default: []].append(entry)
    }
    for (k, t) in times.enumerated() where ids.indices.contains(2 + k) {
      let entries = atRisk[t] ?? []
      add(
        PublishedTable(
          name: "\(name)/at_risk:\(SurvivalAnalysis.format(t))", variables: by,
          cells: entries.map { cell(levels($0), count($0, "n_risk")) }),
        population: ids[2 + k], totalsIncludeMissing: [])
    }
    var revealed: [RevealedCount] = []
    func group(_ entry: [String: Any]) -> String {
      by.isEmpty ? "" : " [\(by[0])=\(levelText(entry["group"]) ?? "")]"
    }
    for entry in medians {
      if let n = count(entry, "spells"), let d = count(entry, "events") {
        revealed.append(RevealedCount(label: "\(name)/censored\(group(entry))", count: n - d))
      }
    }
    revealed += SurvivalCurveCounts.revealed(name: name, document: document) { level in
      by.isEmpty ? "" : " [\(by[0])=\(level)]"
    }
    // With delayed entry the risk sets are not nested: a difference is not a count.
    guard document["entry"] == nil || document["entry"] is NSNull else { return revealed }
    let ordered = times.sorted()
    for entry in medians {
      let key = levelText(entry["group"])
      // The spells, then the number at risk at each published time, in time order.
      var previous: (label: String, count: Int)? = count(entry, "spells").map { ("start", $0) }
      for t in ordered {
        let match = (atRisk[t] ?? []).first { by.isEmpty || levelText($0["group"]) == key }
        guard let match, let n = count(match, "n_risk") else { continue }
        if let (from, m) = previous {
          revealed.append(
            RevealedCount(
              label: "\(name)/left:\(from)-\(SurvivalAnalysis.format(t))\(group(entry))",
              count: m - n))
        }
        previous = (SurvivalAnalysis.format(t), n)
      }
    }
    return revealed
  }
}

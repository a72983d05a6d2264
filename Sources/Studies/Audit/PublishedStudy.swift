import Disclosure
import Foundation

/// The count tables a study published in its `results.json`, grouped by population, as
/// `vetstat audit` reads them: only what is published, never the data.
///
/// Read from the provenance's `rows_used` (with `rows_used_population`) and from each analysis of
/// kind `describe` (`variables`: N per variable and group; `levels`:
/// counts per variable, level and group), `indicator` and `trend` computed from learner data
/// (`cells`: N per group), `survival` (spells and events per group, spells at risk per group and
/// risk time; see `PopulationBuilder.readSurvival`), and, where a `binary` entry says an estimate is the share of a 0/1
/// variable, the counts at 0 and 1 it reveals (round(p·N) and N minus it). A count table's
/// population is the set of rows it counts: an explicit `"population"` (on the analysis result
/// or on an entry) when the runner writes one; otherwise the rows where the measured variable is
/// present (`count()`: all rows). A group value `null`, or `"All"` in every `by` column of a
/// describe table, is a total; rows with a missing `by` value count in that total but in no
/// group, so the total has one unlisted level per `by` variable (the runner lists these variables
/// per population under `provenance.disclosure.populations[].variables_with_missing`).
public struct PublishedStudy: Sendable {
  /// One population's tables.
  public struct Population: Sendable {
    /// The population's key (explicit id, or `rows with X present`).
    public let key: String
    /// Its count tables, named `analysis/part` (`profile/levels:track`).
    public let tables: [PublishedTable]
    /// Levels counted in totals but listed in no group (missing `by` values).
    public let unlistedLevels: [String: [String]]
  }

  /// The protection level: the provenance's `disclosure.min_cell`.
  public let minCell: Int
  /// Whether every population key came from the runner (`"population"` fields).
  public let explicitPopulations: Bool
  /// The populations, in order of first appearance.
  public let populations: [Population]
  /// Counts that differences of published counts reveal (survival analyses' censored spells,
  /// and spells leaving the risk set between two published times).
  public let revealed: [RevealedCount]

  /// Reads `results.json`.
  /// - Throws: ``AuditInputError`` when the file is missing, is not a study's results, or lacks
  ///   `min_cell`.
  public init(resultsFile url: URL) throws(AuditInputError) {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw AuditInputError(
        path: url.path, message: "cannot be read (\(error.localizedDescription))")
    }
    let root: [String: Any]
    do {
      guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        throw AuditInputError(path: url.path, message: "is not a JSON object")
      }
      root = object
    } catch let error as AuditInputError {
      throw error
    } catch {
      throw AuditInputError(path: url.path, message: "is not valid JSON")
    }
    guard (root["schema"] as? String)?.hasPrefix("vetstat.study/") == true else {
      throw AuditInputError(path: url.path, message: "is not a study's results.json (schema)")
    }
    let provenance = root["provenance"] as? [String: Any]
    let disclosure = provenance?["disclosure"] as? [String: Any]
    guard let minCell = (disclosure?["min_cell"] as? NSNumber)?.intValue else {
      throw AuditInputError(
        path: url.path, message: "has no provenance.disclosure.min_cell to audit against")
    }
    self.minCell = minCell
    var builder = PopulationBuilder()
    // Variables with missing values per population, as the runner records them.
    for entry in disclosure?["populations"] as? [[String: Any]] ?? [] {
      guard let id = entry["population"] as? String else { continue }
      for v in entry["variables_with_missing"] as? [String] ?? [] {
        builder.unlisted[id, default: [:]][v] = ["(missing)"]
      }
    }
    if let population = provenance?["rows_used_population"] as? String {
      // The number of rows used is the total of all rows.
      let count = (provenance?["rows_used"] as? NSNumber)?.intValue
      builder.add(
        PublishedTable(
          name: "provenance/rows_used", variables: [],
          cells: [PublishedCell(levels: [], count: count, suppressed: count == nil)]),
        population: population, totalsIncludeMissing: [])
    }
    let analyses = root["analyses"] as? [[String: Any]] ?? []
    var revealed: [RevealedCount] = []
    for analysis in analyses {
      guard let name = analysis["name"] as? String,
        let result = analysis["result"] as? [String: Any]
      else { continue }
      switch analysis["kind"] as? String {
      case "describe": builder.readDescribe(name: name, result: result)
      case "indicator":
        builder.readIndicator(name: name, result: result, by: result["by"] as? [String] ?? [])
      case "trend":
        // A series computed from learner data (a ready-made series names no population).
        guard result["population"] is String, let time = result["time"] as? String else {
          continue
        }
        let compare = result["compare"] as? String
        builder.readIndicator(name: name, result: result, by: [time] + (compare.map { [$0] } ?? []))
      case "survival": revealed += builder.readSurvival(name: name, result: result)
      default: continue
      }
    }
    explicitPopulations = builder.explicit
    populations = builder.populations()
    self.revealed = revealed
  }
}

/// `results.json` that the audit cannot read (exit 2).
public struct AuditInputError: Error, Sendable, CustomStringConvertible {
  /// The file.
  public let path: String
  /// What is wrong.
  public let message: String

  /// `path: message`.
  public var description: String { "\(path): \(message)" }
}

/// Collects tables by population key.
struct PopulationBuilder {
  var order: [String] = []
  var tables: [String: [PublishedTable]] = [:]
  var unlisted: [String: [String: [String]]] = [:]
  var explicit = true

  mutating func add(_ table: PublishedTable, population: String, totalsIncludeMissing: [String]) {
    if tables[population] == nil { order.append(population) }
    tables[population, default: []].append(table)
    for v in totalsIncludeMissing { unlisted[population, default: [:]][v] = ["(missing)"] }
  }

  func populations() -> [PublishedStudy.Population] {
    order.map {
      PublishedStudy.Population(
        key: $0, tables: tables[$0] ?? [], unlistedLevels: unlisted[$0] ?? [:])
    }
  }

  mutating func population(_ result: [String: Any], _ entry: [String: Any]?, default key: String)
    -> String
  {
    if let p = entry?["population"] as? String ?? result["population"] as? String { return p }
    explicit = false
    return key
  }

  /// `describe`: one table per numeric variable (N by group) and per categorical variable
  /// (count by group and level).
  mutating func readDescribe(name: String, result: [String: Any]) {
    let by = result["by"] as? [String] ?? []
    var numeric: [String: [(cell: PublishedCell, population: String)]] = [:]
    var numericOrder: [String] = []
    for entry in result["variables"] as? [[String: Any]] ?? [] {
      guard let variable = entry["variable"] as? String else { continue }
      let key = population(result, entry, default: "rows with \(variable) present")
      // The N of a withheld mean of a 0/1 variable may be published (see BinarySplit).
      let count = (entry["n"] as? NSNumber)?.intValue
      let cell = PublishedCell(
        levels: groupLevels(entry["by"], by: by, allMeansTotal: true), count: count,
        suppressed: count == nil)
      if numeric[variable] == nil { numericOrder.append(variable) }
      numeric[variable, default: []].append((cell, key))
    }
    for variable in numericOrder {
      let cells = numeric[variable] ?? []
      add(cells, name: "\(name)/numeric:\(variable)", variables: by, by: by)
    }
    // The mean of a 0/1 variable with its N reveals the counts at 0 and 1.
    for split in result["binary"] as? [[String: Any]] ?? [] {
      guard split["protected"] as? Bool != false, let variable = split["variable"] as? String,
        let levels = split["levels"] as? [String], levels.count == 2
      else { continue }
      let entries = (result["variables"] as? [[String: Any]] ?? []).filter {
        $0["variable"] as? String == variable
      }
      addRevealedCounts(
        entries, name: "\(name)/numeric:\(variable)/binary", variable: variable,
        levels: levels, estimateKey: "mean", by: by, allMeansTotal: true,
        population: { $0.population(result, $1, default: "rows with \(variable) present") })
    }
    var levels: [String: [(cell: PublishedCell, population: String)]] = [:]
    var levelOrder: [String] = []
    for entry in result["levels"] as? [[String: Any]] ?? [] {
      guard let variable = entry["variable"] as? String else { continue }
      let key = population(result, entry, default: "rows with \(variable) present")
      let level = levelText(entry["level"])
      let cell = PublishedCell(
        levels: groupLevels(entry["by"], by: by, allMeansTotal: true) + [level],
        count: (entry["n"] as? NSNumber)?.intValue,
        suppressed: entry["suppressed"] as? Bool ?? false
      )
      if levels[variable] == nil { levelOrder.append(variable) }
      levels[variable, default: []].append((cell, key))
    }
    for variable in levelOrder {
      let cells = levels[variable] ?? []
      add(cells, name: "\(name)/levels:\(variable)", variables: by + [variable], by: by)
    }
  }

  /// `indicator` (and a computed `trend`, whose cells are grouped by time and the compared
  /// variable): N by group, and the counts its shares reveal.
  mutating func readIndicator(name: String, result: [String: Any], by: [String]) {
    let measure = (result["measure"] as? String ?? "count()").replacingOccurrences(
      of: " ", with: "")
    var key = "all rows"
    if let open = measure.firstIndex(of: "("), measure.hasSuffix(")"), !measure.hasPrefix("count") {
      let inner = measure[measure.index(after: open)..<measure.index(before: measure.endIndex)]
      key = "rows with \(inner) present"
    }
    var cells: [(cell: PublishedCell, population: String)] = []
    for entry in result["cells"] as? [[String: Any]] ?? [] {
      let p = population(result, entry, default: key)
      cells.append(
        (
          // A withheld share may keep its N (see BinarySplit): the N is what is printed.
          PublishedCell(
            levels: groupLevels(entry["by"], by: by, allMeansTotal: false),
            count: (entry["n"] as? NSNumber)?.intValue,
            suppressed: entry["n"] as? NSNumber == nil), p
        ))
    }
    add(cells, name: name, variables: by, by: by)
    // A share of a 0/1 variable with its N reveals the counts at 0 and 1; with survey weights
    // the estimate is a weighted share, which reveals no count exactly.
    if let split = result["binary"] as? [String: Any], result["weights"] as? String == nil,
      split["protected"] as? Bool != false,
      let variable = split["variable"] as? String,
      let levels = split["levels"] as? [String], levels.count == 2
    {
      addRevealedCounts(
        result["cells"] as? [[String: Any]] ?? [], name: "\(name)/binary", variable: variable,
        levels: levels, estimateKey: "estimate", by: by, allMeansTotal: false,
        population: { $0.population(result, $1, default: key) })
    }
  }

  /// The counts at 0 and 1 that published shares (or means of a 0/1 variable) reveal: round(p·N)
  /// and N minus it, with N as their total; the N as published, the two counts withheld where
  /// the estimate or the N is.
  mutating func addRevealedCounts(
    _ entries: [[String: Any]], name: String, variable: String, levels: [String],
    estimateKey: String, by: [String], allMeansTotal: Bool,
    population: (inout PopulationBuilder, [String: Any]) -> String
  ) {
    var cells: [(cell: PublishedCell, population: String)] = []
    for entry in entries {
      let group = groupLevels(entry["by"], by: by, allMeansTotal: allMeansTotal)
      let p = population(&self, entry)
      let n = (entry["n"] as? NSNumber)?.intValue
      let estimate = (entry[estimateKey] as? NSNumber)?.doubleValue
      var ones: Int?
      if let n, let estimate, estimate.isFinite {
        ones = Int((estimate * Double(n)).rounded())
      }
      let counts: [(String?, Int?)] = [
        (nil, n), (levels[0], ones.flatMap { o in n.map { $0 - o } }), (levels[1], ones),
      ]
      for (level, count) in counts {
        cells.append(
          (
            PublishedCell(levels: group + [level], count: count, suppressed: count == nil), p
          ))
      }
    }
    add(cells, name: name, variables: by + [variable], by: by)
  }

  /// Adds cells as one table per population (entries may name different populations).
  mutating func add(
    _ cells: [(cell: PublishedCell, population: String)], name: String, variables: [String],
    by: [String]
  ) {
    var order: [String] = []
    var split: [String: [PublishedCell]] = [:]
    for (cell, p) in cells {
      if split[p] == nil { order.append(p) }
      split[p, default: []].append(cell)
    }
    for p in order {
      let list = split[p] ?? []
      // A total over a `by` variable also counts the rows where it is missing.
      let totalled = by.indices.filter { i in list.contains { $0.levels[i] == nil } }.map { by[$0] }
      add(
        PublishedTable(name: name, variables: variables, cells: list), population: p,
        totalsIncludeMissing: totalled)
    }
  }
}

/// A group key object as levels in `by` order; `null` (or `"All"` in every column of a describe
/// table) is a total.
private func groupLevels(_ value: Any?, by: [String], allMeansTotal: Bool) -> [String?] {
  let object = value as? [String: Any] ?? [:]
  let levels = by.map { object[$0].flatMap(levelText) }
  if allMeansTotal, !by.isEmpty, levels.allSatisfy({ $0 == "All" }) {
    return by.map { _ in nil }
  }
  return levels
}

/// A JSON scalar as level text (integers without a decimal point).
func levelText(_ value: Any?) -> String? {
  switch value {
  case let s as String: return s
  case let n as NSNumber:
    let d = n.doubleValue
    if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
    return String(d)
  default: return nil
  }
}

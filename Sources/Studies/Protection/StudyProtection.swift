import Disclosure
import Dispatch
import Foundation

/// What the study-wide disclosure control did to one population's tables.
public struct PopulationProtection: Sendable {
  /// The population.
  public let population: Population
  /// The tables protected together (`analysis/part`).
  public let tables: [String]
  /// Distinct cells (a margin published by two tables counts once) withheld for fewer than
  /// `min_cell` learners.
  public let primary: Int
  /// Distinct cells withheld so that no primary cell can be recovered.
  public let secondary: Int
  /// How the secondary cells were chosen (`nil` when complementary suppression is off).
  public let method: SuppressionPlan.Method?
  /// Whether the linear-programming audit of the chosen pattern passed (always, when
  /// complementary suppression is on; unchecked otherwise).
  public let audited: Bool
  /// Classification variables with counted rows whose value is missing (counted in totals over
  /// the variable, in none of its levels).
  public let variablesWithMissing: [String]
}

/// The study-wide disclosure control of every count table: per population, the cells with fewer
/// than `min_cell` learners and the fewest secondary cells that keep them from being recovered
/// from anything the study publishes from the same rows.
public struct StudyProtection: Sendable {
  /// Per population, in order of first appearance.
  public let populations: [PopulationProtection]
  /// For each input table, per cell: withheld.
  public let suppressed: [[Bool]]

  /// Protects the tables.
  /// - Parameters:
  ///   - tables: every count table the study publishes.
  ///   - settings: `min_cell` and whether secondary suppression is on.
  /// - Throws: `StudyProtectionError` when a population's tables cannot be protected.
  public init(tables: [CountTable], settings: DisclosureSettings) throws {
    var order: [Population] = []
    var members: [Population: [Int]] = [:]
    for (t, table) in tables.enumerated() {
      if members[table.population] == nil { order.append(table.population) }
      members[table.population, default: []].append(t)
    }
    let groups = order.map { (population: $0, tables: members[$0] ?? []) }
    let box = ProtectionBox(count: groups.count)
    DispatchQueue.concurrentPerform(iterations: groups.count) { g in
      let group = groups[g]
      box.set(
        g,
        Result {
          try Self.protect(group.tables.map { tables[$0] }, population: group.population, settings)
        })
    }
    var suppressed = tables.map { $0.cells.map { _ in false } }
    var populations: [PopulationProtection] = []
    for (g, group) in groups.enumerated() {
      guard let result = box.results[g] else { continue }
      let (summary, masks) = try result.get()
      populations.append(summary)
      for (k, t) in group.tables.enumerated() { suppressed[t] = masks[k] }
    }
    self.populations = populations
    self.suppressed = suppressed
  }

  /// One population.
  static func protect(
    _ tables: [CountTable], population: Population, _ settings: DisclosureSettings
  )
    throws(StudyProtectionError) -> (PopulationProtection, [[Bool]])
  {
    let minCell = settings.minCell
    let marked = tables.map { table in
      PublishedTable(
        name: table.id, variables: table.variables,
        cells: table.cells.map {
          PublishedCell(
            levels: $0.levels, count: $0.count, suppressed: $0.isSensitive(minCell: minCell))
        })
    }
    var missing: [String: [String]] = [:]
    for table in tables {
      for v in table.variablesWithMissing { missing[v] = ["(missing)"] }
    }
    let withMissing = missing.keys.sorted()
    let primaryMasks = marked.map { $0.cells.map(\.suppressed) }
    let names = tables.map(\.id)
    do {
      let linked = try PublishedTables(tables: marked, levels: missing)
      let primary = linked.primaryCellCount
      guard settings.complementary else {
        return (
          PopulationProtection(
            population: population, tables: names, primary: primary, secondary: 0, method: nil,
            audited: false, variablesWithMissing: withMissing), primaryMasks
        )
      }
      let plan = try SecondarySuppression.protect(
        linked, options: SuppressionOptions(protectionLevel: Double(minCell)))
      return (
        PopulationProtection(
          population: population, tables: names, primary: plan.primaryCount,
          secondary: plan.secondaryCount, method: plan.method, audited: plan.audit.passed,
          variablesWithMissing: withMissing),
        plan.suppressed
      )
    } catch {
      throw StudyProtectionError(population: population, tables: names, underlying: error)
    }
  }
}

/// Count tables that could not be protected (exit 1): nothing is published.
public struct StudyProtectionError: Error, Sendable, CustomStringConvertible {
  /// The population.
  public let population: Population
  /// Its tables.
  public let tables: [String]
  /// Why.
  public let underlying: DisclosureError

  /// The message.
  public var description: String {
    "disclosure control of the tables \(tables.joined(separator: ", ")) (\(population.description))"
      + " failed: \(underlying)"
  }
}

/// Results written from parallel workers.
private final class ProtectionBox: @unchecked Sendable {
  private let lock = NSLock()
  private(set) var results: [Result<(PopulationProtection, [[Bool]]), any Error>?]

  init(count: Int) { results = Array(repeating: nil, count: count) }

  func set(_ i: Int, _ result: Result<(PopulationProtection, [[Bool]]), any Error>) {
    lock.lock()
    defer { lock.unlock() }
    results[i] = result
  }
}

extension PopulationProtection {
  /// The summary in results.json's provenance.
  var json: JSONValue {
    let methodName: String? =
      switch method {
      case .none?: "none needed"
      case .exact?: "exact"
      case .heuristic?: "heuristic"
      case .hypercube?: "hypercube"
      case nil: nil
      }
    return .object([
      ("population", .string(population.id)), ("rows", .string(population.description)),
      ("tables", .array(tables.map { .string($0) })),
      ("primary_suppressions", .integer(primary)), ("secondary_suppressions", .integer(secondary)),
      ("secondary_method", methodName.map { .string($0) } ?? .null),
      ("variables_with_missing", .array(variablesWithMissing.map { .string($0) })),
    ])
  }
}

import Disclosure
import Foundation

/// `vetstat audit`: every withheld count of a study's published tables, with the interval of
/// values it can take given everything the study published from the same population.
///
/// Without population ids from the runner, tables whose populations cannot be told apart from
/// what is published are linked as an intruder would: first all count tables as one population
/// (as if no variable had missing values); only when their counts contradict that, each
/// population by its key (the rows where the measured variable is present).
public struct StudyAudit: Sendable {
  /// One withheld cell and its verdict.
  public struct Cell: Sendable {
    /// The tables and levels, such as `profile/levels:track [year=2017, gender=female,
    /// track=arts]`.
    public let label: String
    /// Smallest value given everything published.
    public let lower: Double
    /// Largest value (`infinity` when unbounded).
    public let upper: Double
    /// At least `min_cell` wide.
    public let isProtected: Bool
    /// A single value.
    public let isExactlyRecoverable: Bool
  }

  /// The protection level (`min_cell`).
  public let minCell: Int
  /// Number of count tables read.
  public let tableCount: Int
  /// How the tables were linked.
  public let linking: String
  /// Every withheld cell.
  public let cells: [Cell]
  /// Published counts between 1 and `min_cell - 1`, including those a published share reveals
  /// and those the difference of two published counts reveals (a survival analysis's censored
  /// spells, or spells leaving the risk set between two times); counts are rows, at least as
  /// many as learners, so each is below `min_cell` learners.
  public let exposed: [Cell]

  /// Whether every withheld cell is protected and no published count is below `min_cell`.
  public var passed: Bool { cells.allSatisfy(\.isProtected) && exposed.isEmpty }

  /// Audits a report folder (reads `OUT_DIR/results.json`).
  /// - Parameters:
  ///   - folder: the report folder.
  ///   - exactIntervals: `true` (the default, `vetstat audit`) reports every withheld cell's
  ///     exact interval; `false` (the runner's check before publishing) gives the same verdicts
  ///     with fewer linear programs, reporting an inner interval for a cell already protected
  ///     at points found for others.
  /// - Returns: every withheld cell's interval and every published count below `min_cell`.
  /// - Throws: ``AuditInputError`` when results.json cannot be read or its counts contradict
  ///   each other.
  public static func run(folder: URL, exactIntervals: Bool = true) throws(AuditInputError)
    -> StudyAudit
  {
    let file = folder.appendingPathComponent("results.json")
    let study = try PublishedStudy(resultsFile: file)
    let tableCount = study.populations.reduce(0) { $0 + $1.tables.count }
    var linking = "population ids written by the runner"
    var groups = study.populations
    if !study.explicitPopulations && groups.count > 1 {
      var merged: [String: [String]] = [:]
      for p in groups { merged.merge(p.unlistedLevels) { a, _ in a } }
      let all = PublishedStudy.Population(
        key: "all count tables", tables: groups.flatMap(\.tables), unlistedLevels: merged)
      if (try? audit(all, minCell: study.minCell, path: file.path, exact: exactIntervals)) != nil {
        groups = [all]
        linking = "all count tables linked as one population (their counts are consistent with it)"
      } else {
        linking = "tables linked by the variable they count (counts differ between them)"
      }
    } else if !study.explicitPopulations {
      linking = "one population"
    }
    var cells: [Cell] = []
    for population in groups {
      cells += try audit(population, minCell: study.minCell, path: file.path, exact: exactIntervals)
    }
    return StudyAudit(
      minCell: study.minCell, tableCount: tableCount, linking: linking, cells: cells,
      exposed: exposedCells(study))
  }

  /// Published (or revealed) counts from 1 to `min_cell - 1`.
  private static func exposedCells(_ study: PublishedStudy) -> [Cell] {
    var found: [Cell] = []
    for population in study.populations {
      for table in population.tables {
        for cell in table.cells where !cell.suppressed {
          guard let count = cell.count, count > 0, count < study.minCell else { continue }
          let levels = zip(table.variables, cell.levels).map { "\($0)=\($1 ?? "total")" }
          found.append(
            Cell(
              label: "\(table.name) [\(levels.joined(separator: ", "))]", lower: Double(count),
              upper: Double(count), isProtected: false, isExactlyRecoverable: true))
        }
      }
    }
    for revealed in study.revealed where revealed.count > 0 && revealed.count < study.minCell {
      found.append(
        Cell(
          label: revealed.label, lower: Double(revealed.count), upper: Double(revealed.count),
          isProtected: false, isExactlyRecoverable: true))
    }
    return found
  }

  private static func audit(
    _ population: PublishedStudy.Population, minCell: Int, path: String, exact: Bool
  ) throws(AuditInputError) -> [Cell] {
    do {
      let tables = try PublishedTables(
        tables: population.tables, levels: population.unlistedLevels)
      let report = try SuppressionAudit.audit(
        tables, protectionLevel: Double(minCell), exactIntervals: exact)
      return report.cells.map { cell in
        let names = cell.occurrences.map { tables.tables[$0.table].name }
        var unique: [String] = []
        for n in names where !unique.contains(n) { unique.append(n) }
        return Cell(
          label: unique.joined(separator: ", ") + " [\(cell.label)]", lower: cell.lower,
          upper: cell.upper, isProtected: cell.isProtected,
          isExactlyRecoverable: cell.isExactlyRecoverable)
      }
    } catch {
      throw AuditInputError(path: path, message: "\(population.key): \(error)")
    }
  }

  /// The report printed by `vetstat audit`: one line per withheld cell, then a summary.
  public func text() -> String {
    func number(_ x: Double) -> String {
      guard x.isFinite else { return "inf" }
      let r = x.rounded()
      return abs(x - r) < 1e-6 * max(1, abs(x)) ? String(Int(r)) : String(format: "%.2f", x)
    }
    var lines: [String] = []
    for cell in exposed {
      lines.append("PUBLISHED BELOW MIN_CELL: \(cell.label) = \(number(cell.lower))")
    }
    for cell in cells {
      let verdict =
        cell.isExactlyRecoverable ? "RECOVERABLE" : cell.isProtected ? "protected" : "TOO NARROW"
      lines.append(
        "\(verdict): \(cell.label) in [\(number(cell.lower)), \(number(cell.upper))]")
    }
    let failing = cells.filter { !$0.isProtected }.count
    lines.append(
      "\(cells.count) withheld cells in \(tableCount) count tables (\(linking)); min_cell "
        + "\(minCell): "
        + (failing == 0
          ? "every interval is at least \(minCell) wide"
          : "\(failing) interval\(failing == 1 ? " is" : "s are") narrower than \(minCell)")
        + (exposed.isEmpty
          ? "."
          : "; \(exposed.count) published count\(exposed.count == 1 ? " is" : "s are") "
            + "below it."))
    return lines.joined(separator: "\n")
  }
}

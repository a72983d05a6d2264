/// What the published cells of a population reveal about one withheld cell.
public struct AuditedCell: Sendable {
  /// Where the cell is published withheld (a margin shared by tables has several places).
  public let occurrences: [CellReference]
  /// The cell's levels, such as `year=2017, gender=female` (`total` for the grand total).
  public let label: String
  /// The smallest value the cell can take given everything published.
  public let lower: Double
  /// The largest value (`infinity` when nothing published bounds it).
  public let upper: Double
  /// Whether the interval is at least the protection level wide.
  public let isProtected: Bool
  /// Whether the interval is a single value: the cell is recovered exactly.
  public let isExactlyRecoverable: Bool
  /// Whether `lower` and `upper` are the cell's exact bounds.
  ///
  /// An audit run for its verdict only (`exactIntervals: false`) gives a cell that already takes
  /// values at least the protection level apart at feasible points found for other cells those
  /// values instead (the cell can take at least that range; it is protected either way).
  public let isExact: Bool

  /// `upper - lower`.
  public var width: Double { upper - lower }
}

/// The audit of a population's published tables.
public struct AuditReport: Sendable {
  /// The width every withheld cell's interval must reach.
  public let protectionLevel: Double
  /// Every withheld cell, in table order.
  public let cells: [AuditedCell]

  /// True when every withheld cell is protected.
  public var passed: Bool { cells.allSatisfy(\.isProtected) }
  /// The withheld cells whose interval is narrower than the protection level.
  public var failures: [AuditedCell] { cells.filter { !$0.isProtected } }
  /// The withheld cells that can be recomputed exactly.
  public var exactlyRecoverable: [AuditedCell] { cells.filter(\.isExactlyRecoverable) }
}

/// The audit of published tables.
///
/// For every withheld cell it finds the interval of values the cell can take given everything
/// published from the same population (linear programming over the finest
/// cells, each `>= 0`, with every published cell fixed), and whether that interval is at least
/// the protection level wide. It needs only what is published, never the data.
public enum SuppressionAudit {
  /// Audits every withheld cell of the tables.
  /// - Parameters:
  ///   - tables: the published tables of one population (withheld cells may lack counts).
  ///   - protectionLevel: the width an interval must reach (a study uses `min_cell`).
  ///   - exactIntervals: `true` (the default) solves both programs of every withheld cell;
  ///     `false` skips those of a cell already protected at the optimal points found for
  ///     others (same verdicts, far fewer programs; see ``AuditedCell/isExact``).
  /// - Returns: the interval and verdict of every withheld cell.
  /// - Throws: ``DisclosureError`` when the published counts contradict each other or the
  ///   solver fails.
  public static func audit(
    _ tables: PublishedTables, protectionLevel: Double, exactIntervals: Bool = true
  ) throws(DisclosureError) -> AuditReport {
    try audit(
      tables, protectionLevel: protectionLevel, presolve: true, exactIntervals: exactIntervals)
  }

  /// The audit, with the interval programs presolved or not (tests and timings compare them).
  static func audit(
    _ tables: PublishedTables, protectionLevel: Double, presolve: Bool,
    exactIntervals: Bool = true
  ) throws(DisclosureError) -> AuditReport {
    let withheld = tables.cells.map { !$0.published }
    let targets = tables.cells.indices.filter { withheld[$0] }
    let intervals = try IntervalSolver(tables: tables, presolve: presolve).intervals(
      withheld: withheld, targets: targets,
      certifyAbove: exactIntervals ? nil : protectionLevel)
    let tolerance = tables.tolerance
    let byCell = Dictionary(intervals.map { ($0.cell, $0) }, uniquingKeysWith: { a, _ in a })
    let audited: [AuditedCell] = targets.compactMap { c in
      guard let interval = byCell[c] else { return nil }
      let width = interval.upper - interval.lower
      return AuditedCell(
        occurrences: tables.cells[c].occurrences.sorted(), label: tables.describe(cell: c),
        lower: interval.lower, upper: interval.upper,
        isProtected: width >= protectionLevel - tolerance, isExactlyRecoverable: width <= tolerance,
        isExact: interval.exact)
    }
    return AuditReport(
      protectionLevel: protectionLevel,
      cells: audited.sorted {
        ($0.occurrences.first ?? CellReference(table: .max, cell: .max))
          < ($1.occurrences.first ?? CellReference(table: .max, cell: .max))
      })
  }
}

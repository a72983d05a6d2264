/// One cell of a published table: the levels that define it, its count and whether it is
/// withheld.
public struct PublishedCell: Sendable, Hashable {
  /// One level per variable of the table, in the table's order; `nil` is the total over that
  /// variable (a margin; all `nil` is the grand total).
  public var levels: [String?]
  /// Rows in the cell (learner-years, as published), or `nil` when withheld and unknown.
  ///
  /// An audit of published output lacks the withheld counts; secondary suppression needs every
  /// count.
  public var count: Int?
  /// Whether the count (and every statistic of the cell) is withheld.
  public var suppressed: Bool

  /// A cell.
  public init(levels: [String?], count: Int?, suppressed: Bool = false) {
    self.levels = levels
    self.count = count
    self.suppressed = suppressed
  }
}

/// A table of counts over some of a population's classification variables.
public struct PublishedTable: Sendable {
  /// A name for messages (analysis and table id).
  public var name: String
  /// The grouping variables (a subset of the population's classification variables).
  public var variables: [String]
  /// The cells, interior and margins alike.
  public var cells: [PublishedCell]
  /// Whether a combination of levels that the table does not list is read as a published 0.
  ///
  /// An intruder who sees every other combination infers that it is empty, so `true` is the
  /// safe reading of a table that omits empty groups.
  public var omittedCellsAreEmpty: Bool

  /// A table.
  public init(
    name: String, variables: [String], cells: [PublishedCell], omittedCellsAreEmpty: Bool = true
  ) {
    self.name = name
    self.variables = variables
    self.cells = cells
    self.omittedCellsAreEmpty = omittedCellsAreEmpty
  }
}

/// A classification variable of a population and its levels.
public struct ClassificationVariable: Sendable, Hashable {
  /// The column name.
  public let name: String
  /// Every level that occurs in the population.
  public let levels: [String]
}

/// Where a cell is published: table index and cell index within the table.
public struct CellReference: Sendable, Hashable, Comparable {
  /// Index of the table in ``PublishedTables/tables``.
  public let table: Int
  /// Index of the cell in that table's ``PublishedTable/cells``.
  public let cell: Int

  /// Table order, then cell order.
  public static func < (a: CellReference, b: CellReference) -> Bool {
    (a.table, a.cell) < (b.table, b.cell)
  }
}

/// Everything a study publishes from one population (the same rows: same data, same filter).
///
/// The tables are linked through the finest cross-classification of the union of their
/// variables. Every cell is the sum of the finest cells it covers, so a margin published by two tables is
/// one cell, and cells of different tables constrain each other.
public struct PublishedTables: Sendable {
  /// The tables, as given.
  public let tables: [PublishedTable]
  /// The classification variables (union over the tables) and their levels.
  public let variables: [ClassificationVariable]
  /// Distinct cells: a key (level index per variable, -1 for a total), where published, count.
  let cells: [LinkedCell]
  /// For each cell, the atoms (groups of finest cells no published table tells apart) it covers.
  let cellAtoms: [[Int]]
  /// Number of atoms.
  let atomCount: Int
  /// Equalities between atoms of two cliques (`sum(plus) = sum(minus)`), when the atoms are
  /// built per clique of decomposable tables; empty over the whole cross-classification.
  let links: [(plus: [Int], minus: [Int])]
  /// Number of finest cells (product of the level counts).
  public let finestCellCount: Int
  /// Absolute tolerance for interval widths and counts, scaled to the largest count.
  let tolerance: Double

  /// The largest cross-classification accepted (over the cliques, when the tables' variable
  /// sets are decomposable; else over every variable).
  public static let maximumFinestCells = 2_000_000

  /// Links the tables of one population.
  /// - Parameters:
  ///   - tables: the tables.
  ///   - levels: further levels of some variables that no table lists (e.g. rows with a missing
  ///     value, counted in a total but in no group). Cells with these levels are part of the
  ///     cross-classification but never inferred to be empty.
  /// - Throws: ``DisclosureError`` when a cell has the wrong number of levels, a table repeats
  ///   a variable, one cell is published with two different counts, a count is negative, or the
  ///   cross-classification is too large.
  public init(tables: [PublishedTable], levels: [String: [String]] = [:]) throws(DisclosureError) {
    try self.init(tables: tables, levels: levels, decompose: true)
  }

  /// Links the tables; `decompose: false` always uses the whole cross-classification (tests
  /// compare the two).
  init(tables: [PublishedTable], levels: [String: [String]], decompose: Bool)
    throws(DisclosureError)
  {
    self.tables = tables
    var names: [String] = []
    var levelLists: [[String]] = []
    var levelIndex: [[String: Int]] = []
    var variableIndex: [String: Int] = [:]
    func addLevel(_ v: Int, _ level: String) {
      if levelIndex[v][level] == nil {
        levelIndex[v][level] = levelLists[v].count
        levelLists[v].append(level)
      }
    }
    for (t, table) in tables.enumerated() {
      if Set(table.variables).count != table.variables.count {
        throw .duplicateVariable(table: table.name)
      }
      for name in table.variables where variableIndex[name] == nil {
        variableIndex[name] = names.count
        names.append(name)
        levelLists.append([])
        levelIndex.append([:])
      }
      for (c, cell) in table.cells.enumerated() {
        guard cell.levels.count == table.variables.count else {
          throw .levelCountMismatch(table: table.name, cell: c)
        }
        if let n = cell.count, n < 0 { throw .negativeCount(table: table.name, cell: c) }
        if !cell.suppressed && cell.count == nil {
          throw .missingCount(table: table.name, cell: c)
        }
        for (name, level) in zip(table.variables, cell.levels) {
          if let level, let v = variableIndex[name] { addLevel(v, level) }
        }
      }
      _ = t
    }
    let listedLevelCounts = levelLists.map(\.count)
    for (name, extra) in levels.sorted(by: { $0.key < $1.key }) {
      guard let v = variableIndex[name] else { continue }
      for level in extra { addLevel(v, level) }
    }
    variables = zip(names, levelLists).map { ClassificationVariable(name: $0, levels: $1) }
    var finest = 1
    for list in levelLists {
      let (product, overflow) = finest.multipliedReportingOverflow(by: max(list.count, 1))
      finest = overflow ? Int.max : product
    }
    finestCellCount = finest

    // Distinct cells by key; a cell listed twice must carry one count.
    var cells: [LinkedCell] = []
    var cellOfKey: [[Int]: Int] = [:]
    func record(_ key: [Int], count: Int?, published: Bool, at ref: CellReference?)
      throws(DisclosureError)
    {
      if let i = cellOfKey[key] {
        if let a = cells[i].count, let b = count, a != b {
          throw .inconsistentCounts(cell: cellLabel(key, names, levelLists), a, b)
        }
        if cells[i].count == nil { cells[i].count = count }
        cells[i].published = cells[i].published || published
        cells[i].flagged = cells[i].flagged || !published
        if let ref { cells[i].occurrences.append(ref) }
      } else {
        cellOfKey[key] = cells.count
        cells.append(
          LinkedCell(
            key: key, count: count, published: published, flagged: !published,
            occurrences: ref.map { [$0] } ?? []))
      }
    }
    for (t, table) in tables.enumerated() {
      let positions = table.variables.compactMap { variableIndex[$0] }
      var seenInterior = Set<[Int]>()
      for (c, cell) in table.cells.enumerated() {
        var key = [Int](repeating: -1, count: names.count)
        for (p, level) in zip(positions, cell.levels) {
          if let level, let l = levelIndex[p][level] { key[p] = l }
        }
        if cell.levels.allSatisfy({ $0 != nil }) { seenInterior.insert(key) }
        try record(
          key, count: cell.count, published: !cell.suppressed,
          at: CellReference(table: t, cell: c))
      }
      guard table.omittedCellsAreEmpty, !positions.isEmpty else { continue }
      // Every combination the table does not list is read as a published zero.
      var combination = [Int](repeating: 0, count: positions.count)
      let sizes = positions.map { listedLevelCounts[$0] }
      if sizes.contains(0) { continue }
      repeat {
        var key = [Int](repeating: -1, count: names.count)
        for (p, l) in zip(positions, combination) { key[p] = l }
        if !seenInterior.contains(key) { try record(key, count: 0, published: true, at: nil) }
      } while nextCombination(&combination, sizes: sizes)
    }
    self.cells = cells
    tolerance = 1e-7 * cells.reduce(1.0) { max($0, Double($1.count ?? 0)) }
    let sizes = levelLists.map { max($0.count, 1) }
    if decompose,
      let cliques = CliqueAtoms.make(
        keys: cells.map(\.key), sizes: sizes, limit: Self.maximumFinestCells)
    {
      (cellAtoms, atomCount, links) = (cliques.cellAtoms, cliques.atomCount, cliques.links)
    } else {
      if finest > Self.maximumFinestCells { throw .tooLarge(finest) }
      (cellAtoms, atomCount) = Self.atoms(cells: cells, sizes: sizes)
      links = []
    }
  }

  /// Groups finest cells that every cell covers either wholly or not at all (same projection on
  /// every set of variables some cell fixes); constraints and objectives see only their sums.
  static func atoms(cells: [LinkedCell], sizes: [Int]) -> ([[Int]], Int) {
    var patterns: [[Int]] = []
    var seen = Set<[Int]>()
    for cell in cells {
      let fixed = cell.key.indices.filter { cell.key[$0] >= 0 }
      if seen.insert(fixed).inserted { patterns.append(fixed) }
    }
    let total = sizes.reduce(1, *)
    var atomOf: [[Int]: Int] = [:]
    var representatives: [[Int]] = []
    var digits = [Int](repeating: 0, count: sizes.count)
    for _ in 0..<total {
      var signature: [Int] = []
      for pattern in patterns {
        for v in pattern { signature.append(digits[v]) }
        signature.append(-1)
      }
      if atomOf[signature] == nil {
        atomOf[signature] = representatives.count
        representatives.append(digits)
      }
      nextCombination(&digits, sizes: sizes)
    }
    let members: [[Int]] = cells.map { cell in
      representatives.indices.filter { a in
        let r = representatives[a]
        for v in cell.key.indices where cell.key[v] >= 0 && r[v] != cell.key[v] { return false }
        return true
      }
    }
    return (members, representatives.count)
  }

  /// The level text of a cell key, such as `year=2017, gender=female` (`total` for the total).
  func describe(cell: Int) -> String {
    cellLabel(cells[cell].key, variables.map(\.name), variables.map(\.levels))
  }

  /// The number of distinct cells (a margin shared by tables counts once).
  public var distinctCellCount: Int { cells.count }

  /// The number of distinct cells withheld by some table (a margin shared by tables counts once).
  public var primaryCellCount: Int { cells.reduce(0) { $0 + ($1.flagged ? 1 : 0) } }
}

/// A distinct cell of a population's tables.
struct LinkedCell: Sendable {
  /// Level index per classification variable; -1 for a total over it.
  let key: [Int]
  var count: Int?
  /// Published by at least one table (or inferred as an omitted empty combination).
  var published: Bool
  /// Withheld by at least one table (for secondary suppression: a primary cell).
  var flagged: Bool
  var occurrences: [CellReference]
}

private func cellLabel(_ key: [Int], _ names: [String], _ levels: [[String]]) -> String {
  let parts = key.indices.compactMap { v in key[v] >= 0 ? "\(names[v])=\(levels[v][key[v]])" : nil }
  return parts.isEmpty ? "total" : parts.joined(separator: ", ")
}

/// Input that cannot describe published tables.
public enum DisclosureError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A table lists a variable twice.
  case duplicateVariable(table: String)
  /// A cell's level list does not match the table's variables.
  case levelCountMismatch(table: String, cell: Int)
  /// A published cell has no count.
  case missingCount(table: String, cell: Int)
  /// A count is negative.
  case negativeCount(table: String, cell: Int)
  /// The same cell is published with two counts.
  case inconsistentCounts(cell: String, Int, Int)
  /// The published counts contradict each other (no nonnegative table adds up to them).
  case infeasible(String)
  /// The finest cross-classification has more cells than ``PublishedTables/maximumFinestCells``.
  case tooLarge(Int)
  /// The linear programs did not finish (numerical trouble).
  case solverFailed(String)

  /// A one-line explanation.
  public var description: String {
    switch self {
    case .duplicateVariable(let t): return "table '\(t)' lists a variable twice"
    case .levelCountMismatch(let t, let c):
      return "table '\(t)', cell \(c + 1): the number of levels differs from the table's variables"
    case .missingCount(let t, let c):
      return "table '\(t)', cell \(c + 1): published without a count"
    case .negativeCount(let t, let c): return "table '\(t)', cell \(c + 1): negative count"
    case .inconsistentCounts(let cell, let a, let b):
      return "cell \(cell) is published with two counts, \(a) and \(b)"
    case .infeasible(let what): return "the published counts contradict each other (\(what))"
    case .tooLarge(let n):
      return "the cross-classification of the tables has \(n) cells or more (limit "
        + "\(PublishedTables.maximumFinestCells))"
    case .solverFailed(let what): return "linear programming failed: \(what)"
    }
  }
}

/// How secondary suppression chooses and what it minimises.
public struct SuppressionOptions: Sendable {
  /// What the choice minimises.
  public enum Cost: Sendable {
    /// The number of withheld cells.
    case cells
    /// Their total count (ties broken by their number).
    case totalCount
  }

  /// The width every withheld cell's feasible interval must reach (a study uses `min_cell`).
  public var protectionLevel: Double
  /// What is minimised.
  public var cost: Cost
  /// The exact search runs when at most this many cells are candidates for withholding.
  public var exactCandidateLimit: Int
  /// The exact search gives up (keeping the best protected pattern found) after this many nodes.
  public var exactNodeLimit: Int
  /// The heuristic tries to publish its secondary cells again only when it chose at most this
  /// many (each try re-solves interval LPs; beyond it the greedy pattern is kept as is).
  public var pruneLimit: Int
  /// Above this many distinct cells the greedy starts from the hypercube method's pattern
  /// (see `SuppressionPlan.Method.hypercube`) instead of from the sensitive cells alone.
  public var hypercubeCellLimit: Int
  /// Whether the interval programs are presolved (`IntervalSolver`); `false` only for tests
  /// and timings that compare the two.
  var presolve = true

  /// Options; the limits keep the exact search to well under a second per population.
  public init(
    protectionLevel: Double, cost: Cost = .cells, exactCandidateLimit: Int = 60,
    exactNodeLimit: Int = 2_000, pruneLimit: Int = 40, hypercubeCellLimit: Int = 300
  ) {
    self.pruneLimit = pruneLimit
    self.hypercubeCellLimit = hypercubeCellLimit
    self.protectionLevel = protectionLevel
    self.cost = cost
    self.exactCandidateLimit = exactCandidateLimit
    self.exactNodeLimit = exactNodeLimit
  }
}

/// The cells to withhold in a population's tables and the audit that shows they are protected.
public struct SuppressionPlan: Sendable {
  /// How the secondary cells were chosen.
  public enum Method: Sendable, Equatable {
    /// No secondary cell was needed.
    case none
    /// Branch and bound, finished: the number (or count) of withheld cells is minimal.
    case exact
    /// The LP-guided greedy with pruning (too many candidates, or the exact search hit its node
    /// limit; the result is still audited and protected).
    case heuristic
    /// A large problem: the hypercube method's pattern (per sensitive cell, the cheapest
    /// protecting hypercube in its table), repaired by the LP-guided greedy where tables of
    /// other variables undo it, then audited. Faster than the greedy alone, with more
    /// secondary cells.
    case hypercube
  }

  /// The tables with every withheld cell flagged (in every table that publishes it).
  public let tables: PublishedTables
  /// Per table, per cell: withheld.
  public let suppressed: [[Bool]]
  /// Distinct cells withheld because they are sensitive.
  public let primaryCount: Int
  /// Distinct cells withheld so that the sensitive ones cannot be recovered.
  public let secondaryCount: Int
  /// How the secondary cells were chosen.
  public let method: Method
  /// The audit of the result (always passed), run for its verdict: a cell already protected at
  /// the optimal points found for others reports that inner interval (``AuditedCell/isExact``).
  public let audit: AuditReport
}

/// Secondary (complementary) suppression over all tables of one population at once: the fewest
/// additional cells (or the smallest total count) such that no withheld cell's feasible interval,
/// given everything published, is narrower than the protection level.
///
/// Exact branch and bound for small problems; an LP-guided greedy beyond. Both branch on the
/// published cells with a nonzero dual value in an unprotected cell's interval LPs: withholding
/// any other cell leaves that interval unchanged, so every protecting pattern contains one of
/// them (a complete branching rule, as in Fischetti and Salazar's cell suppression model).
public enum SecondarySuppression {
  /// Protects the cells below a minimum: the one call a runner needs for a population's tables.
  ///
  /// Cells with `count < minCell` (and cells already flagged) are the sensitive ones.
  /// - Parameters:
  ///   - tables: the tables of one population with every count.
  ///   - minCell: sensitive below this count; also the protection level.
  ///   - zerosAreSensitive: whether an empty cell (count 0) is sensitive (default: yes, as
  ///     `count < minCell`); when not, it is published as 0 in every table.
  ///   - options: what the choice minimises and the search's limits; `nil` (the default) is
  ///     `SuppressionOptions(protectionLevel: minCell)`. Its protection level is used as given.
  /// - Returns: the plan; `plan.suppressed[t][c]` flags cell `c` of table `t`.
  /// - Throws: ``DisclosureError`` when the counts contradict each other or the solver fails.
  public static func protect(
    tables: [PublishedTable], minCell: Int, zerosAreSensitive: Bool = true,
    options: SuppressionOptions? = nil
  ) throws(DisclosureError) -> SuppressionPlan {
    let marked = tables.map { table in
      var table = table
      for i in table.cells.indices {
        let n = table.cells[i].count ?? 0
        if n < minCell && (n > 0 || zerosAreSensitive) { table.cells[i].suppressed = true }
      }
      return table
    }
    return try protect(
      PublishedTables(tables: marked),
      options: options ?? SuppressionOptions(protectionLevel: Double(minCell)))
  }

  /// Chooses secondary cells for the flagged (primary) cells of the tables.
  /// - Throws: ``DisclosureError/missingCount(table:cell:)`` when a cell lacks its count, or a
  ///   solver failure.
  public static func protect(_ tables: PublishedTables, options: SuppressionOptions)
    throws(DisclosureError) -> SuppressionPlan
  {
    for (t, table) in tables.tables.enumerated() {
      if let c = table.cells.firstIndex(where: { $0.count == nil }) {
        throw .missingCount(table: table.name, cell: c)
      }
      _ = t
    }
    var search = Search(tables: tables, options: options)
    let primary = tables.cells.map(\.flagged)
    let large = tables.cells.count > options.hypercubeCellLimit
    let start =
      large
      ? HypercubeSeed(tables: tables).pattern(
        primary: primary, protectionLevel: options.protectionLevel)
      : primary
    var chosen = try search.greedy(from: primary, start: start)
    var method: SuppressionPlan.Method =
      chosen == primary ? .none : large ? .hypercube : .heuristic
    let candidates = tables.cells.indices.filter { search.isCandidate[$0] }
    if method != .none, candidates.count <= options.exactCandidateLimit {
      if let exact = try search.branchAndBound(from: primary, incumbent: chosen) {
        chosen = exact
        method = .exact
      }
    }
    var suppressed: [[Bool]] = tables.tables.map { [Bool](repeating: false, count: $0.cells.count) }
    for (c, cell) in tables.cells.enumerated() where chosen[c] {
      for ref in cell.occurrences { suppressed[ref.table][ref.cell] = true }
    }
    let flagged = zip(tables.tables, suppressed).map { table, flags in
      var table = table
      for i in table.cells.indices { table.cells[i].suppressed = flags[i] }
      return table
    }
    let result = try PublishedTables(
      tables: flagged,
      levels: Dictionary(uniqueKeysWithValues: tables.variables.map { ($0.name, $0.levels) }))
    let audit = try SuppressionAudit.audit(
      result, protectionLevel: options.protectionLevel, presolve: options.presolve,
      exactIntervals: false)
    guard audit.passed else {
      throw .solverFailed("the chosen pattern does not pass the audit")
    }
    let primaryCount = primary.filter { $0 }.count
    return SuppressionPlan(
      tables: result, suppressed: suppressed, primaryCount: primaryCount,
      secondaryCount: chosen.filter { $0 }.count - primaryCount, method: method, audit: audit)
  }
}

/// The search state shared by the greedy and the branch and bound.
struct Search {
  let tables: PublishedTables
  let options: SuppressionOptions
  let solver: IntervalSolver
  /// Cells that may be withheld: published by some table, not primary.
  let isCandidate: [Bool]
  let weight: [Int]
  private(set) var nodes = 0

  init(tables: PublishedTables, options: SuppressionOptions) {
    self.tables = tables
    self.options = options
    solver = IntervalSolver(tables: tables, presolve: options.presolve)
    isCandidate = tables.cells.map { !$0.flagged && !$0.occurrences.isEmpty }
    let k = tables.cells.count + 1
    weight = tables.cells.map { cell in
      switch options.cost {
      case .cells: return 1
      case .totalCount: return (cell.count ?? 0) * k + 1
      }
    }
  }

  /// The withheld cells whose interval is too narrow, with the cells that could widen it.
  func failing(_ withheld: [Bool]) throws(DisclosureError) -> [CellInterval] {
    let targets = withheld.indices.filter { withheld[$0] }
    let tolerance = tables.tolerance
    return try solver.intervals(
      withheld: withheld, targets: targets, certifyAbove: options.protectionLevel
    ).filter {
      $0.upper - $0.lower < options.protectionLevel - tolerance
    }
  }

  func cost(_ withheld: [Bool]) -> Int {
    withheld.indices.reduce(0) { $0 + (withheld[$1] && isCandidate[$1] ? weight[$1] : 0) }
  }

  /// The LP-guided greedy heuristic, in rounds, from the primary cells or from `start` (a
  /// pattern that already withholds them, such as the hypercube seed).
  ///
  /// Each unprotected cell, fewest options first, gets one cell of
  /// its support withheld (the cheapest; ties: the finest, in most supports, smallest count) unless
  /// the round already withheld one of them. A protected cell stays protected as more cells are
  /// withheld (fewer constraints only widen intervals), so each round re-solves only the cells
  /// not yet protected. Then every secondary cell whose publication keeps the audit passing is
  /// published again, costliest first.
  func greedy(from primary: [Bool], start: [Bool]? = nil) throws(DisclosureError) -> [Bool] {
    var withheld = start ?? primary
    var known: [Int: CellInterval] = [:]
    let tolerance = tables.tolerance
    func narrow(_ i: CellInterval) -> Bool {
      i.upper - i.lower < options.protectionLevel - tolerance
    }
    // Secondary cells that cannot be protected (every cell that pins them is already withheld
    // or cannot be): published again and never chosen again.
    var banned = Set<Int>()
    while true {
      let targets = withheld.indices.filter { withheld[$0] && (known[$0].map(narrow) ?? true) }
      let solved = try solver.intervals(
        withheld: withheld, targets: targets, certifyAbove: options.protectionLevel)
      for i in solved { known[i.cell] = i }
      let fails = solved.filter(narrow)
      if fails.isEmpty { break }
      func free(_ f: CellInterval) -> [Int] {
        f.support.filter { isCandidate[$0] && !withheld[$0] && !banned.contains($0) }
      }
      let stuck = fails.filter { !primary[$0.cell] && free($0).isEmpty }
      if !stuck.isEmpty {
        for f in stuck {
          withheld[f.cell] = false
          banned.insert(f.cell)
          known[f.cell] = nil
        }
        // A pinned cell's count holds at every feasible point, so publishing it changes no
        // interval; a merely narrow one may, so every interval is re-solved.
        if stuck.contains(where: { $0.upper - $0.lower > tolerance }) { known = [:] }
        continue
      }
      var hits: [Int: Int] = [:]
      for f in fails {
        for c in free(f) { hits[c, default: 0] += 1 }
      }
      let options = fails.map(free)
      var round = Set<Int>()
      for free in options.sorted(by: { $0.count < $1.count }) where !free.isEmpty {
        if free.contains(where: { round.contains($0) }) { continue }
        let pick = free.min { a, b in
          if weight[a] != weight[b] { return weight[a] < weight[b] }
          // Finer cells first: withholding a margin tends to make it recoverable from its
          // children, which then need protecting in turn.
          let aa = tables.cellAtoms[a].count
          let ab = tables.cellAtoms[b].count
          if aa != ab { return aa < ab }
          if hits[a, default: 0] != hits[b, default: 0] {
            return hits[a, default: 0] > hits[b, default: 0]
          }
          let ca = tables.cells[a].count ?? 0
          let cb = tables.cells[b].count ?? 0
          return ca != cb ? ca < cb : a < b
        }
        if let pick { round.insert(pick) }
      }
      if round.isEmpty {
        // Only inferred zeros pin the cells: withhold everything that can be withheld, which
        // leaves the failing cells as wide as the tables allow (the final audit reports any
        // primary cell that still cannot be protected).
        let more = withheld.indices.filter {
          isCandidate[$0] && !withheld[$0] && !banned.contains($0)
        }
        if more.isEmpty { break }
        for c in more { withheld[c] = true }
        continue
      }
      for c in round { withheld[c] = true }
    }
    // Publish secondary cells again where the audit still passes. An interval whose optimal
    // points already satisfy the republished cell is unchanged; only the others are re-solved.
    var secondary = withheld.indices.filter { withheld[$0] && !primary[$0] }
    if secondary.count > options.pruneLimit { secondary = [] }
    secondary =
      secondary
      .sorted {
        (weight[$0], tables.cells[$0].count ?? 0, $0) > (
          weight[$1], tables.cells[$1].count ?? 0, $1
        )
      }
    for c in secondary {
      withheld[c] = false
      let count = tables.cells[c].count ?? 0
      let affected = withheld.indices.filter { d in
        guard withheld[d] else { return false }
        guard let interval = known[d] else { return true }
        return !interval.unchangedByPublishing(
          atoms: tables.cellAtoms[c], count: count, tolerance: tolerance)
      }
      let solved = try solver.intervals(
        withheld: withheld, targets: affected, stopBelow: options.protectionLevel,
        certifyAbove: options.protectionLevel)
      if solved.contains(where: narrow) {
        withheld[c] = true
      } else {
        known[c] = nil
        for i in solved { known[i.cell] = i }
      }
    }
    return withheld
  }

  /// Branch and bound from the primary cells; `nil` when the node limit stopped it before it
  /// proved the best pattern optimal (the incumbent, protected, is then kept).
  mutating func branchAndBound(from primary: [Bool], incumbent: [Bool])
    throws(DisclosureError) -> [Bool]?
  {
    var best = incumbent
    var bestCost = cost(incumbent)
    var nodes = 0
    var aborted = false
    var withheld = primary
    var excluded = [Bool](repeating: false, count: primary.count)
    func visit(_ costSoFar: Int) throws(DisclosureError) {
      nodes += 1
      if nodes > options.exactNodeLimit {
        aborted = true
        return
      }
      let fails = try failing(withheld)
      if fails.isEmpty {
        if costSoFar < bestCost {
          bestCost = costSoFar
          best = withheld
        }
        return
      }
      // Branch on the unprotected cell with the fewest ways to widen it.
      var options: [Int]?
      for f in fails {
        let free = f.support.filter { isCandidate[$0] && !withheld[$0] && !excluded[$0] }
        if options == nil || free.count < (options?.count ?? 0) { options = free }
      }
      let branches = (options ?? []).sorted { (weight[$0], $0) < (weight[$1], $1) }
      var undo: [Int] = []
      for c in branches {
        if aborted { break }
        if costSoFar + weight[c] < bestCost {
          withheld[c] = true
          try visit(costSoFar + weight[c])
          withheld[c] = false
        }
        excluded[c] = true
        undo.append(c)
      }
      for c in undo { excluded[c] = false }
    }
    try visit(0)
    self.nodes = nodes
    return aborted ? nil : best
  }
}

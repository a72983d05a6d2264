/// The hypercube method's first pattern for large problems (Repsilber 1994; Giessing and
/// Repsilber's GHMITER in tau-argus), which the LP-guided greedy then repairs and the audit
/// checks.
///
/// In one table with its margins, a *hypercube* around a sensitive cell picks, per variable of
/// the table, either a second level `b` (the cell's level `a` gets +1, `b` gets -1, their total
/// 0) or keeps the variable fixed (its level, or for a total a chosen level, gets +1 and the
/// total +1). Adding `t` times these signs, multiplied over the variables, to the corner cells
/// keeps every sum over every variable, so every margin of the table, unchanged; with at least
/// one varying variable the table's grand total is unchanged too. The sensitive cell can then
/// move by `t` from minus the smallest count at a +1 corner to plus the smallest count at a -1
/// corner: when that width reaches the protection level, withholding the published corners
/// protects it within this table. The seed takes, for each sensitive cell, the hypercube with
/// the fewest corners not yet withheld. Tables that count the same rows over other variables
/// are not part of the argument: the greedy and the audit that follow see every table.
///
/// The search looks at every hypercube, so it is for large problems where the LP-per-cell
/// greedy costs minutes; it stops enumerating past `maximumHypercubes` per cell.
struct HypercubeSeed {
  let tables: PublishedTables
  /// The distinct cell of each key.
  private let cellOfKey: [[Int]: Int]
  /// Each distinct cell's count.
  private let counts: [Int]
  /// Whether each distinct cell is published by some table (can be withheld).
  private let listed: [Bool]
  /// Whether each distinct cell is an omitted combination read as a published zero.
  private let inferredZero: [Bool]
  /// Hypercubes looked at per sensitive cell and table at most.
  static let maximumHypercubes = 50_000

  init(tables: PublishedTables) {
    self.tables = tables
    var index: [[Int]: Int] = [:]
    for (c, cell) in tables.cells.enumerated() { index[cell.key] = c }
    cellOfKey = index
    counts = tables.cells.map { $0.count ?? 0 }
    listed = tables.cells.map { !$0.occurrences.isEmpty }
    inferredZero = tables.cells.map { $0.occurrences.isEmpty && $0.published }
  }

  /// The primary cells and, for each one, the corners of its cheapest protecting hypercube in
  /// the tables that publish it (cells with no protecting hypercube are left to the greedy).
  func pattern(primary: [Bool], protectionLevel: Double) -> [Bool] {
    var withheld = primary
    let variableOf = Dictionary(
      uniqueKeysWithValues: tables.variables.enumerated().map { ($1.name, $0) })
    // Most sensitive first: the smallest counts have the fewest protecting hypercubes.
    let order = primary.indices.filter { primary[$0] }.sorted {
      (tables.cells[$0].count ?? 0, $0) < (tables.cells[$1].count ?? 0, $1)
    }
    for c in order {
      var tried = Set<[Int]>()
      for ref in tables.cells[c].occurrences {
        let positions = tables.tables[ref.table].variables.compactMap { variableOf[$0] }
        guard !positions.isEmpty, tried.insert(positions).inserted else { continue }
        if let corners = cheapest(
          cell: c, positions: positions, withheld: withheld, protectionLevel: protectionLevel)
        {
          for k in corners { withheld[k] = true }
          break
        }
      }
    }
    return withheld
  }

  /// The corners of the cheapest protecting hypercube of `cell` over the variables at
  /// `positions`, or `nil`.
  private func cheapest(
    cell: Int, positions: [Int], withheld: [Bool], protectionLevel: Double
  ) -> [Int]? {
    let key = tables.cells[cell].key
    // Per variable, its choices: (plus level, minus level or nil when fixed with the total).
    let choices: [[(plus: Int, other: Int, varying: Bool)]] = positions.map { v in
      let count = tables.variables[v].levels.count
      let a = key[v]
      if a >= 0 {
        return (0..<count).filter { $0 != a }.map { (a, $0, true) } + [(a, -1, false)]
      }
      return (0..<count).map { ($0, -1, false) }
    }
    var total = 1
    for list in choices {
      total = total.multipliedReportingOverflow(by: max(list.count, 1)).partialValue
      if list.isEmpty || total > Self.maximumHypercubes { return nil }
    }
    var best: (cost: Int, count: Int, corners: [Int])?
    let tolerance = tables.tolerance
    var pick = [Int](repeating: 0, count: positions.count)
    let choiceCounts = choices.map(\.count)
    repeat {
      if pick.indices.contains(where: { choices[$0][pick[$0]].varying }),
        let cube = corners(of: pick.indices.map { choices[$0][pick[$0]] }, positions, key)
      {
        var plusMin = Double.infinity
        var minusMin = Double.infinity
        var cost = 0
        var sum = 0
        // An omitted combination read as a published zero cannot be withheld: a hypercube
        // that moves one protects nothing.
        if cube.contains(where: { k, _ in !withheld[k] && inferredZero[k] }) {
          plusMin = -.infinity
        }
        for (k, sign) in cube {
          let n = counts[k]
          if sign > 0 {
            plusMin = min(plusMin, Double(n))
          } else {
            minusMin = min(minusMin, Double(n))
          }
          if !withheld[k] && listed[k] { cost += 1 }
          sum += n
        }
        if plusMin + minusMin >= protectionLevel - tolerance,
          best.map({ (cost, sum) < ($0.cost, $0.count) }) ?? true
        {
          best = (cost, sum, cube.map(\.cell))
        }
      }
    } while nextCombination(&pick, sizes: choiceCounts)
    return best?.corners
  }

  /// The distinct cells at the corners with their signs, or `nil` when a corner is not a cell
  /// of the population (its count is unknown).
  private func corners(
    of picks: [(plus: Int, other: Int, varying: Bool)], _ positions: [Int], _ key: [Int]
  ) -> [(cell: Int, sign: Int)]? {
    var result: [(cell: Int, sign: Int)] = []
    let n = picks.count
    for mask in 0..<(1 << n) {
      var corner = key
      var sign = 1
      for (d, pick) in picks.enumerated() {
        if (mask >> d) & 1 == 0 {
          corner[positions[d]] = pick.plus
        } else {
          corner[positions[d]] = pick.other
          if pick.varying { sign = -sign }
        }
      }
      guard let c = cellOfKey[corner] else { return nil }
      result.append((c, sign))
    }
    return result
  }
}

/// The feasible interval of one withheld cell and the published cells that pin it down.
struct CellInterval: Sendable {
  /// Distinct-cell index.
  let cell: Int
  let lower: Double
  let upper: Double
  /// Published cells with a nonzero dual value in the minimum or the maximum: only withholding
  /// one of them can widen the interval (a row with zero dual can be dropped without changing
  /// the optimum, since the dual solution stays feasible and keeps its value).
  let support: [Int]
  /// Atom values at the minimum and at the maximum (`nil` when unbounded).
  ///
  /// While both satisfy a newly published cell, publishing it leaves the interval unchanged.
  /// Atoms that no constraint links to the cell are NaN (unknown), so a check that involves them
  /// fails.
  let minimizer: [Double]?
  let maximizer: [Double]?
  /// Whether `lower` and `upper` are the optimal values (else an inner interval found at
  /// feasible points, wide enough to protect the cell).
  var exact = true

  /// Whether both optimal points already satisfy `sum of atoms == count` (within tolerance).
  func unchangedByPublishing(atoms: [Int], count: Int, tolerance: Double) -> Bool {
    guard let low = minimizer, let high = maximizer else { return false }
    var a = 0.0
    var b = 0.0
    for atom in atoms {
      a += low[atom]
      b += high[atom]
    }
    return abs(a - Double(count)) <= tolerance && abs(b - Double(count)) <= tolerance
  }
}

/// Linear programs over the atoms of a population: for a withheld cell, min and max of the sum
/// of its atoms subject to every published cell's sum and nonnegativity.
///
/// The programs are presolved first (``AtomPresolve``: a published cell of one free atom fixes
/// it), then split into groups of free atoms that the remaining rows link; each group's
/// feasible basis (phase 1) is found once, and every withheld cell in it is optimised twice from
/// the previous optimal basis.
struct IntervalSolver {
  let tables: PublishedTables
  /// Whether the programs are presolved (`false` solves every atom, for tests and timings).
  var presolve = true

  /// Intervals of `targets` when the cells flagged in `withheld` are not published.
  /// - Parameters:
  ///   - withheld: for each distinct cell, whether it is withheld (its count unknown).
  ///   - targets: the cells whose intervals are wanted.
  ///   - stopBelow: when set, stop after the first interval narrower than this width.
  ///   - certifyAbove: when set, a target that already takes values at least this far apart
  ///     at the optimal points found for earlier targets (feasible points) is returned with
  ///     that inner interval, its points and no support, without solving its programs: it is
  ///     protected at this level whatever its exact interval (the greedy's shortcut; the audit
  ///     solves every program).
  /// - Returns: the interval of each target, in the order of `targets`.
  /// - Throws: ``DisclosureError/infeasible(_:)`` when the published counts contradict each
  ///   other, ``DisclosureError/solverFailed(_:)`` on numerical trouble.
  func intervals(
    withheld: [Bool], targets: [Int], stopBelow: Double? = nil, certifyAbove: Double? = nil
  ) throws(DisclosureError) -> [CellInterval] {
    let cells = tables.cells
    let published = cells.indices.filter { !withheld[$0] && cells[$0].published }
    let rows = Self.rows(tables, published: published)
    let tolerance = tables.tolerance
    func describe(_ row: Int) -> String {
      published.indices.contains(row) ? tables.describe(cell: published[row]) : "clique links"
    }
    let presolve = AtomPresolve(
      rows: rows, atomCount: tables.atomCount, tolerance: tolerance, enabled: self.presolve)
    if let bad = presolve.contradiction {
      throw .infeasible(describe(bad))
    }
    let groups = FreeAtomGroups(rows: rows, presolve: presolve, atomCount: tables.atomCount)
    var programs: [Int: GroupProgram] = [:]
    var pools: [Int: PointPool] = [:]
    var result: [CellInterval] = []
    for c in targets {
      let atoms = tables.cellAtoms[c]
      var base = 0.0
      var free: [Int] = []
      for a in atoms {
        if let v = presolve.fixed[a] { base += v } else { free.append(a) }
      }
      var costs: [Int: Double] = [:]
      for a in atoms { costs[a, default: 0] += 1 }
      var bounds = [base, base]
      var points: [[Double]?] = [nil, nil]
      var support = Set<Int>()
      // Free atoms of the cell lie in one group or several independent ones.
      var byGroup: [Int: [Int]] = [:]
      for a in free { byGroup[groups.group[a], default: []].append(a) }
      if let certifyAbove, !free.isEmpty,
        let inner = Self.certified(
          byGroup, base: base, programs: programs, pools: pools, presolve: presolve,
          atomCount: tables.atomCount),
        inner.upper - inner.lower >= certifyAbove - tolerance
      {
        result.append(
          CellInterval(
            cell: c, lower: max(inner.lower, 0), upper: inner.upper, support: [],
            minimizer: inner.minimizer, maximizer: inner.maximizer, exact: false))
        continue
      }
      var keptDuals: [[Int: Double]] = [[:], [:]]
      var local: [[Int: Double]] = [[:], [:]]
      for (g, members) in byGroup.sorted(by: { $0.key < $1.key }) {
        if programs[g] == nil {
          programs[g] = try GroupProgram(
            atoms: groups.atoms[g], rows: groups.rows[g], all: rows, presolve: presolve,
            describe: describe)
        }
        guard let program = programs[g] else { continue }
        for (side, maximize) in [false, true].enumerated() {
          guard bounds[side].isFinite else { continue }
          switch program.optimize(atoms: members, maximize: maximize) {
          case .iterationLimit:
            throw .solverFailed("no optimum for \(tables.describe(cell: c))")
          case .unbounded:
            bounds[side] = .infinity
          case .optimal(let value, let x, let y):
            bounds[side] += value
            if certifyAbove != nil { pools[g, default: PointPool()].add(x) }
            for (k, a) in program.atoms.enumerated() { local[side][a] = x[k] }
            for (k, r) in program.rows.enumerated() where y[k] != 0 { keptDuals[side][r] = y[k] }
          }
        }
      }
      for side in 0..<2 {
        guard bounds[side].isFinite else {
          points[side] = nil
          continue
        }
        var point = [Double](repeating: .nan, count: tables.atomCount)
        for a in 0..<tables.atomCount {
          point[a] = presolve.fixed[a] ?? local[side][a] ?? .nan
        }
        points[side] = point
        let y = presolve.duals(kept: keptDuals[side], costs: costs, rowCount: rows.count)
        for (r, value) in y.enumerated() where r < published.count && abs(value) > 1e-9 {
          support.insert(published[r])
        }
      }
      let interval = CellInterval(
        cell: c, lower: max(bounds[0], 0), upper: bounds[1], support: support.sorted(),
        minimizer: points[0], maximizer: points[1])
      result.append(interval)
      if let stopBelow, interval.upper - interval.lower < stopBelow - tolerance { return result }
    }
    return result
  }

  /// The smallest and largest value of a target over the pooled points of its groups (each
  /// group independently, so any combination is feasible), with the points that reach them;
  /// `nil` when a group has no point yet.
  static func certified(
    _ byGroup: [Int: [Int]], base: Double, programs: [Int: GroupProgram],
    pools: [Int: PointPool], presolve: AtomPresolve, atomCount: Int
  ) -> (lower: Double, upper: Double, minimizer: [Double], maximizer: [Double])? {
    var lower = base
    var upper = base
    var low = [Double](repeating: .nan, count: atomCount)
    var high = low
    for a in 0..<atomCount {
      if let v = presolve.fixed[a] {
        low[a] = v
        high[a] = v
      }
    }
    for (g, members) in byGroup {
      guard let program = programs[g], let pool = pools[g],
        let (least, most) = pool.extremes(columns: members.compactMap { program.column[$0] })
      else { return nil }
      lower += least.value
      upper += most.value
      for (k, a) in program.atoms.enumerated() {
        low[a] = least.point[k]
        high[a] = most.point[k]
      }
    }
    return (lower, upper, low, high)
  }

  /// The constraints: each published cell's atoms sum to its count, then each clique link's
  /// two sides are equal.
  static func rows(_ tables: PublishedTables, published: [Int]) -> [AtomRow] {
    var rows = published.map { c in
      AtomRow(
        atoms: tables.cellAtoms[c],
        coefficients: [Double](repeating: 1, count: tables.cellAtoms[c].count),
        rhs: Double(tables.cells[c].count ?? 0))
    }
    for link in tables.links {
      var coefficient: [Int: Double] = [:]
      for a in link.plus { coefficient[a, default: 0] += 1 }
      for a in link.minus { coefficient[a, default: 0] -= 1 }
      let atoms = coefficient.keys.sorted().filter { coefficient[$0] != 0 }
      rows.append(AtomRow(atoms: atoms, coefficients: atoms.map { coefficient[$0] ?? 0 }, rhs: 0))
    }
    return rows
  }
}

/// Optimal points found for one group's targets: feasible points at which later targets'
/// values bound their intervals from inside.
struct PointPool {
  /// At most this many points are kept (the oldest are replaced).
  static let capacity = 128
  private var points: [[Double]] = []
  private var next = 0

  /// Adds a point.
  mutating func add(_ x: [Double]) {
    if points.count < Self.capacity {
      points.append(x)
    } else {
      points[next] = x
      next = (next + 1) % Self.capacity
    }
  }

  /// The smallest and largest sum of `columns` over the points, with the points; `nil` when
  /// the pool is empty.
  func extremes(columns: [Int]) -> (
    least: (value: Double, point: [Double]), most: (value: Double, point: [Double])
  )? {
    var least: (value: Double, point: [Double])?
    var most: (value: Double, point: [Double])?
    for x in points {
      var v = 0.0
      for j in columns { v += x[j] }
      if least.map({ v < $0.value }) ?? true { least = (v, x) }
      if most.map({ v > $0.value }) ?? true { most = (v, x) }
    }
    guard let least, let most else { return nil }
    return (least, most)
  }
}

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
  /// Atom values at the minimum and at the maximum (`nil` when the maximum is unbounded): while
  /// both satisfy a newly published cell, publishing it leaves the interval unchanged.
  let minimizer: [Double]?
  let maximizer: [Double]?

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
struct IntervalSolver {
  let tables: PublishedTables

  /// Intervals of `targets` when the cells flagged in `withheld` are not published.
  /// - Parameters:
  ///   - withheld: for each distinct cell, whether it is withheld (its count unknown).
  ///   - targets: the cells whose intervals are wanted.
  ///   - stopBelow: when set, stop after the first interval narrower than this width.
  /// - Returns: the interval of each target, in the order solved.
  /// - Throws: ``DisclosureError/infeasible(_:)`` when the published counts contradict each
  ///   other, ``DisclosureError/solverFailed(_:)`` on numerical trouble.
  func intervals(withheld: [Bool], targets: [Int], stopBelow: Double? = nil)
    throws(DisclosureError) -> [CellInterval]
  {
    let cells = tables.cells
    let atomCells = tables.cellAtoms
    // Components of atoms linked by published cells and by each target's own atoms.
    var parent = Array(0..<tables.atomCount)
    func find(_ a: Int) -> Int {
      var a = a
      while parent[a] != a {
        parent[a] = parent[parent[a]]
        a = parent[a]
      }
      return a
    }
    func join(_ atoms: [Int]) {
      guard let first = atoms.first else { return }
      let root = find(first)
      for a in atoms.dropFirst() { parent[find(a)] = root }
    }
    let published = cells.indices.filter { !withheld[$0] && cells[$0].published }
    for c in published { join(atomCells[c]) }
    for c in targets { join(atomCells[c]) }
    for link in tables.links { join(link.plus + link.minus) }
    var targetsByRoot: [Int: [Int]] = [:]
    var rootOrder: [Int] = []
    for c in targets {
      guard let a = atomCells[c].first else { continue }
      let r = find(a)
      if targetsByRoot[r] == nil { rootOrder.append(r) }
      targetsByRoot[r, default: []].append(c)
    }
    var rowsByRoot: [Int: [Int]] = [:]
    for c in published {
      guard let a = atomCells[c].first else { continue }
      rowsByRoot[find(a), default: []].append(c)
    }
    var linksByRoot: [Int: [Int]] = [:]
    for (l, link) in tables.links.enumerated() {
      guard let a = link.plus.first ?? link.minus.first else { continue }
      linksByRoot[find(a), default: []].append(l)
    }
    var result: [CellInterval] = []
    // A target that covers no atom (a level combination with no finest cell) is exactly 0.
    for c in targets where atomCells[c].isEmpty {
      result.append(
        CellInterval(cell: c, lower: 0, upper: 0, support: [], minimizer: nil, maximizer: nil))
      if stopBelow != nil { return result }
    }
    let tolerance = tables.tolerance
    for root in rootOrder {
      let componentTargets = targetsByRoot[root] ?? []
      let rowCells = rowsByRoot[root] ?? []
      var atomList: [Int] = []
      var column: [Int: Int] = [:]
      for a in 0..<tables.atomCount where find(a) == root {
        column[a] = atomList.count
        atomList.append(a)
      }
      let n = atomList.count
      let componentLinks = linksByRoot[root] ?? []
      // Rows: the published cells, then the clique links (right-hand side 0).
      let m = rowCells.count + componentLinks.count
      var matrix = [Double](repeating: 0, count: m * n)
      var rhs = [Double](repeating: 0, count: m)
      for (i, c) in rowCells.enumerated() {
        for a in atomCells[c] {
          if let j = column[a] { matrix[i * n + j] = 1 }
        }
        rhs[i] = Double(cells[c].count ?? 0)
      }
      for (k, l) in componentLinks.enumerated() {
        let i = rowCells.count + k
        for a in tables.links[l].plus {
          if let j = column[a] { matrix[i * n + j] += 1 }
        }
        for a in tables.links[l].minus {
          if let j = column[a] { matrix[i * n + j] -= 1 }
        }
      }
      guard
        let simplex = BoundedSimplex(
          matrix: matrix, rhs: rhs, rows: m, columns: n,
          upper: [Double](repeating: .infinity, count: n))
      else {
        throw .infeasible(
          rowCells.prefix(3).map { tables.describe(cell: $0) }.joined(separator: "; "))
      }
      for c in componentTargets {
        var costs = [Double](repeating: 0, count: n)
        for a in atomCells[c] {
          if let j = column[a] { costs[j] = 1 }
        }
        var bounds: [Double] = []
        var support = Set<Int>()
        var points: [[Double]?] = []
        for maximize in [false, true] {
          switch simplex.optimize(costs: costs, maximize: maximize) {
          case .iterationLimit:
            throw .solverFailed("no optimum for \(tables.describe(cell: c))")
          case .unbounded:
            bounds.append(.infinity)
            points.append(nil)
          case .optimal:
            let x = simplex.primal()
            var point = [Double](repeating: 0, count: tables.atomCount)
            for (j, a) in atomList.enumerated() { point[a] = x[j] }
            points.append(point)
            var value = 0.0
            for j in 0..<n where costs[j] != 0 { value += x[j] }
            bounds.append(value)
            for (i, y) in simplex.duals().enumerated() where i < rowCells.count && abs(y) > 1e-9 {
              support.insert(rowCells[i])
            }
          }
        }
        let interval = CellInterval(
          cell: c, lower: max(bounds[0], 0), upper: bounds[1], support: support.sorted(),
          minimizer: points[0], maximizer: points[1])
        result.append(interval)
        if let stopBelow, interval.upper - interval.lower < stopBelow - tolerance { return result }
      }
    }
    return result
  }
}

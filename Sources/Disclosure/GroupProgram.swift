/// The free atoms of presolved interval programs, in groups that no remaining row links: each
/// group is a linear program of its own.
struct FreeAtomGroups {
  /// The group of each free atom (-1 for a fixed atom).
  let group: [Int]
  /// The free atoms of each group, increasing.
  let atoms: [[Int]]
  /// The kept rows of each group.
  let rows: [[Int]]

  /// Groups the free atoms of `presolve` by the rows it kept.
  init(rows all: [AtomRow], presolve: AtomPresolve, atomCount: Int) {
    var parent = Array(0..<atomCount)
    func find(_ a: Int) -> Int {
      var a = a
      while parent[a] != a {
        parent[a] = parent[parent[a]]
        a = parent[a]
      }
      return a
    }
    func free(_ r: Int) -> [Int] { all[r].atoms.filter { presolve.fixed[$0] == nil } }
    for r in presolve.kept {
      let atoms = free(r)
      guard let first = atoms.first else { continue }
      let root = find(first)
      for a in atoms.dropFirst() { parent[find(a)] = root }
    }
    var index: [Int: Int] = [:]
    var group = [Int](repeating: -1, count: atomCount)
    var atoms: [[Int]] = []
    for a in 0..<atomCount where presolve.fixed[a] == nil {
      let root = find(a)
      if index[root] == nil {
        index[root] = atoms.count
        atoms.append([])
      }
      let g = index[root] ?? 0
      group[a] = g
      atoms[g].append(a)
    }
    var rows = [[Int]](repeating: [], count: atoms.count)
    for r in presolve.kept {
      guard let a = free(r).first else { continue }
      rows[group[a]].append(r)
    }
    self.group = group
    self.atoms = atoms
    self.rows = rows
  }
}

/// One group's linear program: its free atoms `>= 0` and its kept rows (right-hand sides less
/// the fixed atoms), with a feasible basis found once and reused by every objective.
struct GroupProgram {
  /// What optimising one objective found.
  enum Outcome {
    /// The optimum, the atoms' values (in ``atoms`` order) and the rows' duals (``rows``
    /// order).
    case optimal(value: Double, x: [Double], y: [Double])
    case unbounded
    case iterationLimit
  }

  /// The group's atoms (the program's columns).
  let atoms: [Int]
  /// The group's rows (indices into the full row list).
  let rows: [Int]
  /// The column of each of the group's atoms.
  let column: [Int: Int]
  private let simplex: BoundedSimplex

  /// Builds the program and runs phase 1.
  /// - Throws: ``DisclosureError/infeasible(_:)`` (naming the first rows by `describe`) when
  ///   no nonnegative atoms satisfy the rows.
  init(
    atoms: [Int], rows: [Int], all: [AtomRow], presolve: AtomPresolve,
    describe: (Int) -> String
  ) throws(DisclosureError) {
    var column: [Int: Int] = [:]
    for (j, a) in atoms.enumerated() { column[a] = j }
    let n = atoms.count
    let m = rows.count
    var matrix = [Double](repeating: 0, count: m * n)
    var rhs = [Double](repeating: 0, count: m)
    for (i, r) in rows.enumerated() {
      for (a, c) in zip(all[r].atoms, all[r].coefficients) {
        if let j = column[a] { matrix[i * n + j] += c }
      }
      rhs[i] = presolve.residual[r]
    }
    guard
      let simplex = BoundedSimplex(
        matrix: matrix, rhs: rhs, rows: m, columns: n,
        upper: [Double](repeating: .infinity, count: n))
    else {
      throw .infeasible(rows.prefix(3).map(describe).joined(separator: "; "))
    }
    self.atoms = atoms
    self.rows = rows
    self.column = column
    self.simplex = simplex
  }

  /// Minimises or maximises the sum of `members` (atoms of this group) from the last basis.
  func optimize(atoms members: [Int], maximize: Bool) -> Outcome {
    var costs = [Double](repeating: 0, count: atoms.count)
    for a in members {
      if let j = column[a] { costs[j] += 1 }
    }
    switch simplex.optimize(costs: costs, maximize: maximize) {
    case .iterationLimit: return .iterationLimit
    case .unbounded: return .unbounded
    case .optimal:
      let x = simplex.primal()
      var value = 0.0
      for j in costs.indices where costs[j] != 0 { value += costs[j] * x[j] }
      return .optimal(value: value, x: x, y: simplex.duals())
    }
  }
}

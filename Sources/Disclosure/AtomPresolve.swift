/// A constraint of the interval linear programs: `sum_k coefficients[k] * x[atoms[k]] = rhs`
/// (a published cell's count, or a clique link with right-hand side 0).
struct AtomRow: Sendable {
  let atoms: [Int]
  let coefficients: [Double]
  let rhs: Double
}

/// Singleton-row presolve of the interval linear programs.
///
/// A row with one free atom fixes that atom (Andersen and Andersen 1995, section 3); its value
/// is substituted into every other row, which may leave another row with one free atom, and so
/// on. A row left with no free atom must hold (else the counts contradict each other) and is
/// dropped.
///
/// In a table with margins every published interior cell is one atom, so only the atoms of
/// withheld cells remain free and the linear programs shrink from every atom to those, split
/// into the groups that withheld cells link. The optimum is the same: the fixed atoms take their
/// only feasible value. Dual values of the removed rows are recovered afterwards
/// (`duals(kept:costs:rowCount:)`), so the support of an interval (published cells with a
/// nonzero dual) is that of an optimal dual of the whole program.
struct AtomPresolve: Sendable {
  /// The fixed value of each atom, `nil` where it stays free.
  let fixed: [Double?]
  /// Rows left for the linear programs (each with at least two free atoms).
  let kept: [Int]
  /// Each row's right-hand side less its fixed atoms (meaningful for kept rows).
  let residual: [Double]
  /// Removed rows, in order of removal, with the atom each fixed (`nil`: it had none left).
  private let removed: [(row: Int, atom: Int?)]
  /// Rows holding each atom, with the atom's coefficient.
  private let rowsOfAtom: [[(row: Int, coefficient: Double)]]
  /// The index of the first row whose counts contradict the others, when there is one.
  let contradiction: Int?

  /// Presolves `rows` over `atomCount` atoms, each `>= 0`.
  /// - Parameters:
  ///   - rows: the constraints.
  ///   - atomCount: the number of atoms.
  ///   - tolerance: absolute tolerance of the counts (a fixed value above `-tolerance` is read
  ///     as 0 or more; a dropped row holds within it).
  ///   - enabled: `false` keeps every row and fixes no atom (tests and timings compare the two).
  init(rows: [AtomRow], atomCount: Int, tolerance: Double, enabled: Bool = true) {
    var rowsOfAtom = [[(row: Int, coefficient: Double)]](repeating: [], count: atomCount)
    for (r, row) in rows.enumerated() {
      for (a, c) in zip(row.atoms, row.coefficients) { rowsOfAtom[a].append((r, c)) }
    }
    var freeCount = rows.map(\.atoms.count)
    var residual = rows.map(\.rhs)
    var isRemoved = [Bool](repeating: false, count: rows.count)
    var fixed = [Double?](repeating: nil, count: atomCount)
    var removed: [(row: Int, atom: Int?)] = []
    var contradiction: Int?
    var queue = enabled ? rows.indices.filter { freeCount[$0] <= 1 } : []
    var head = 0
    while head < queue.count {
      let r = queue[head]
      head += 1
      if isRemoved[r] { continue }
      isRemoved[r] = true
      guard freeCount[r] == 1,
        let k = rows[r].atoms.indices.first(where: { fixed[rows[r].atoms[$0]] == nil })
      else {
        if abs(residual[r]) > tolerance, contradiction == nil { contradiction = r }
        removed.append((r, nil))
        continue
      }
      let atom = rows[r].atoms[k]
      var value = residual[r] / rows[r].coefficients[k]
      if value < -tolerance, contradiction == nil { contradiction = r }
      value = max(value, 0)
      fixed[atom] = value
      removed.append((r, atom))
      residual[r] = 0
      for (i, c) in rowsOfAtom[atom] where i != r && !isRemoved[i] {
        residual[i] -= c * value
        freeCount[i] -= 1
        if freeCount[i] <= 1 { queue.append(i) }
      }
    }
    self.fixed = fixed
    self.residual = residual
    self.removed = removed
    self.rowsOfAtom = rowsOfAtom
    self.contradiction = contradiction
    kept = rows.indices.filter { !isRemoved[$0] }
  }

  /// Dual values of every row: `kept` gives those of the rows left for the linear programs
  /// (absent: 0); each removed row's is then the one that leaves its fixed atom's reduced cost
  /// at zero, `y_r = (c_j - sum_{i != r} a_ij y_i) / a_rj`, in reverse order of removal (the
  /// usual postsolve; the result is an optimal dual of the whole program).
  /// - Parameters:
  ///   - kept: dual values of kept rows, by row index.
  ///   - costs: the objective's coefficient of each atom (absent: 0).
  ///   - rowCount: the number of rows.
  /// - Returns: one dual value per row.
  func duals(kept: [Int: Double], costs: [Int: Double], rowCount: Int) -> [Double] {
    var y = [Double](repeating: 0, count: rowCount)
    for (r, v) in kept { y[r] = v }
    for (r, atom) in removed.reversed() {
      guard let atom else { continue }
      var reduced = costs[atom] ?? 0
      var own = 1.0
      for (i, c) in rowsOfAtom[atom] {
        if i == r { own = c } else { reduced -= c * y[i] }
      }
      y[r] = reduced / own
    }
    return y
  }
}

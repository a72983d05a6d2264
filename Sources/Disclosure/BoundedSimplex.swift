/// The outcome of optimising one objective over a ``BoundedSimplex``'s feasible region.
enum SimplexStatus: Sendable {
  case optimal
  case unbounded
  case iterationLimit
}

/// Dense bounded-variable primal simplex on `A x = b`, `0 <= x <= u`.
///
/// The method is that of Dantzig (1963, chapter 18) and Chvátal (1983, chapter 8). Phase 1 (in `init`) finds a feasible basis with one artificial variable
/// per row; phase 2 (``optimize(costs:maximize:)``) may then be called for many objectives, each
/// starting from the previous optimal basis (the audit optimises two objectives per suppressed
/// cell over the same constraints).
///
/// Pivoting: Dantzig's largest reduced cost, switching to Bland's smallest-index rule after a run
/// of degenerate pivots, so the method cannot cycle (Bland 1977): a cycle consists of degenerate
/// pivots only, and under Bland's rule a run of degenerate pivots ends.
final class BoundedSimplex {
  /// Number of constraint rows.
  let rows: Int
  /// Number of structural columns (artificials follow them).
  let columns: Int
  let width: Int
  /// `B^-1 A` for structural and artificial columns, row-major `rows x width`.
  private var tableau: [Double]
  private var upper: [Double]
  private var atUpper: [Bool]
  private var basis: [Int]
  private var rowOfColumn: [Int]
  private var values: [Double]
  private var reduced: [Double]
  private let rowSign: [Double]
  private var objectiveSign = 1.0
  private let feasibilityTolerance: Double
  private let pivotTolerance = 1e-9
  private var optimalityTolerance = 1e-9
  private let iterationCap: Int
  /// Consecutive degenerate pivots after which Bland's rule takes over.
  private let degenerateRun = 50

  /// Runs phase 1; `nil` when the constraints have no solution within the bounds.
  /// - Parameters:
  ///   - matrix: `A`, row-major `rows x columns`.
  ///   - rhs: `b`.
  ///   - rows: the number of constraint rows.
  ///   - columns: the number of structural columns.
  ///   - structuralUpper: `u` (`.infinity` for none), every entry `>= 0`.
  init?(matrix: [Double], rhs: [Double], rows: Int, columns: Int, upper structuralUpper: [Double]) {
    self.rows = rows
    self.columns = columns
    width = columns + rows
    var scale = 1.0
    for v in rhs { scale = max(scale, abs(v)) }
    for v in structuralUpper where v.isFinite { scale = max(scale, v) }
    feasibilityTolerance = 1e-9 * scale
    iterationCap = 50 * (rows + width) + 1000
    var initialTableau = [Double](repeating: 0, count: rows * width)
    var signs = [Double](repeating: 1, count: rows)
    var initialValues = [Double](repeating: 0, count: rows)
    for i in 0..<rows {
      let s: Double = rhs[i] < 0 ? -1 : 1
      signs[i] = s
      for j in 0..<columns { initialTableau[i * width + j] = s * matrix[i * columns + j] }
      initialTableau[i * width + columns + i] = 1
      initialValues[i] = s * rhs[i]
    }
    tableau = initialTableau
    rowSign = signs
    values = initialValues
    upper = structuralUpper + [Double](repeating: .infinity, count: rows)
    atUpper = [Bool](repeating: false, count: width)
    basis = (0..<rows).map { columns + $0 }
    rowOfColumn = [Int](repeating: -1, count: width)
    for i in 0..<rows { rowOfColumn[columns + i] = i }
    reduced = [Double](repeating: 0, count: width)
    var phaseOne = [Double](repeating: 0, count: width)
    for i in 0..<rows { phaseOne[columns + i] = 1 }
    setObjective(phaseOne)
    _ = iterate()
    var infeasibility = 0.0
    for i in 0..<rows where basis[i] >= columns { infeasibility += values[i] }
    guard infeasibility <= feasibilityTolerance * Double(max(rows, 1)) else { return nil }
    // Artificials stay in the tableau (their columns carry B^-1, hence the duals) but are fixed
    // at zero; a redundant row keeps its artificial basic at zero.
    for i in 0..<rows {
      upper[columns + i] = 0
      atUpper[columns + i] = false
      if basis[i] >= columns { values[i] = 0 }
    }
  }

  /// Phase 2: optimises `costs' x` (structural columns) from the current basis.
  func optimize(costs: [Double], maximize: Bool) -> SimplexStatus {
    objectiveSign = maximize ? -1 : 1
    var full = [Double](repeating: 0, count: width)
    var scale = 1.0
    for j in 0..<columns {
      full[j] = objectiveSign * costs[j]
      scale = max(scale, abs(costs[j]))
    }
    optimalityTolerance = 1e-9 * scale
    setObjective(full)
    return iterate()
  }

  /// The structural part of the current basic solution.
  func primal() -> [Double] {
    (0..<columns).map { j in
      let r = rowOfColumn[j]
      if r >= 0 { return values[r] }
      return atUpper[j] ? upper[j] : 0
    }
  }

  /// Dual values `y` of the rows for the last objective (`A' y <= c` at a minimum).
  func duals() -> [Double] {
    (0..<rows).map { i in objectiveSign * -rowSign[i] * reduced[columns + i] }
  }

  private func setObjective(_ costs: [Double]) {
    reduced = costs
    tableau.withUnsafeBufferPointer { t in
      for i in 0..<rows {
        let cb = costs[basis[i]]
        guard cb != 0 else { continue }
        let base = i * width
        for j in 0..<width { reduced[j] -= cb * t[base + j] }
      }
    }
    for i in 0..<rows { reduced[basis[i]] = 0 }
  }

  /// Only structural columns may enter (artificials are either leaving in phase 1 or fixed).
  private func entering(bland: Bool) -> (column: Int, direction: Double)? {
    var best: (Int, Double)?
    var bestScore = 0.0
    for j in 0..<columns where rowOfColumn[j] < 0 {
      let d = reduced[j]
      let direction: Double
      if !atUpper[j], d < -optimalityTolerance, upper[j] > 0 {
        direction = 1
      } else if atUpper[j], d > optimalityTolerance {
        direction = -1
      } else {
        continue
      }
      if bland { return (j, direction) }
      if abs(d) > bestScore {
        bestScore = abs(d)
        best = (j, direction)
      }
    }
    return best
  }

  private func iterate() -> SimplexStatus {
    var degenerate = 0
    for _ in 0..<iterationCap {
      let bland = degenerate >= degenerateRun
      guard let (j, s) = entering(bland: bland) else { return .optimal }
      // Ratio test: x_j moves by s*t; basic x_B(i) moves by -s*t*T(i,j).
      var step = upper[j]
      var leaving = -1
      var leavesAtUpper = false
      var bestAlpha = 0.0
      for i in 0..<rows {
        let alpha = s * tableau[i * width + j]
        let limit: Double
        let toUpper: Bool
        if alpha > pivotTolerance {
          limit = max(values[i], 0) / alpha
          toUpper = false
        } else if alpha < -pivotTolerance, upper[basis[i]].isFinite {
          limit = max(upper[basis[i]] - values[i], 0) / -alpha
          toUpper = true
        } else {
          continue
        }
        let tie = feasibilityTolerance / max(abs(alpha), 1)
        var better = limit < step - tie
        if !better, leaving >= 0, limit <= step + tie {
          // Ties: Bland's smallest index, otherwise the largest pivot for stability.
          better = bland ? basis[i] < basis[leaving] : abs(alpha) > bestAlpha
        }
        if better {
          step = limit
          leaving = i
          leavesAtUpper = toUpper
          bestAlpha = abs(alpha)
        }
      }
      if leaving < 0 && !step.isFinite { return .unbounded }
      degenerate = step <= feasibilityTolerance ? degenerate + 1 : 0
      if step != 0 {
        for i in 0..<rows { values[i] -= s * step * tableau[i * width + j] }
      }
      if leaving < 0 {
        atUpper[j].toggle()  // bound flip, basis unchanged
        continue
      }
      let enteringValue = s > 0 ? step : upper[j] - step
      let out = basis[leaving]
      atUpper[out] = leavesAtUpper
      rowOfColumn[out] = -1
      basis[leaving] = j
      rowOfColumn[j] = leaving
      atUpper[j] = false
      values[leaving] = enteringValue
      pivot(row: leaving, column: j)
    }
    return .iterationLimit
  }

  private func pivot(row r: Int, column j: Int) {
    let w = width
    let m = rows
    tableau.withUnsafeMutableBufferPointer { t in
      let base = r * w
      let inverse = 1 / t[base + j]
      var nonzero: [Int] = []
      nonzero.reserveCapacity(w)
      for k in 0..<w where t[base + k] != 0 {
        t[base + k] *= inverse
        nonzero.append(k)
      }
      t[base + j] = 1
      for i in 0..<m where i != r {
        let f = t[i * w + j]
        guard f != 0 else { continue }
        let rowBase = i * w
        for k in nonzero { t[rowBase + k] -= f * t[base + k] }
        t[rowBase + j] = 0
      }
      let d = reduced[j]
      if d != 0 {
        for k in nonzero { reduced[k] -= d * t[base + k] }
        reduced[j] = 0
      }
    }
  }
}

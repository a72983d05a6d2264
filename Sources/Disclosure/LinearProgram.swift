/// A linear program in equality form with bounds: optimise `c'x` subject to `A x = b` and
/// `l <= x <= u`, where a bound may be infinite (a free variable has both infinite).
///
/// ```swift
/// let lp = try LinearProgram(
///   sense: .maximize, objective: [3, 5],
///   constraints: [[1, 0], [0, 2], [3, 2]], rightHandSide: [4, 12, 18],
///   lower: [0, 0], upper: [.infinity, .infinity], slackRows: true)
/// ```
/// (`slackRows: true` reads the rows as `A x <= b` by adding one slack column per row.)
public struct LinearProgram: Sendable {
  /// Whether the objective is minimised or maximised.
  public enum Sense: Sendable { case minimize, maximize }

  /// Minimise or maximise.
  public let sense: Sense
  /// `c`, one entry per variable.
  public let objective: [Double]
  /// `A`, row-major, `rowCount x variableCount`.
  public let matrix: [Double]
  /// `b`, one entry per row.
  public let rightHandSide: [Double]
  /// `l` (`-infinity` allowed).
  public let lower: [Double]
  /// `u` (`+infinity` allowed).
  public let upper: [Double]

  /// Number of variables.
  public var variableCount: Int { objective.count }
  /// Number of equality rows.
  public var rowCount: Int { rightHandSide.count }

  /// Checks the dimensions and values of a program.
  /// - Parameters:
  ///   - sense: minimise or maximise.
  ///   - objective: `c`.
  ///   - constraints: the rows of `A`, each as long as `objective`.
  ///   - rightHandSide: `b`, one entry per row.
  ///   - lower: lower bounds (`-infinity` for none); zeros when omitted.
  ///   - upper: upper bounds (`+infinity` for none); none when omitted.
  ///   - slackRows: read each row as `a'x <= b` (a slack variable in `[0, inf)` is appended).
  /// - Throws: ``LinearProgramError`` for mismatched sizes, NaN or infinite data, or bounds that
  ///   exclude every value (`l = +inf`, `u = -inf`).
  public init(
    sense: Sense, objective: [Double], constraints: [[Double]], rightHandSide: [Double],
    lower: [Double]? = nil, upper: [Double]? = nil, slackRows: Bool = false
  ) throws(LinearProgramError) {
    let n = objective.count
    let m = constraints.count
    guard rightHandSide.count == m else {
      throw .dimensionMismatch("\(m) rows but \(rightHandSide.count) right-hand sides")
    }
    for (i, row) in constraints.enumerated() where row.count != n {
      throw .dimensionMismatch("row \(i) has \(row.count) entries, expected \(n)")
    }
    let lower = lower ?? [Double](repeating: 0, count: n)
    let upper = upper ?? [Double](repeating: .infinity, count: n)
    guard lower.count == n, upper.count == n else {
      throw .dimensionMismatch(
        "\(n) variables but \(lower.count) lower, \(upper.count) upper bounds")
    }
    for (j, c) in objective.enumerated() where !c.isFinite { throw .notFinite("objective[\(j)]") }
    for (i, v) in rightHandSide.enumerated() where !v.isFinite {
      throw .notFinite("rightHandSide[\(i)]")
    }
    for (i, row) in constraints.enumerated() {
      for (j, v) in row.enumerated() where !v.isFinite {
        throw .notFinite("constraints[\(i)][\(j)]")
      }
    }
    for j in 0..<n {
      if lower[j].isNaN || upper[j].isNaN || lower[j] == .infinity || upper[j] == -.infinity {
        throw .invalidBound(j)
      }
    }
    let width = slackRows ? n + m : n
    var matrix = [Double](repeating: 0, count: m * width)
    for (i, row) in constraints.enumerated() {
      for j in 0..<n { matrix[i * width + j] = row[j] }
      if slackRows { matrix[i * width + n + i] = 1 }
    }
    self.sense = sense
    self.objective = objective + [Double](repeating: 0, count: width - n)
    self.matrix = matrix
    self.rightHandSide = rightHandSide
    self.lower = lower + [Double](repeating: 0, count: width - n)
    self.upper = upper + [Double](repeating: .infinity, count: width - n)
  }

  /// Solves the program by the two-phase bounded-variable simplex method.
  /// - Returns: the optimum (variables in the order given; slack columns, if any, after them),
  ///   or why there is none.
  public func solve() -> LinearProgramResult {
    let n = variableCount
    let m = rowCount
    // Shift every variable to [0, u']: x = l + x' (finite l), x = u - x' (only u finite), or
    // x = x+ - x- (free).
    enum Map { case shift(Double), mirror(Double), split }
    var maps: [Map] = []
    var columnsOf: [[Int]] = []
    var standardUpper: [Double] = []
    for j in 0..<n {
      if lower[j] > upper[j] { return .infeasible }
      if lower[j].isFinite {
        maps.append(.shift(lower[j]))
        columnsOf.append([standardUpper.count])
        standardUpper.append(upper[j] - lower[j])
      } else if upper[j].isFinite {
        maps.append(.mirror(upper[j]))
        columnsOf.append([standardUpper.count])
        standardUpper.append(.infinity)
      } else {
        maps.append(.split)
        columnsOf.append([standardUpper.count, standardUpper.count + 1])
        standardUpper += [.infinity, .infinity]
      }
    }
    let width = standardUpper.count
    var a = [Double](repeating: 0, count: m * width)
    var b = rightHandSide
    var costs = [Double](repeating: 0, count: width)
    for j in 0..<n {
      let cols = columnsOf[j]
      for i in 0..<m {
        let v = matrix[i * n + j]
        guard v != 0 else { continue }
        switch maps[j] {
        case .shift(let l):
          a[i * width + cols[0]] = v
          b[i] -= v * l
        case .mirror(let u):
          a[i * width + cols[0]] = -v
          b[i] -= v * u
        case .split:
          a[i * width + cols[0]] = v
          a[i * width + cols[1]] = -v
        }
      }
      switch maps[j] {
      case .shift: costs[cols[0]] = objective[j]
      case .mirror: costs[cols[0]] = -objective[j]
      case .split:
        costs[cols[0]] = objective[j]
        costs[cols[1]] = -objective[j]
      }
    }
    guard
      let simplex = BoundedSimplex(
        matrix: a, rhs: b, rows: m, columns: width, upper: standardUpper)
    else { return .infeasible }
    switch simplex.optimize(costs: costs, maximize: sense == .maximize) {
    case .unbounded: return .unbounded
    case .iterationLimit: return .iterationLimit
    case .optimal: break
    }
    let z = simplex.primal()
    var x = [Double](repeating: 0, count: n)
    var value = 0.0
    for j in 0..<n {
      let cols = columnsOf[j]
      switch maps[j] {
      case .shift(let l): x[j] = l + z[cols[0]]
      case .mirror(let u): x[j] = u - z[cols[0]]
      case .split: x[j] = z[cols[0]] - z[cols[1]]
      }
      value += objective[j] * x[j]
    }
    return .optimal(LinearProgramSolution(x: x, value: value, duals: simplex.duals()))
  }
}

/// The optimum of a ``LinearProgram``.
public struct LinearProgramSolution: Sendable {
  /// The optimal point.
  public let x: [Double]
  /// `c'x` at the optimum.
  public let value: Double
  /// One dual value per row: `c - A'y` is the vector of reduced costs.
  public let duals: [Double]
}

/// What solving a ``LinearProgram`` found.
public enum LinearProgramResult: Sendable {
  /// An optimal point.
  case optimal(LinearProgramSolution)
  /// No point satisfies the constraints and bounds.
  case infeasible
  /// The objective improves without limit over the feasible set.
  case unbounded
  /// The iteration cap was reached (numerical trouble; the anti-cycling rule rules out cycling).
  case iterationLimit
}

/// A malformed ``LinearProgram``.
public enum LinearProgramError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Rows, right-hand sides, objective or bounds have inconsistent lengths.
  case dimensionMismatch(String)
  /// A coefficient or right-hand side is NaN or infinite (named by its position).
  case notFinite(String)
  /// A variable's bounds are NaN, `l = +inf` or `u = -inf` (variable index).
  case invalidBound(Int)

  /// A one-line explanation.
  public var description: String {
    switch self {
    case .dimensionMismatch(let what): return "linear program: \(what)"
    case .notFinite(let what): return "linear program: \(what) is not a finite number"
    case .invalidBound(let j): return "linear program: variable \(j) has invalid bounds"
    }
  }
}

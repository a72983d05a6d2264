@_exported import TestSupport
import Testing

@testable import Disclosure

/// The seeded generator of the random problems (the shared SplitMix64).
typealias SeededGenerator = SplitMix64

private func optimum(_ result: LinearProgramResult) -> LinearProgramSolution? {
  if case .optimal(let s) = result { return s }
  return nil
}

/// Solves a small square system by Gaussian elimination with partial pivoting (nil if singular).
private func solveSquare(_ a: [[Double]], _ b: [Double]) -> [Double]? {
  let n = b.count
  var m = a
  var r = b
  for k in 0..<n {
    guard let p = (k..<n).max(by: { abs(m[$0][k]) < abs(m[$1][k]) }), abs(m[p][k]) > 1e-10 else {
      return nil
    }
    m.swapAt(k, p)
    r.swapAt(k, p)
    for i in (k + 1)..<n {
      let f = m[i][k] / m[k][k]
      for j in k..<n { m[i][j] -= f * m[k][j] }
      r[i] -= f * r[k]
    }
  }
  var x = [Double](repeating: 0, count: n)
  for k in stride(from: n - 1, through: 0, by: -1) {
    var s = r[k]
    for j in (k + 1)..<n { s -= m[k][j] * x[j] }
    x[k] = s / m[k][k]
  }
  return x
}

/// The minimum of c'x over A x = b, 0 <= x <= u by enumerating every basic solution (each choice
/// of m basic columns and of a bound for every other column); nil when none is feasible.
private func bruteForceMinimum(
  a: [[Double]], b: [Double], c: [Double], u: [Double]
) -> Double? {
  let m = b.count
  let n = c.count
  var best: Double?
  func subsets(_ start: Int, _ chosen: [Int]) {
    if chosen.count == m {
      let others = (0..<n).filter { !chosen.contains($0) }
      for mask in 0..<(1 << others.count) {
        var x = [Double](repeating: 0, count: n)
        for (k, j) in others.enumerated() { x[j] = (mask >> k) & 1 == 1 ? u[j] : 0 }
        let rhs = (0..<m).map { i in b[i] - others.reduce(0) { $0 + a[i][$1] * x[$1] } }
        guard let xb = solveSquare(a.map { row in chosen.map { row[$0] } }, rhs) else { continue }
        for (k, j) in chosen.enumerated() { x[j] = xb[k] }
        guard (0..<n).allSatisfy({ x[$0] >= -1e-7 && x[$0] <= u[$0] + 1e-7 }) else { continue }
        let value = zip(c, x).reduce(0) { $0 + $1.0 * $1.1 }
        best = min(best ?? value, value)
      }
      return
    }
    guard start < n else { return }
    for j in start..<n { subsets(j + 1, chosen + [j]) }
  }
  subsets(0, [])
  return best
}

@Suite("Linear programming")
struct LinearProgramTests {
  @Test("Textbook maximum (Hillier and Lieberman's Wyndor problem: 36 at (2, 6))")
  func wyndor() throws {
    let lp = try LinearProgram(
      sense: .maximize, objective: [3, 5], constraints: [[1, 0], [0, 2], [3, 2]],
      rightHandSide: [4, 12, 18], slackRows: true)
    let s = try #require(optimum(lp.solve()))
    #expect(abs(s.value - 36) <= 1e-9 * 36)
    #expect(abs(s.x[0] - 2) <= 1e-9 && abs(s.x[1] - 6) <= 1e-9)
    // Duals of the Wyndor problem: 0, 3/2, 1.
    #expect(abs(s.duals[0]) <= 1e-9 && abs(s.duals[1] - 1.5) <= 1e-9 && abs(s.duals[2] - 1) <= 1e-9)
  }

  @Test("Beale's cycling example terminates at its optimum -1/20")
  func bealeCycling() throws {
    let lp = try LinearProgram(
      sense: .minimize, objective: [-0.75, 150, -0.02, 6],
      constraints: [[0.25, -60, -0.04, 9], [0.5, -90, -0.02, 3], [0, 0, 1, 0]],
      rightHandSide: [0, 0, 1], slackRows: true)
    let s = try #require(optimum(lp.solve()))
    #expect(abs(s.value + 0.05) <= 1e-9)
    #expect(abs(s.x[0] - 0.04) <= 1e-9 && abs(s.x[2] - 1) <= 1e-9)
  }

  @Test("Infeasible and unbounded programs are reported as such")
  func infeasibleAndUnbounded() throws {
    let infeasible = try LinearProgram(
      sense: .minimize, objective: [1, 1], constraints: [[1, 1]], rightHandSide: [-1])
    guard case .infeasible = infeasible.solve() else {
      Issue.record("x + y = -1 with x, y >= 0 should be infeasible")
      return
    }
    let crossed = try LinearProgram(
      sense: .minimize, objective: [1], constraints: [], rightHandSide: [], lower: [2], upper: [1])
    guard case .infeasible = crossed.solve() else {
      Issue.record("l > u should be infeasible")
      return
    }
    let unbounded = try LinearProgram(
      sense: .maximize, objective: [1, 0], constraints: [[1, -1]], rightHandSide: [0])
    guard case .unbounded = unbounded.solve() else {
      Issue.record("max x with x = y should be unbounded")
      return
    }
  }

  @Test("Free, mirrored and boxed variables")
  func generalBounds() throws {
    // min x - y s.t. x + y = 2, x >= -1, y <= 5: x = -1, y = 3, value -4.
    let lp = try LinearProgram(
      sense: .minimize, objective: [1, -1], constraints: [[1, 1]], rightHandSide: [2],
      lower: [-1, -.infinity], upper: [.infinity, 5])
    let s = try #require(optimum(lp.solve()))
    #expect(abs(s.value + 4) <= 1e-9)
    // A free variable: min |shift| style, max z s.t. z - x = 1, x in [0, 3], z free: z = 4.
    let free = try LinearProgram(
      sense: .maximize, objective: [0, 1], constraints: [[-1, 1]], rightHandSide: [1],
      lower: [0, -.infinity], upper: [3, .infinity])
    let f = try #require(optimum(free.solve()))
    #expect(abs(f.value - 4) <= 1e-9)
  }

  @Test("Malformed programs are typed errors")
  func malformed() {
    #expect(throws: LinearProgramError.self) {
      try LinearProgram(
        sense: .minimize, objective: [1, 2], constraints: [[1]], rightHandSide: [1])
    }
    #expect(throws: LinearProgramError.notFinite("objective[0]")) {
      try LinearProgram(sense: .minimize, objective: [.nan], constraints: [], rightHandSide: [])
    }
  }

  @Test("Random feasible programs: feasible optimum, dual certificate, brute-force vertex value")
  func randomPrograms() throws {
    var rng = SeededGenerator(seed: 2030)
    var compared = 0
    for trial in 0..<400 {
      let m = Int.random(in: 1...3, using: &rng)
      let n = Int.random(in: (m + 1)...(m + 3), using: &rng)
      // Integer data with many zeros: degenerate vertices are common.
      let a = (0..<m).map { _ in (0..<n).map { _ in Double(Int.random(in: -2...3, using: &rng)) } }
      let x0 = (0..<n).map { _ in Double(Int.random(in: 0...4, using: &rng)) }
      let b = a.map { row in zip(row, x0).reduce(0) { $0 + $1.0 * $1.1 } }
      let c = (0..<n).map { _ in Double(Int.random(in: -5...5, using: &rng)) }
      let u = (0..<n).map { _ in trial % 2 == 0 ? 6.0 : Double(Int.random(in: 4...9, using: &rng)) }
      let lp = try LinearProgram(
        sense: .minimize, objective: c, constraints: a, rightHandSide: b, upper: u)
      let s = try #require(optimum(lp.solve()), "trial \(trial) has the feasible point x0")
      let scale = 1 + b.map(abs).max()! + u.max()!
      for i in 0..<m {
        let r = zip(a[i], s.x).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(r - b[i]) <= 1e-9 * scale, "trial \(trial) row \(i)")
      }
      for j in 0..<n {
        #expect(s.x[j] >= -1e-9 * scale && s.x[j] <= u[j] + 1e-9 * scale)
        // Reduced costs have the sign that proves optimality.
        let d = c[j] - (0..<m).reduce(0) { $0 + a[$1][j] * s.duals[$1] }
        let cScale = 1e-8 * (1 + c.map(abs).max()!)
        if s.x[j] <= 1e-9 * scale { #expect(d >= -cScale, "trial \(trial) column \(j)") }
        if s.x[j] >= u[j] - 1e-9 * scale { #expect(d <= cScale, "trial \(trial) column \(j)") }
        if s.x[j] > 1e-9 * scale && s.x[j] < u[j] - 1e-9 * scale { #expect(abs(d) <= cScale) }
      }
      if n <= 5, let best = bruteForceMinimum(a: a, b: b, c: c, u: u) {
        compared += 1
        #expect(abs(best - s.value) <= 1e-7 * (1 + abs(best)), "trial \(trial)")
      }
    }
    #expect(compared > 100)
  }
}

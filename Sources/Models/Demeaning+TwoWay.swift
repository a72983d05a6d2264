import LinearAlgebra

/// The exact solution of a two-way demeaning when one of the two fixed effects has few levels.
///
/// With few levels in one effect (learner + year, school + year), the large effect A is absorbed
/// by level means and the small effect B is solved from its Schur complement, the G_B x G_B system
///
///     (D_B' W M_A D_B) beta = D_B' W M_A y,    alpha_A = mean_A(y - D_B beta),
///
/// (Frisch-Waugh-Lovell with A absorbed and B as explicit dummies, as Stata's `areg` with year
/// dummies). It is the fixed point of the map on B's coefficients that fixest iterates for two
/// effects (Berge 2018, section 3), reached in one step. Redundant levels (one per connected
/// component) are aliased by the rank-revealing Cholesky and set to zero.
///
/// The coefficients only start the Gauss-Seidel iteration of `Demeaner`, whose first sweep then
/// measures the convergence criterion as usual: a weakly connected design, where the small
/// system is ill conditioned, simply keeps iterating from a good start.
struct TwoWayPartition: Sendable {
  /// Largest number of levels of the explicit effect.
  static let maximumSmallLevels = 1_000

  /// Position (in the demeaner's factors) of the absorbed effect and of the explicit one.
  let absorbed: Int
  let explicit: Int
  /// Factorisation of the Schur complement.
  let cholesky: RankRevealingCholesky

  /// Builds the small system; `nil` when the design does not suit (neither effect small, or the
  /// cross tabulation would cost much more than a few passes over the data).
  init?(_ demeaner: Demeaner) {
    guard demeaner.codes.count == 2, demeaner.n > 0 else { return nil }
    let levels = (0..<2).map { demeaner.levelCount($0) }
    let (a, b) = levels[0] >= levels[1] ? (0, 1) : (1, 0)
    let gb = levels[b]
    guard gb >= 1, gb <= Self.maximumSmallLevels else { return nil }
    let n = demeaner.n
    let codesA = demeaner.codes[a]
    let codesB = demeaner.codes[b]
    let ga = levels[a]
    // Observations grouped by level of A (counting sort; none needed when the rows already come
    // grouped, as a panel sorted by unit does: codes follow first appearance).
    var start = [Int](repeating: 0, count: ga + 1)
    var grouped = true
    codesA.withUnsafeBufferPointer { c in
      start.withUnsafeMutableBufferPointer { s in
        var previous: Int32 = 0
        for i in 0..<n {
          s[Int(c[i]) + 1] += 1
          if c[i] < previous { grouped = false }
          previous = c[i]
        }
      }
    }
    var work = 0
    for g in 0..<ga {
      let m = min(start[g + 1], gb)
      work += m * m
    }
    guard work <= 64 * n else { return nil }
    for g in 0..<ga { start[g + 1] += start[g] }
    let order = grouped ? [] : Self.order(codesA, start: start)
    // M = diag(W_B) - sum over levels of A of c c' / W_A, with c the weights of the level by B.
    var m = Matrix(rows: gb, columns: gb)
    let offsetA = demeaner.offsets[a]
    let offsetB = demeaner.offsets[b]
    for t in 0..<gb { m.storage[t * gb + t] = demeaner.levelWeight[offsetB + t] }
    var cell = [Double](repeating: 0, count: gb)
    var touched: [Int] = []
    touched.reserveCapacity(gb)
    let weights = demeaner.weights
    for g in 0..<ga {
      for k in start[g]..<start[g + 1] {
        let i = grouped ? k : Int(order[k])
        let t = Int(codesB[i])
        if cell[t] == 0 { touched.append(t) }
        cell[t] += weights?[i] ?? 1
      }
      let wa = demeaner.levelWeight[offsetA + g]
      for s in touched {
        let cs = cell[s] / wa
        for t in touched { m.storage[s * gb + t] -= cs * cell[t] }
      }
      for t in touched { cell[t] = 0 }
      touched.removeAll(keepingCapacity: true)
    }
    guard let factor = try? RankRevealingCholesky(m) else { return nil }
    absorbed = a
    explicit = b
    cholesky = factor
  }

  /// The observations grouped by level (a counting sort): level g holds `order[start[g]..<
  /// start[g + 1]]`.
  private static func order(_ codes: [Int32], start: [Int]) -> [Int32] {
    var order = [Int32](repeating: 0, count: codes.count)
    var fill = start
    codes.withUnsafeBufferPointer { c in
      fill.withUnsafeMutableBufferPointer { fill in
        order.withUnsafeMutableBufferPointer { order in
          for i in 0..<c.count {
            let g = Int(c[i])
            order[fill[g]] = Int32(i)
            fill[g] += 1
          }
        }
      }
    }
    return order
  }

  /// The fixed-effect coefficients of column `y`, concatenated in the demeaner's factor order.
  func coefficients(_ y: [Double], demeaner: Demeaner) -> [Double] {
    let n = demeaner.n
    let codesA = demeaner.codes[absorbed]
    let codesB = demeaner.codes[explicit]
    let offsetA = demeaner.offsets[absorbed]
    let offsetB = demeaner.offsets[explicit]
    let ga = demeaner.levelCount(absorbed)
    let gb = demeaner.levelCount(explicit)
    let weights = demeaner.weights
    let levelWeight = demeaner.levelWeight
    // Weighted means of y by level of A, then the right-hand side D_B' W (y - mean_A y).
    var meanA = [Double](repeating: 0, count: ga)
    var rhs = [Double](repeating: 0, count: gb)
    y.withUnsafeBufferPointer { y in
      codesA.withUnsafeBufferPointer { a in
        codesB.withUnsafeBufferPointer { b in
          meanA.withUnsafeMutableBufferPointer { meanA in
            for i in 0..<n { meanA[Int(a[i])] += (weights?[i] ?? 1) * y[i] }
            for g in 0..<ga { meanA[g] /= levelWeight[offsetA + g] }
            for i in 0..<n { rhs[Int(b[i])] += (weights?[i] ?? 1) * (y[i] - meanA[Int(a[i])]) }
          }
        }
      }
    }
    var beta = [Double](repeating: 0, count: gb)
    for (k, t) in zip(cholesky.solve(rhs), cholesky.kept) { beta[t] = k }
    // alpha_A = mean_A(y - D_B beta), written straight into the concatenated coefficients.
    var alpha = [Double](repeating: 0, count: demeaner.totalLevels)
    y.withUnsafeBufferPointer { y in
      codesA.withUnsafeBufferPointer { a in
        codesB.withUnsafeBufferPointer { b in
          alpha.withUnsafeMutableBufferPointer { alpha in
            guard let alphaBase = alpha.baseAddress else { return }
            let alphaA = alphaBase + offsetA
            for i in 0..<n { alphaA[Int(a[i])] += (weights?[i] ?? 1) * (y[i] - beta[Int(b[i])]) }
            for g in 0..<ga { alphaA[g] /= levelWeight[offsetA + g] }
            for t in 0..<gb { alpha[offsetB + t] = beta[t] }
          }
        }
      }
    }
    return alpha
  }
}

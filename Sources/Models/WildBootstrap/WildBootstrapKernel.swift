import LinearAlgebra

/// The restricted wild cluster bootstrap (WCR) of one coefficient by the per-cluster score
/// trick (Roodman, MacKinnon, Nielsen and Webb 2019): after one pass over the data everything
/// lives in G x G matrices, so a replication costs O(G^2) and nothing is refitted.
///
/// With bread A = (X'X)^-1, a = A e_j, w = X a and residuals u, the restricted residuals under
/// beta_j = r are u(r) = u + w (b_j - r) / A_jj, linear in r. A replication with cluster
/// multipliers v has b*_j - r = sum_g v_g s_g (s_g = w_g' u_g(r)) and cluster scores of the
/// bootstrap residuals (D(r) v)_h with D = E - C, E[h, g] = w_h' (M_FE (u(r) 1_g))_h (diagonal
/// s without fixed effects or with fixed effects nested in the clusters) and
/// C[h, g] = (X_h' w_h)' A X_g' u_g(r). Each replication is stored as the two linear parts in r
/// of its numerator and score vector, so p(r) for any r (test inversion) costs O(B G).
struct WildBootstrapKernel {
  let clusters: Int
  let estimate: Double
  /// The observed t statistic's denominator (unscaled CR0 standard error).
  let standardError: Double
  /// Per replication: numerator n0 - r n1, and the squared norm of the score vector
  /// d0 - r d1 as q00 - 2 r q01 + r^2 q11, so p(r) costs O(B).
  private var n0: [Double]
  private var n1: [Double]
  private var q00: [Double]
  private var q01: [Double]
  private var q11: [Double]
  let reps: Int
  let enumerated: Bool

  /// Precomputes the cluster matrices and draws the replications.
  /// - Parameters:
  ///   - x: the (demeaned) design on the kept columns, n x k.
  ///   - residuals: the fit's residuals.
  ///   - bread: (X'X)^-1.
  ///   - coefficients: the estimates.
  ///   - j: the tested coefficient's position.
  ///   - clusterCodes: cluster code per row, 0..<clusterCount.
  ///   - clusterCount: G.
  ///   - demean: projects the fixed effects out of several columns, or `nil` without them.
  ///   - options: reps, weights, seed.
  init(
    x: Matrix, residuals: [Double], bread: Matrix, coefficients: [Double], column j: Int,
    clusterCodes: [Int32], clusterCount: Int, demean: (([[Double]]) -> [[Double]])?,
    options: WildBootstrapOptions
  ) {
    let n = x.rows
    let k = x.columns
    let g = clusterCount
    clusters = g
    estimate = coefficients[j]
    let a = (0..<k).map { bread[$0, j] }
    let ajj = bread[j, j]
    var w = [Double](repeating: 0, count: n)
    for c in 0..<k where a[c] != 0 {
      let base = c * n
      for i in 0..<n { w[i] += x.storage[base + i] * a[c] }
    }
    // u(r) = u0 - r u1.
    let u0 = (0..<n).map { residuals[$0] + w[$0] * coefficients[j] / ajj }
    let u1 = w.map { $0 / ajj }
    // Cluster sums: S_g = X_g' u_g (for u0, u1 and the unrestricted u), Q_g = X_g' w_g.
    var s0 = [Double](repeating: 0, count: g * k)
    var s1 = s0
    var q = s0
    var scoreObserved = [Double](repeating: 0, count: g)
    for c in 0..<k {
      let base = c * n
      for i in 0..<n {
        let h = Int(clusterCodes[i]) * k + c
        let value = x.storage[base + i]
        s0[h] += value * u0[i]
        s1[h] += value * u1[i]
        q[h] += value * w[i]
      }
    }
    for i in 0..<n { scoreObserved[Int(clusterCodes[i])] += w[i] * residuals[i] }
    standardError = scoreObserved.reduce(0) { $0 + $1 * $1 }.squareRoot()
    func times(_ m: [Double], _ vector: [Double], row h: Int) -> Double {
      (0..<k).reduce(0) { $0 + m[h * k + $1] * vector[$1] }
    }
    // A S_g, then C[h, g] = Q_h' (A S_g); s_g = a' S_g.
    func products(_ s: [Double]) -> (c: [Double], s: [Double]) {
      var aS = [Double](repeating: 0, count: g * k)
      for gg in 0..<g {
        for r in 0..<k {
          aS[gg * k + r] = (0..<k).reduce(0) { $0 + bread[r, $1] * s[gg * k + $1] }
        }
      }
      var c = [Double](repeating: 0, count: g * g)
      for h in 0..<g {
        for gg in 0..<g { c[h * g + gg] = times(q, Array(aS[(gg * k)..<(gg * k + k)]), row: h) }
      }
      return (c, (0..<g).map { times(s, a, row: $0) })
    }
    let (c0, sc0) = products(s0)
    let (c1, sc1) = products(s1)
    // E[h, g]: diagonal s_g, unless the fixed effects mix clusters.
    func e(_ u: [Double], diagonal: [Double]) -> [Double] {
      var out = [Double](repeating: 0, count: g * g)
      guard let demean else {
        for h in 0..<g { out[h * g + h] = diagonal[h] }
        return out
      }
      var pieces = [[Double]](repeating: [Double](repeating: 0, count: n), count: g)
      for i in 0..<n { pieces[Int(clusterCodes[i])][i] = u[i] }
      let projected = demean(pieces)
      for gg in 0..<g {
        let p = projected[gg]
        for i in 0..<n { out[Int(clusterCodes[i]) * g + gg] += w[i] * p[i] }
      }
      return out
    }
    let e0 = e(u0, diagonal: sc0)
    let e1 = e(u1, diagonal: sc1)
    var dm0 = Matrix(rows: g, columns: g)
    var dm1 = Matrix(rows: g, columns: g)
    for h in 0..<g {
      for gg in 0..<g {
        dm0[h, gg] = e0[h * g + gg] - c0[h * g + gg]
        dm1[h, gg] = e1[h * g + gg] - c1[h * g + gg]
      }
    }
    // Replications: multipliers V (G x B, a column per replication), then the score vectors
    // D V by dgemm and the numerators s' V by dgemm.
    let enumerate = options.weights == .rademacher && g < 31 && (1 << g) <= options.reps
    let b = enumerate ? 1 << g : options.reps
    reps = b
    enumerated = enumerate
    var v = Matrix(rows: g, columns: b)
    if enumerate {
      for rep in 0..<b { for h in 0..<g { v.storage[rep * g + h] = (rep >> h) & 1 == 1 ? 1 : -1 } }
    } else {
      var stream = BootstrapStream(seed: options.seed)
      var column = [Double](repeating: 0, count: g)
      for rep in 0..<b {
        stream.fill(&column, options.weights)
        for h in 0..<g { v.storage[rep * g + h] = column[h] }
      }
    }
    let numerators = Matrix(rows: g, columns: 2, storage: sc0 + sc1)
      .multiplied(by: v, transposingSelf: true)
    let scores0 = dm0.multiplied(by: v)
    let scores1 = dm1.multiplied(by: v)
    n0 = [Double](repeating: 0, count: b)
    n1 = n0
    q00 = n0
    q01 = n0
    q11 = n0
    numerators.storage.withUnsafeBufferPointer { pn in
      scores0.storage.withUnsafeBufferPointer { p0 in
        scores1.storage.withUnsafeBufferPointer { p1 in
          for rep in 0..<b {
            n0[rep] = pn[rep * 2]
            n1[rep] = pn[rep * 2 + 1]
            var a00 = 0.0
            var a01 = 0.0
            var a11 = 0.0
            for h in (rep * g)..<(rep * g + g) {
              a00 += p0[h] * p0[h]
              a01 += p0[h] * p1[h]
              a11 += p1[h] * p1[h]
            }
            q00[rep] = a00
            q01[rep] = a01
            q11[rep] = a11
          }
        }
      }
    }
  }

  /// The bootstrap p-value of beta_j = r: the share of replications with |t*| > |t|.
  ///
  /// Ties (to a relative 1e-9) do not count: under full enumeration the sign patterns +1 and -1
  /// reproduce the sample exactly, and deciding them by a relative margin keeps the p-value from
  /// depending on rounding; wildboottest's strict comparison excludes them too.
  func pValue(null r: Double) -> Double {
    let observed = abs((estimate - r) / standardError) * (1 + 1e-9)
    var exceed = 0
    for rep in 0..<reps {
      let numerator = n0[rep] - r * n1[rep]
      let squared = max(q00[rep] - 2 * r * q01[rep] + r * r * q11[rep], 0)
      if abs(numerator) > observed * squared.squareRoot() { exceed += 1 }
    }
    return Double(exceed) / Double(reps)
  }

  /// The confidence interval by test inversion: the values r with p(r) >= 1 - level, found by
  /// bisection outward from the estimate; `nil` ends where no r within 1,000 standard errors
  /// rejects (the set is unbounded on that side).
  func confidenceInterval(level: Double, scale: Double) -> (low: Double?, high: Double?) {
    let alpha = 1 - level
    func bound(_ direction: Double) -> Double? {
      var inside = estimate
      var step = max(scale, abs(estimate) * 1e-8, 1e-300)
      var outside = estimate + direction * step
      var tries = 0
      while pValue(null: outside) > alpha {
        inside = outside
        step *= 2
        outside = estimate + direction * step
        tries += 1
        if tries > 20 { return nil }
      }
      for _ in 0..<60 {
        let mid = (inside + outside) / 2
        if pValue(null: mid) > alpha { inside = mid } else { outside = mid }
        if abs(outside - inside) <= 1e-10 * max(scale, abs(estimate)) { break }
      }
      return (inside + outside) / 2
    }
    return (bound(-1), bound(1))
  }
}

/// The four outcome regressions of the repeated cross-section doubly robust estimator.
///
/// Comparisons and cohort, earlier and later period, fitted together in one pass over the
/// comparison's rows. Subset `s = 2 d + post`: 0 comparisons earlier, 1 comparisons later,
/// 2 cohort earlier, 3 cohort later.
struct CellRegressions {
  /// Covariate columns.
  let k: Int
  /// Coefficients of subset `s` at `s * k ..< (s + 1) * k`.
  let beta: [Double]
  /// `(sum_subset x x' / n)^-1` of subset `s` (DRDID `XpX.inv`), column-major k x k at
  /// `s * k * k`.
  let scaledInverse: [Double]

  /// The subset of a row.
  @inline(__always)
  static func subset(d: Double, post: Double) -> Int { (d > 0 ? 2 : 0) + (post > 0 ? 1 : 0) }

  /// Fits the four regressions of `y` on the covariates.
  /// - Returns: the fits, or `nil` when a subset's cross-product is singular
  ///   (R's `rcond < .Machine$double.eps`).
  static func fit(_ design: DiDCellDesign, y: [Double], post: [Double], d: [Double])
    -> CellRegressions?
  {
    let n = design.n
    let k = design.k
    var xtx = [Double](repeating: 0, count: 4 * k * k)
    var xty = [Double](repeating: 0, count: 4 * k)
    design.x.withUnsafeBufferPointer { xs in
      xtx.withUnsafeMutableBufferPointer { a in
        xty.withUnsafeMutableBufferPointer { b in
          for i in 0..<n {
            let s = subset(d: d[i], post: post[i])
            let yi = y[i]
            for p in 0..<k {
              let xp = xs[p * n + i]
              b[s * k + p] += xp * yi
              for q in p..<k { a[s * k * k + p * k + q] += xp * xs[q * n + i] }
            }
          }
        }
      }
    }
    var beta = [Double](repeating: 0, count: 4 * k)
    var scaled = [Double](repeating: 0, count: 4 * k * k)
    for s in 0..<4 {
      var block = Array(xtx[(s * k * k)..<((s + 1) * k * k)])
      for p in 0..<k { for q in p..<k { block[q * k + p] = block[p * k + q] } }
      guard let (inverse, rcond) = SmallSymmetric.inverse(block, k: k), rcond >= Double.ulpOfOne
      else { return nil }
      let b = SmallSymmetric.times(inverse, Array(xty[(s * k)..<((s + 1) * k)]), k: k)
      for p in 0..<k { beta[s * k + p] = b[p] }
      for j in 0..<(k * k) { scaled[s * k * k + j] = inverse[j] * Double(n) }
    }
    return CellRegressions(k: k, beta: beta, scaledInverse: scaled)
  }

  /// The fitted value of subset `s`'s regression at row `i`.
  @inline(__always)
  func fitted(_ s: Int, _ xs: UnsafeBufferPointer<Double>, row i: Int, n: Int) -> Double {
    var v = 0.0
    for p in 0..<k { v += xs[p * n + i] * beta[s * k + p] }
    return v
  }

  /// `scaledInverse(s) * moment`.
  func project(_ s: Int, _ moment: [Double]) -> [Double] {
    SmallSymmetric.times(Array(scaledInverse[(s * k * k)..<((s + 1) * k * k)]), moment, k: k)
  }
}

extension DRDIDCrossSection {
  /// Sums over the rows of one of DRDID's weights: the total, the weighted sum of a value, and
  /// `sum w x` (length k).
  struct WeightedSums {
    var total = 0.0
    var value = 0.0
    var x: [Double]

    init(k: Int) { x = [Double](repeating: 0, count: k) }

    /// `sum w v / sum w`: DRDID's `mean(eta.*)`.
    var mean: Double { value / total }
  }

  /// DRDID's `drdid_rc`, the locally efficient doubly robust estimator for repeated sections.
  ///
  /// Sant'Anna and Zhao (2020), eq. 3.4, with its influence function. DRDID writes it with a
  /// dozen length-n weight vectors and column means; here the same sums are accumulated in
  /// three passes over the rows (totals, centred moments, influence function), each row's
  /// fitted values recomputed from the coefficients, so a cell costs a few passes over its own
  /// rows and no per-term arrays.
  static func doublyRobust(
    y: [Double], post: [Double], d: [Double], design: DiDCellDesign, ps: DiDPropensityScore,
    hessian: [Double]
  ) throws -> TwoByTwoEstimate {
    guard let fits = CellRegressions.fit(design, y: y, post: post, d: d) else {
      throw TwoByTwoFailure.singular("outcome regression")
    }
    let n = design.n
    let k = design.k
    let p = ps.fitted
    // Comparison weight of a row: DRDID's trimmed odds p / (1 - p).
    @inline(__always) func odds(_ i: Int) -> Double {
      p[i] < DRDIDPanel.trimLevel ? p[i] / (1 - p[i]) : 0
    }
    // Pass 1: totals of the four cell weights with their weighted residual sums (the `eta`
    // means), and the cohort's gaps between the cohort and comparison regressions.
    // Index s = 2 d + post as in `CellRegressions`.
    var total = [Double](repeating: 0, count: 4)
    var residualSum = [Double](repeating: 0, count: 4)
    var gap = (dPost: 0.0, dt1Post: 0.0, dPre: 0.0, dt0Pre: 0.0)
    design.x.withUnsafeBufferPointer { xs in
      for i in 0..<n {
        let s = CellRegressions.subset(d: d[i], post: post[i])
        let w = s >= 2 ? 1 : odds(i)
        let contFit = fits.fitted(s & 1, xs, row: i, n: n)
        total[s] += w
        residualSum[s] += w * (y[i] - contFit)
        if s >= 2 {
          let gapPost = fits.fitted(3, xs, row: i, n: n) - fits.fitted(1, xs, row: i, n: n)
          let gapPre = fits.fitted(2, xs, row: i, n: n) - fits.fitted(0, xs, row: i, n: n)
          gap.dPost += gapPost
          gap.dPre += gapPre
          if s == 3 { gap.dt1Post += gapPost } else { gap.dt0Pre += gapPre }
        }
      }
    }
    let mean = (0..<4).map { residualSum[$0] / total[$0] }
    let totalD = total[2] + total[3]
    let gapMean = (
      dPost: gap.dPost / totalD, dt1Post: gap.dt1Post / total[3], dPre: gap.dPre / totalD,
      dt0Pre: gap.dt0Pre / total[2]
    )
    let att =
      (mean[3] - mean[2]) - (mean[1] - mean[0]) + (gapMean.dPost - gapMean.dt1Post)
      - (gapMean.dPre - gapMean.dt0Pre)

    // Pass 2: `sum w x` of each cell weight and the comparisons' centred residual moments.
    var weightX = [Double](repeating: 0, count: 4 * k)
    var centred = [Double](repeating: 0, count: 2 * k)
    design.x.withUnsafeBufferPointer { xs in
      for i in 0..<n {
        let s = CellRegressions.subset(d: d[i], post: post[i])
        let w = s >= 2 ? 1 : odds(i)
        if w == 0 { continue }
        let c = s < 2 ? w * (y[i] - fits.fitted(s, xs, row: i, n: n) - mean[s]) : 0
        for a in 0..<k {
          let xa = xs[a * n + i]
          weightX[s * k + a] += w * xa
          if s < 2 { centred[s * k + a] += c * xa }
        }
      }
    }
    func scaled(_ s: Int, _ a: Int) -> Double { weightX[s * k + a] / total[s] }
    // DRDID's M1 (cohort) and M3 (comparisons), with their signs; `mom` the efficiency terms.
    let m1Post = (0..<k).map { -scaled(3, $0) }
    let m1Pre = (0..<k).map { -scaled(2, $0) }
    let m3Post = (0..<k).map { -scaled(1, $0) }
    let m3Pre = (0..<k).map { -scaled(0, $0) }
    let meanDX = (0..<k).map { (weightX[2 * k + $0] + weightX[3 * k + $0]) / totalD }
    let momPost = (0..<k).map { meanDX[$0] - scaled(3, $0) }
    let momPre = (0..<k).map { meanDX[$0] - scaled(2, $0) }
    let psMoment = (0..<k).map { centred[k + $0] / total[1] - centred[$0] / total[0] }
    // The outcome-regression corrections, one linear representation per regression with the
    // moments it meets combined: treated part (M1), comparison part (M3, with a minus), the
    // efficiency terms (mom). The earlier period enters the ATT with a minus sign, so do its
    // corrections (as Python csdid; DRDID 1.2.3's `drdid_rc` adds them, which only matters with
    // covariates).
    let projections = [
      fits.project(0, (0..<k).map { -m1Pre[$0] + m3Pre[$0] + momPre[$0] }),
      fits.project(1, (0..<k).map { m1Post[$0] - m3Post[$0] - momPost[$0] }),
      fits.project(2, momPre).map { -$0 },
      fits.project(3, momPost),
    ].flatMap { $0 }
    let psProjection = SmallSymmetric.times(hessian, psMoment, k: k)

    // Pass 3: the influence function, term by term as DRDID's `dr.att.inf.func`.
    let scale = Double(n)
    var influence = [Double](repeating: 0, count: n)
    design.x.withUnsafeBufferPointer { xs in
      for i in 0..<n {
        let s = CellRegressions.subset(d: d[i], post: post[i])
        let w = s >= 2 ? 1 : odds(i)
        let contFit = fits.fitted(s & 1, xs, row: i, n: n)
        let ownFit = s < 2 ? contFit : fits.fitted(s, xs, row: i, n: n)
        var psDot = 0.0
        var regressionDot = 0.0
        for a in 0..<k {
          let xa = xs[a * n + i]
          psDot += xa * psProjection[a]
          regressionDot += xa * projections[s * k + a]
        }
        // Treated part minus comparison part: cell weight times centred residual, with the
        // earlier period negative.
        let sign: Double = (s & 1) == 1 ? 1 : -1
        let cellTerm = sign * scale * w * (y[i] - contFit - mean[s]) / total[s]
        var value = (s >= 2 ? cellTerm : -cellTerm) - (d[i] - p[i]) * psDot
        if s >= 2 {
          let gapPost = fits.fitted(3, xs, row: i, n: n) - fits.fitted(1, xs, row: i, n: n)
          let gapPre = fits.fitted(2, xs, row: i, n: n) - fits.fitted(0, xs, row: i, n: n)
          value += scale * (gapPost - gapMean.dPost) / totalD
          value -= scale * (gapPre - gapMean.dPre) / totalD
          if s == 3 {
            value -= scale * (gapPost - gapMean.dt1Post) / total[3]
          } else {
            value += scale * (gapPre - gapMean.dt0Pre) / total[2]
          }
        }
        influence[i] = value + (y[i] - ownFit) * regressionDot
      }
    }
    return TwoByTwoEstimate(att: att, influence: influence)
  }
}

/// The repeated cross-section 2x2 estimators of DRDID (Sant'Anna and Zhao 2020) on pooled rows
/// of the two periods, with unit weights 1: `reg_did_rc`, `std_ipw_did_rc` and `drdid_rc` (the
/// locally efficient doubly robust estimator R `did` uses), formulas as in DRDID 1.2.
enum DRDIDCrossSection {
  /// The ATT and influence function (one value per row) of one comparison.
  /// - Parameters:
  ///   - estimator: outcome regression, IPW or doubly robust.
  ///   - y: outcome of each row.
  ///   - post: 1 for rows of the later period, 0 for the earlier.
  ///   - d: 1 for the cohort's rows, 0 for comparisons.
  ///   - design: covariates (intercept first).
  ///   - groups: rows the propensity score fits together (a unit's two rows with the same
  ///     covariates), or `nil`.
  /// - Throws: `TwoByTwoFailure` when the comparison cannot be estimated.
  /// - Returns: the estimate.
  static func estimate(
    _ estimator: DiDEstimator, y: [Double], post: [Double], treated d: [Double],
    design: DiDCellDesign, groups: DiDPropensityScore.RowGroups? = nil
  ) throws -> TwoByTwoEstimate {
    let n = design.n
    func subset(_ treatedValue: Double, _ postValue: Double) -> [Double] {
      (0..<n).map { d[$0] == treatedValue && post[$0] == postValue ? 1 : 0 }
    }
    func regression(_ treatedValue: Double, _ postValue: Double) throws -> DiDOutcomeRegression {
      guard
        let fit = DiDOutcomeRegression.fit(
          design, y: y, subset: subset(treatedValue, postValue))
      else { throw TwoByTwoFailure.singular("outcome regression") }
      return fit
    }
    switch estimator {
    case .regression:
      return self.regression(
        y: y, post: post, d: d, design: design, pre: try regression(0, 0),
        postFit: try regression(0, 1))
    case .ipw, .doublyRobust:
      let ps = DiDPropensityScore.fit(design, treated: d, groups: groups)
      guard ps.maximum < 0.999 else { throw TwoByTwoFailure.overlap }
      guard let hessian = ps.hessian else { throw TwoByTwoFailure.singular("propensity score") }
      if estimator == .ipw {
        return ipw(y: y, post: post, d: d, design: design, ps: ps, hessian: hessian)
      }
      return try doublyRobust(
        y: y, post: post, d: d, design: design, ps: ps, hessian: hessian)
    }
  }

  static func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }

  /// DRDID `reg_did_rc`.
  static func regression(
    y: [Double], post: [Double], d: [Double], design: DiDCellDesign, pre: DiDOutcomeRegression,
    postFit: DiDOutcomeRegression
  ) -> TwoByTwoEstimate {
    let n = design.n
    let wPre = (0..<n).map { d[$0] * (1 - post[$0]) }
    let wPost = (0..<n).map { d[$0] * post[$0] }
    let meanPre = mean(wPre)
    let meanPost = mean(wPost)
    let meanD = mean(d)
    let etaPre = mean((0..<n).map { wPre[$0] * y[$0] }) / meanPre
    let etaPost = mean((0..<n).map { wPost[$0] * y[$0] }) / meanPost
    let contTerm = (0..<n).map { d[$0] * (postFit.fitted[$0] - pre.fitted[$0]) }
    let etaCont = mean(contTerm) / meanD
    let m1 = design.columnMeans(d)
    let orPost = postFit.linearRepresentation(design, y: y, moment: m1)
    let orPre = pre.linearRepresentation(design, y: y, moment: m1)
    var influence = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let infTreat =
        wPost[i] * (y[i] - etaPost) / meanPost - wPre[i] * (y[i] - etaPre) / meanPre
      let infControl = (contTerm[i] - d[i] * etaCont + orPost[i] - orPre[i]) / meanD
      influence[i] = infTreat - infControl
    }
    return TwoByTwoEstimate(att: (etaPost - etaPre) - etaCont, influence: influence)
  }

  /// Trimmed weights of the four cells, DRDID's `w.treat.pre` to `w.cont.post`.
  struct CellWeights {
    var treatPre, treatPost, contPre, contPost, trim: [Double]

    init(d: [Double], post: [Double], ps: DiDPropensityScore) {
      let n = d.count
      trim = (0..<n).map { d[$0] > 0 || ps.fitted[$0] < DRDIDPanel.trimLevel ? 1 : 0 }
      treatPre = [Double](repeating: 0, count: n)
      treatPost = treatPre
      contPre = treatPre
      contPost = treatPre
      for i in 0..<n where trim[i] > 0 {
        let odds = ps.fitted[i] / (1 - ps.fitted[i])
        if d[i] > 0 {
          if post[i] > 0 { treatPost[i] = 1 } else { treatPre[i] = 1 }
        } else {
          if post[i] > 0 { contPost[i] = odds } else { contPre[i] = odds }
        }
      }
    }
  }

  /// `w_i (y_i - c) / mean(w)` for every row, and its mean (DRDID's `eta.*` and `att.*`).
  static func normalised(_ w: [Double], _ v: [Double]) -> (eta: [Double], mean: Double) {
    let m = mean(w)
    let eta = (0..<w.count).map { w[$0] * v[$0] / m }
    return (eta, mean(eta))
  }

  /// DRDID's `inf.*`: `eta_i - w_i att / mean(w)`.
  static func centred(_ eta: [Double], _ w: [Double], _ att: Double) -> [Double] {
    let m = mean(w)
    return (0..<w.count).map { eta[$0] - w[$0] * att / m }
  }

  /// DRDID `std_ipw_did_rc`.
  static func ipw(
    y: [Double], post: [Double], d: [Double], design: DiDCellDesign, ps: DiDPropensityScore,
    hessian: [Double]
  ) -> TwoByTwoEstimate {
    let n = design.n
    let w = CellWeights(d: d, post: post, ps: ps)
    let treatPre = normalised(w.treatPre, y)
    let treatPost = normalised(w.treatPost, y)
    let contPre = normalised(w.contPre, y)
    let contPost = normalised(w.contPost, y)
    let att = (treatPost.mean - treatPre.mean) - (contPost.mean - contPre.mean)
    let m2Pre = design.columnMeans((0..<n).map { w.contPre[$0] * (y[$0] - contPre.mean) })
      .map { $0 / mean(w.contPre) }
    let m2Post = design.columnMeans((0..<n).map { w.contPost[$0] * (y[$0] - contPost.mean) })
      .map { $0 / mean(w.contPost) }
    let psPart = ps.linearRepresentation(
      design, treated: d, moment: zip(m2Post, m2Pre).map { $0 - $1 }, hessian: hessian)
    let iTreatPre = centred(treatPre.eta, w.treatPre, treatPre.mean)
    let iTreatPost = centred(treatPost.eta, w.treatPost, treatPost.mean)
    let iContPre = centred(contPre.eta, w.contPre, contPre.mean)
    let iContPost = centred(contPost.eta, w.contPost, contPost.mean)
    var influence = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let treatPart: Double = iTreatPost[i] - iTreatPre[i]
      let contPart: Double = iContPost[i] - iContPre[i] + psPart[i]
      influence[i] = treatPart - contPart
    }
    return TwoByTwoEstimate(att: att, influence: influence)
  }
}

/// The four outcome regressions of the repeated cross-section doubly robust estimator.
struct DoublyRobustFits {
  /// Comparisons, earlier period.
  let contPre: DiDOutcomeRegression
  /// Comparisons, later period.
  let contPost: DiDOutcomeRegression
  /// Cohort, earlier period.
  let treatPre: DiDOutcomeRegression
  /// Cohort, later period.
  let treatPost: DiDOutcomeRegression
}

extension DRDIDCrossSection {
  /// DRDID's `drdid_rc`, the locally efficient doubly robust estimator for repeated sections.
  ///
  /// Sant'Anna and Zhao (2020), eq. 3.4, with its influence function.
  static func doublyRobust(
    y: [Double], post: [Double], d: [Double], design: DiDCellDesign, ps: DiDPropensityScore,
    hessian: [Double], fits: DoublyRobustFits
  ) -> TwoByTwoEstimate {
    let n = design.n
    let w = CellWeights(d: d, post: post, ps: ps)
    let outCont = (0..<n).map {
      post[$0] * fits.contPost.fitted[$0] + (1 - post[$0]) * fits.contPre.fitted[$0]
    }
    let residual = (0..<n).map { y[$0] - outCont[$0] }
    let wD = (0..<n).map { w.trim[$0] * d[$0] }
    let wDt1 = (0..<n).map { wD[$0] * post[$0] }
    let wDt0 = (0..<n).map { wD[$0] * (1 - post[$0]) }
    let gapPost = (0..<n).map { fits.treatPost.fitted[$0] - fits.contPost.fitted[$0] }
    let gapPre = (0..<n).map { fits.treatPre.fitted[$0] - fits.contPre.fitted[$0] }
    let treatPre = normalised(w.treatPre, residual)
    let treatPost = normalised(w.treatPost, residual)
    let contPre = normalised(w.contPre, residual)
    let contPost = normalised(w.contPost, residual)
    let dPost = normalised(wD, gapPost)
    let dt1Post = normalised(wDt1, gapPost)
    let dPre = normalised(wD, gapPre)
    let dt0Pre = normalised(wDt0, gapPre)
    let att =
      (treatPost.mean - treatPre.mean) - (contPost.mean - contPre.mean)
      + (dPost.mean - dt1Post.mean) - (dPre.mean - dt0Pre.mean)

    func scaledMeans(_ weights: [Double], _ values: [Double]) -> [Double] {
      let m = mean(weights)
      return design.columnMeans((0..<n).map { weights[$0] * values[$0] }).map { $0 / m }
    }
    let ones = [Double](repeating: 1, count: n)
    // Outcome-regression corrections of the treated part (M1) and the comparison part (M3).
    let m1Post = scaledMeans(w.treatPost, post).map { -$0 }
    let m1Pre = scaledMeans(w.treatPre, post.map { 1 - $0 }).map { -$0 }
    let m3Post = scaledMeans(w.contPost, post).map { -$0 }
    let m3Pre = scaledMeans(w.contPre, post.map { 1 - $0 }).map { -$0 }
    let m2Pre = scaledMeans(w.contPre, residual.map { $0 - contPre.mean })
    let m2Post = scaledMeans(w.contPost, residual.map { $0 - contPost.mean })
    let psPart = ps.linearRepresentation(
      design, treated: d, moment: zip(m2Post, m2Pre).map { $0 - $1 }, hessian: hessian)
    // The outcome-regression corrections, one linear representation per regression with the
    // moments it meets combined: treated part (M1), comparison part (M3, with a minus), the
    // efficiency terms (mom). The earlier period enters the ATT with a minus sign, so do its
    // corrections (as Python csdid; DRDID 1.2.3's `drdid_rc` adds them, which only matters with
    // covariates).
    let momPost = zip(scaledMeans(wD, ones), scaledMeans(wDt1, ones)).map { $0 - $1 }
    let momPre = zip(scaledMeans(wD, ones), scaledMeans(wDt0, ones)).map { $0 - $1 }
    let contPostMoment = (0..<design.k).map { m1Post[$0] - m3Post[$0] - momPost[$0] }
    let contPreMoment = (0..<design.k).map { -m1Pre[$0] + m3Pre[$0] + momPre[$0] }
    let regression = add(
      add(
        fits.contPost.linearRepresentation(design, y: y, moment: contPostMoment),
        fits.contPre.linearRepresentation(design, y: y, moment: contPreMoment)),
      subtract(
        fits.treatPost.linearRepresentation(design, y: y, moment: momPost),
        fits.treatPre.linearRepresentation(design, y: y, moment: momPre)))

    let iTreatPre = centred(treatPre.eta, w.treatPre, treatPre.mean)
    let iTreatPost = centred(treatPost.eta, w.treatPost, treatPost.mean)
    let iContPre = centred(contPre.eta, w.contPre, contPre.mean)
    let iContPost = centred(contPost.eta, w.contPost, contPost.mean)
    let e1 = centred(dPost.eta, wD, dPost.mean)
    let e2 = centred(dt1Post.eta, wDt1, dt1Post.mean)
    let e3 = centred(dPre.eta, wD, dPre.mean)
    let e4 = centred(dt0Pre.eta, wDt0, dt0Pre.mean)
    var influence = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let infTreat = iTreatPost[i] - iTreatPre[i]
      let infCont = iContPost[i] - iContPre[i] + psPart[i]
      let efficiency = (e1[i] - e2[i]) - (e3[i] - e4[i])
      influence[i] = infTreat - infCont + efficiency + regression[i]
    }
    return TwoByTwoEstimate(att: att, influence: influence)
  }

  static func add(_ a: [Double], _ b: [Double]) -> [Double] { zip(a, b).map { $0 + $1 } }
  static func subtract(_ a: [Double], _ b: [Double]) -> [Double] { zip(a, b).map { $0 - $1 } }
}

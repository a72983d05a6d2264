/// The estimate and influence function (one value per row of the comparison) of a 2x2 DiD.
struct TwoByTwoEstimate {
  /// The average effect on the treated.
  let att: Double
  /// The influence function, aligned with the comparison's rows.
  let influence: [Double]
}

/// Why a 2x2 comparison has no estimate (R `did` then reports the cell as NA with a warning).
enum TwoByTwoFailure: Error {
  /// The propensity score reaches 0.999: a covariate (nearly) predicts treatment.
  case overlap
  /// A regression's cross-product is singular (collinear covariates or too few comparisons).
  case singular(String)
}

/// The panel 2x2 estimators of DRDID (Sant'Anna and Zhao 2020) on the change in outcome of
/// each unit, with unit weights 1: `reg_did_panel`, `std_ipw_did_panel` and `drdid_panel`
/// (propensity score trimmed at 0.995 for comparisons), formulas as in DRDID 1.2.
enum DRDIDPanel {
  /// Trimming level of comparison units' propensity scores (DRDID `trim.level`).
  static let trimLevel = 0.995

  /// The ATT and influence function of one comparison.
  /// - Parameters:
  ///   - estimator: outcome regression, IPW or doubly robust.
  ///   - deltaY: outcome change of each unit, later period minus earlier.
  ///   - treated: 1 for the cohort's units, 0 for comparisons.
  ///   - design: covariates (intercept first), from the earlier period.
  /// - Throws: `TwoByTwoFailure` when the comparison cannot be estimated.
  /// - Returns: the estimate.
  static func estimate(
    _ estimator: DiDEstimator, deltaY: [Double], treated: [Double], design: DiDCellDesign
  ) throws -> TwoByTwoEstimate {
    let control = treated.map { 1 - $0 }
    switch estimator {
    case .regression:
      guard let or = DiDOutcomeRegression.fit(design, y: deltaY, subset: control) else {
        throw TwoByTwoFailure.singular("outcome regression")
      }
      return regression(deltaY: deltaY, treated: treated, design: design, or: or)
    case .ipw, .doublyRobust:
      let ps = DiDPropensityScore.fit(design, treated: treated)
      guard ps.maximum < 0.999 else { throw TwoByTwoFailure.overlap }
      guard let hessian = ps.hessian else { throw TwoByTwoFailure.singular("propensity score") }
      if estimator == .ipw {
        return ipw(deltaY: deltaY, treated: treated, design: design, ps: ps, hessian: hessian)
      }
      guard let or = DiDOutcomeRegression.fit(design, y: deltaY, subset: control) else {
        throw TwoByTwoFailure.singular("outcome regression")
      }
      return doublyRobust(
        deltaY: deltaY, treated: treated, design: design, ps: ps, hessian: hessian, or: or)
    }
  }

  static func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }

  /// DRDID `reg_did_panel`.
  static func regression(
    deltaY: [Double], treated d: [Double], design: DiDCellDesign, or: DiDOutcomeRegression
  ) -> TwoByTwoEstimate {
    let n = design.n
    let meanD = mean(d)
    let treatTerm = (0..<n).map { d[$0] * deltaY[$0] }
    let contTerm = (0..<n).map { d[$0] * or.fitted[$0] }
    let etaTreat = mean(treatTerm) / meanD
    let etaCont = mean(contTerm) / meanD
    let orPart = or.linearRepresentation(design, y: deltaY, moment: design.columnMeans(d))
    var influence = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let infTreat = (treatTerm[i] - d[i] * etaTreat) / meanD
      let infControl = (contTerm[i] - d[i] * etaCont + orPart[i]) / meanD
      influence[i] = infTreat - infControl
    }
    return TwoByTwoEstimate(att: etaTreat - etaCont, influence: influence)
  }

  /// Trimmed weights of treated and comparison units (DRDID `w.treat`, `w.cont`).
  static func weights(_ d: [Double], _ ps: DiDPropensityScore) -> (treat: [Double], cont: [Double])
  {
    let n = d.count
    var treat = [Double](repeating: 0, count: n)
    var cont = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let p = ps.fitted[i]
      if d[i] > 0 {
        treat[i] = d[i]
      } else if p < trimLevel {
        cont[i] = p / (1 - p)
      }
    }
    return (treat, cont)
  }

  /// DRDID `std_ipw_did_panel`.
  static func ipw(
    deltaY: [Double], treated d: [Double], design: DiDCellDesign, ps: DiDPropensityScore,
    hessian: [Double]
  ) -> TwoByTwoEstimate {
    let n = design.n
    let (wTreat, wCont) = weights(d, ps)
    let meanTreat = mean(wTreat)
    let meanCont = mean(wCont)
    let etaTreat = mean((0..<n).map { wTreat[$0] * deltaY[$0] }) / meanTreat
    let etaCont = mean((0..<n).map { wCont[$0] * deltaY[$0] }) / meanCont
    let m2 = design.columnMeans((0..<n).map { wCont[$0] * (deltaY[$0] - etaCont) })
    let psPart = ps.linearRepresentation(design, treated: d, moment: m2, hessian: hessian)
    var influence = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let infTreat = wTreat[i] * (deltaY[i] - etaTreat) / meanTreat
      let infControl = (wCont[i] * (deltaY[i] - etaCont) + psPart[i]) / meanCont
      influence[i] = infTreat - infControl
    }
    return TwoByTwoEstimate(att: etaTreat - etaCont, influence: influence)
  }

  /// DRDID `drdid_panel` (the locally efficient doubly robust estimator R `did` uses).
  static func doublyRobust(
    deltaY: [Double], treated d: [Double], design: DiDCellDesign, ps: DiDPropensityScore,
    hessian: [Double], or: DiDOutcomeRegression
  ) -> TwoByTwoEstimate {
    let n = design.n
    let (wTreat, wCont) = weights(d, ps)
    let residual = (0..<n).map { deltaY[$0] - or.fitted[$0] }
    let meanTreat = mean(wTreat)
    let meanCont = mean(wCont)
    let etaTreat = mean((0..<n).map { wTreat[$0] * residual[$0] }) / meanTreat
    let etaCont = mean((0..<n).map { wCont[$0] * residual[$0] }) / meanCont
    let treatOR = or.linearRepresentation(design, y: deltaY, moment: design.columnMeans(wTreat))
    let m2 = design.columnMeans((0..<n).map { wCont[$0] * (residual[$0] - etaCont) })
    let psPart = ps.linearRepresentation(design, treated: d, moment: m2, hessian: hessian)
    let contOR = or.linearRepresentation(design, y: deltaY, moment: design.columnMeans(wCont))
    var influence = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let infTreat = (wTreat[i] * (residual[i] - etaTreat) - treatOR[i]) / meanTreat
      let infControl =
        (wCont[i] * (residual[i] - etaCont) + psPart[i] - contOR[i]) / meanCont
      influence[i] = infTreat - infControl
    }
    return TwoByTwoEstimate(att: etaTreat - etaCont, influence: influence)
  }
}

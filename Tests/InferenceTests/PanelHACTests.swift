import Testing

@testable import Inference
@testable import LinearAlgebra

/// Newey-West by unit and Driscoll-Kraay against identities that fix their definitions: with
/// no lags they are HC0 and the period-clustered CR0; with lags, the Bartlett cross terms.
@Suite struct PanelHACTests {
  let p = SandwichProblem(rows: 36, columns: 3, seed: 7)
  /// 6 units observed in 6 periods: unit i / 6, period i % 6.
  var unit: [Int32] { (0..<36).map { Int32($0 / 6) } }
  var period: [Int32] { (0..<36).map { Int32($0 % 6) } }
  var bound: Double {
    // Two evaluations of the sandwich; the lag terms at most double its absolute scale.
    2 * 2 * sandwichTolerance(bread: p.bread, x: p.x, weights: p.residuals.map { $0 * $0 })
  }

  @Test func defaultLagsArePlmsFourthRoot() {
    #expect(PanelHAC.defaultLags(longestUnit: 15) == 1)
    #expect(PanelHAC.defaultLags(longestUnit: 17) == 2)
    #expect(PanelHAC.defaultLags(longestUnit: 100) == 3)
    #expect(PanelHAC.defaultLags(longestUnit: 0) == 1)
  }

  @Test func periodsAreRanksOfTheDistinctTimes() {
    let (positions, count) = PanelHAC.periods([2024, 2022, 2023, 2022, 2030])
    #expect(positions == [2, 0, 1, 0, 3])
    #expect(count == 4)
  }

  @Test func neweyWestWithoutLagsIsHC0() {
    let nw = PanelHAC.neweyWest(
      bread: p.bread, x: p.x, residuals: p.residuals, unit: unit, period: period, lags: 0)
    let hc0 = SandwichCovariance.heteroskedastic(
      .hc0, bread: p.bread, x: p.x, residuals: p.residuals)
    expectClose(nw, hc0, within: bound, "NW(0) = HC0")
  }

  @Test func neweyWestAddsBartlettWeightedCrossProducts() {
    // Lag 1 with weight 1 - 1/2: meat = sum s s' + 0.5 sum_t (s_t s_{t-1}' + s_{t-1} s_t').
    var meat = Matrix(rows: 3, columns: 3)
    for i in 0..<36 {
      let s = (0..<3).map { p.x[i, $0] * p.residuals[i] }
      for a in 0..<3 { for b in 0..<3 { meat[a, b] += s[a] * s[b] } }
      guard period[i] > 0 else { continue }
      let r = (0..<3).map { p.x[i - 1, $0] * p.residuals[i - 1] }
      for a in 0..<3 { for b in 0..<3 { meat[a, b] += 0.5 * (s[a] * r[b] + r[a] * s[b]) } }
    }
    let nw = PanelHAC.neweyWest(
      bread: p.bread, x: p.x, residuals: p.residuals, unit: unit, period: period, lags: 1)
    expectClose(nw, naiveSandwich(bread: p.bread, meat: meat), within: bound, "NW(1)")
  }

  @Test func driscollKraayWithoutLagsIsClusteringByPeriod() {
    let dk = PanelHAC.driscollKraay(
      bread: p.bread, x: p.x, residuals: p.residuals, period: period, periods: 6, lags: 0)
    let expected = naiveSandwich(
      bread: p.bread, meat: naiveClusterMeat(p.x, p.residuals, labels: period))
    let absoluteMeat = naiveClusterMeat(p.x, p.residuals, labels: period, absolute: true)
    expectClose(
      dk, expected,
      within: 2 * sandwichTolerance(bread: p.bread, absoluteMeat: absoluteMeat, rows: 36),
      "DK(0) = CR0 by period")
  }
}

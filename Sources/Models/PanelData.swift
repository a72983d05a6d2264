import DataTable
import Formula
import Inference
import LinearAlgebra

/// A design on a panel (unit codes and time values per observation), with the transformations
/// the panel estimators need: unit means, within-unit differences, quasi-demeaning.
struct PanelData {
  let design: DesignMatrix
  let y: [Double]
  let units: ClusterIndex
  let times: [Double]

  var n: Int { y.count }
  var k: Int { design.x.columns }

  /// Observations per unit.
  var unitSizes: [Int] {
    var sizes = [Int](repeating: 0, count: units.count)
    for code in units.codes { sizes[Int(code)] += 1 }
    return sizes
  }

  /// Unit means of a column (G values).
  func unitMeans(_ v: [Double]) -> [Double] {
    var sums = [Double](repeating: 0, count: units.count)
    for i in 0..<n { sums[Int(units.codes[i])] += v[i] }
    let sizes = unitSizes
    return sums.indices.map { sums[$0] / Double(sizes[$0]) }
  }

  /// OLS on unit means (plm `between`).
  func between() throws -> PanelFit {
    let g = units.count
    let (xb, firstRow) = PanelDesignTransform.unitMeans(
      of: design, unitCodes: units.codes.map { Int($0) }, unitCount: g)
    let yb = unitMeans(y)
    let solution = try PanelSolution(x: xb, y: yb)
    if g - solution.kept.count <= 0 {
      throw ModelError.nothingToEstimate("the between model needs more units than coefficients")
    }
    return PanelFit(x: xb, y: yb, rows: firstRow, solution: solution)
  }

  /// OLS on differences of consecutive observations within unit, ordered by time (plm `fd`);
  /// the intercept column stays a column of ones.
  func firstDifferences() throws -> PanelFit {
    let (xd, pairs) = PanelDesignTransform.firstDifferences(
      of: design, unitCodes: units.codes.map { Int($0) }, times: times)
    if pairs.isEmpty {
      throw ModelError.nothingToEstimate("no unit has two observations to difference")
    }
    let yd = pairs.map { y[$0.later] - y[$0.earlier] }
    let solution = try PanelSolution(x: xd, y: yd)
    return PanelFit(x: xd, y: yd, rows: pairs.map { design.rows[$0.later] }, solution: solution)
  }

  /// GLS random effects with Swamy-Arora components: sigma^2_e from the within regression,
  /// sigma^2_u from the between regression on the n-row unit means (Baltagi & Chang 1994 for
  /// unbalanced panels), then OLS on y - theta_i ybar_i.
  func randomEffects() throws -> PanelFit {
    let g = units.count
    let sizes = unitSizes
    var warnings: [String] = []
    // Within: slopes on unit-demeaned columns (intercept and time-invariant columns drop out).
    let slopeColumns = (0..<k).filter { design.termIndexOfColumn[$0] >= 0 }
    var means: [[Double]] = []
    for j in 0..<k { means.append(unitMeans(design.x.column(j))) }
    let yMeans = unitMeans(y)
    var xw = Matrix(rows: n, columns: slopeColumns.count)
    for (c, j) in slopeColumns.enumerated() {
      for i in 0..<n {
        xw.storage[c * n + i] = design.x.storage[j * n + i] - means[j][Int(units.codes[i])]
      }
    }
    let yw = (0..<n).map { y[$0] - yMeans[Int(units.codes[$0])] }
    // Regressors without within variation (time-invariant) are not identified within.
    let varying = (0..<slopeColumns.count).filter { c in
      let raw = design.x.column(slopeColumns[c])
      let mean = raw.reduce(0, +) / Double(n)
      let total = raw.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
      let inside = xw.column(c).reduce(0) { $0 + $1 * $1 }
      return inside > 1e-14 * total
    }
    let within = try PanelSolution(x: xw.selectingColumns(varying), y: yw)
    let withinK = within.kept.count
    guard n - g - withinK > 0 else {
      // Swamy-Arora's sigma^2_e comes from the within regression, which then has no residual
      // degrees of freedom (e.g. every unit observed once): the variance split is not defined.
      throw ModelError.nothingToEstimate(
        "random effects need the within regression to have residual degrees of freedom; here "
          + "\(n) observations in \(g) units leave \(n - g - withinK) (units observed once "
          + "carry no within information); use pooled OLS or the between model")
    }
    let sigma2e = within.rss / Double(n - g - withinK)
    // Between on n rows of unit means: weighted by unit size.
    var xb = Matrix(rows: g, columns: k)
    for j in 0..<k {
      for u in 0..<g { xb.storage[j * g + u] = means[j][u] * Double(sizes[u]).squareRoot() }
    }
    let yb = (0..<g).map { yMeans[$0] * Double(sizes[$0]).squareRoot() }
    let betweenFit = try PanelSolution(x: xb, y: yb)
    let kb = betweenFit.kept.count
    // tr((sum T x x')^-1 sum T^2 x x') on the kept columns.
    let xbk = betweenFit.xKept
    var scale = [Double](repeating: 0, count: g)
    for u in 0..<g { scale[u] = Double(sizes[u]) }
    let weighted = xbk.crossProduct(weights: scale)
    let product = betweenFit.bread * weighted
    var trace = 0.0
    for i in 0..<kb { trace += product[i, i] }
    var sigma2u = (betweenFit.rss - Double(g - kb) * sigma2e) / (Double(n) - trace)
    if sigma2u < 0 {
      warnings.append("the unit variance estimate is negative (\(sigma2u)); set to 0 (pooled OLS)")
      sigma2u = 0
    }
    var thetaBySize: [Int: Double] = [:]
    for size in Set(sizes) {
      thetaBySize[size] = 1 - (sigma2e / (sigma2e + Double(size) * sigma2u)).squareRoot()
    }
    var xs = design.x
    var ys = y
    for i in 0..<n {
      let u = Int(units.codes[i])
      let theta = thetaBySize[sizes[u]] ?? 0
      ys[i] -= theta * yMeans[u]
      for j in 0..<k { xs.storage[j * n + i] -= theta * means[j][u] }
    }
    let solution = try PanelSolution(x: xs, y: ys)
    let components = PanelResult.VarianceComponents(
      idiosyncratic: sigma2e, individual: sigma2u, theta: thetaBySize)
    return PanelFit(
      x: xs, y: ys, rows: design.rows, solution: solution, components: components,
      warnings: warnings)
  }
}

import Testing

@testable import Inference
@testable import LinearAlgebra

/// HC0-HC3 and cluster-robust covariances against the textbook formulas evaluated with plain
/// loops in the test (White 1980; MacKinnon & White 1985; Cameron, Gelbach & Miller 2011).
@Suite struct SandwichCovarianceTests {
  let p = SandwichProblem()

  /// Leverages h_i = x_i' (X'X)^-1 x_i by plain loops.
  func leverages() -> [Double] {
    (0..<p.rows).map { i in
      var h = 0.0
      for a in 0..<p.columns {
        for b in 0..<p.columns { h += p.x[i, a] * p.bread[a, b] * p.x[i, b] }
      }
      return h
    }
  }

  @Test(arguments: HCType.allCases)
  func heteroskedasticMatchesTheFormula(type: HCType) {
    let n = Double(p.rows)
    let k = Double(p.columns)
    let h = leverages()
    let u: [Double] = (0..<p.rows).map { i in
      let e2 = p.residuals[i] * p.residuals[i]
      switch type {
      case .hc0: return e2
      case .hc1: return e2 * n / (n - k)
      case .hc2: return e2 / (1 - h[i])
      case .hc3: return e2 / ((1 - h[i]) * (1 - h[i]))
      }
    }
    let expected = naiveSandwich(bread: p.bread, meat: naiveCrossProduct(p.x, weights: u))
    let got = SandwichCovariance.heteroskedastic(
      type, bread: p.bread, x: p.x, residuals: p.residuals)
    // Leverages computed two ways differ by ~k eps |x||B||x|, which 1/(1-h)^2 at most doubles
    // here (h < 0.5): twice the rounding bound of the sandwich itself.
    expectClose(
      got, expected, within: 2 * sandwichTolerance(bread: p.bread, x: p.x, weights: u),
      "\(type.rawValue)")
    #expect(got == got.transposed, "a covariance must be exactly symmetric")
  }

  @Test func leverageSumsToTheNumberOfCoefficients() {
    let h = SandwichCovariance.leverage(bread: p.bread, x: p.x)
    // Each h_i is a sum of k^2 terms x_ia B_ab x_ib: two evaluations differ by at most
    // 2 k^2 eps times the same sum of absolute values.
    let scales = (0..<p.rows).map { i in
      var s = 0.0
      for a in 0..<p.columns {
        for b in 0..<p.columns { s += abs(p.x[i, a] * p.bread[a, b] * p.x[i, b]) }
      }
      return s
    }
    let k2 = Double(p.columns * p.columns)
    for (i, (ours, theirs)) in zip(h, leverages()).enumerated() {
      #expect(abs(ours - theirs) <= 2 * k2 * eps * scales[i], "h[\(i)]")
    }
    // The trace of the hat matrix X B X' is tr(B X'X) (= k up to the error of the inverse B):
    // compare with tr(B X'X) formed here, within the rounding of n + k^2 terms.
    let traceReference = naiveProduct(p.bread, naiveCrossProduct(p.x, weights: h.map { _ in 1 }))
      .diagonal.reduce(0, +)
    let total = scales.reduce(0, +)
    #expect(abs(h.reduce(0, +) - traceReference) <= 2 * (Double(p.rows) + k2) * eps * total)
  }

  @Test func frequencyWeightsCountRowsThatManyTimes() {
    // Doubling every row (frequency weight 2) equals the design with each row twice.
    let w = [Double](repeating: 2, count: p.rows)
    var whitened = p.x
    for k in 0..<whitened.storage.count { whitened.storage[k] *= 2.0.squareRoot() }
    let residuals = p.residuals.map { $0 * 2.0.squareRoot() }
    let bread = naiveInverse(naiveCrossProduct(p.x, weights: w))
    let weighted = SandwichCovariance.heteroskedastic(
      .hc1, bread: bread, x: whitened, residuals: residuals, frequencyWeights: w)
    var stacked = Matrix(rows: 2 * p.rows, columns: p.columns)
    for j in 0..<p.columns {
      for i in 0..<p.rows {
        stacked[i, j] = p.x[i, j]
        stacked[i + p.rows, j] = p.x[i, j]
      }
    }
    let doubled = SandwichCovariance.heteroskedastic(
      .hc1, bread: bread, x: stacked, residuals: p.residuals + p.residuals)
    let u = (p.residuals + p.residuals).map { $0 * $0 * 2 }
    expectClose(
      weighted, doubled, within: 2 * sandwichTolerance(bread: bread, x: stacked, weights: u),
      "frequency weights")
  }

  @Test func oneWayClusterMatchesTheFormulaWithCR1() {
    let labels = (0..<p.rows).map { "school\($0 % 8)" }
    let clusters = ClusterIndex(keys: labels)
    let estimate = SandwichCovariance.cluster(
      bread: p.bread, x: p.x, residuals: p.residuals, clusters: [clusters], correction: .stata,
      observationCount: Double(p.rows), parameterCount: p.columns)
    let g = 8.0
    let n = Double(p.rows)
    let k = Double(p.columns)
    var meat = naiveClusterMeat(p.x, p.residuals, labels: labels)
    for i in 0..<meat.storage.count { meat.storage[i] *= g / (g - 1) * (n - 1) / (n - k) }
    // Rounding scale: the same sums over |x_i||e_i| (within-cluster sums can cancel), times the
    // factor; doubled for the two evaluations.
    let absoluteMeat = naiveClusterMeat(p.x, p.residuals, labels: labels, absolute: true)
    let bound = sandwichTolerance(bread: p.bread, absoluteMeat: absoluteMeat, rows: p.rows)
    expectClose(
      estimate.matrix, naiveSandwich(bread: p.bread, meat: meat),
      within: 2 * g / (g - 1) * (n - 1) / (n - k) * bound, "CR1")
    #expect(estimate.clusterCounts == [8])
    #expect(estimate.degreesOfFreedom == 7)
    #expect(estimate.warnings.isEmpty)
  }

  @Test func singletonClustersReduceToHC0AndHC1() {
    // One cluster per observation: CR0 is HC0, and G/(G-1) (N-1)/(N-K) = N/(N-K) makes CR1 HC1.
    let clusters = ClusterIndex(keys: Array(0..<p.rows))
    // Two evaluations, each within the rounding bound times the factor N/(N-K) < 2.
    let bound =
      2 * 2
      * sandwichTolerance(
        bread: p.bread, x: p.x, weights: p.residuals.map { $0 * $0 })
    for (correction, type) in [(SmallSampleCorrection.none, HCType.hc0), (.stata, .hc1)] {
      let cluster = SandwichCovariance.cluster(
        bread: p.bread, x: p.x, residuals: p.residuals, clusters: [clusters],
        correction: correction, observationCount: Double(p.rows), parameterCount: p.columns)
      let hc = SandwichCovariance.heteroskedastic(
        type, bread: p.bread, x: p.x, residuals: p.residuals)
      expectClose(cluster.matrix, hc, within: bound, "\(correction.name) vs \(type)")
    }
  }

  @Test func twoWayFollowsCameronGelbachMiller() {
    let first = (0..<p.rows).map { $0 % 8 }
    let second = (0..<p.rows).map { $0 / 10 }
    let index = [ClusterIndex(keys: first), ClusterIndex(keys: second)]
    let pairs = zip(first, second).map { "\($0)-\($1)" }
    let n = Double(p.rows)
    let k = Double(p.columns)
    let residualFactor = (n - 1) / (n - k)
    let meats = [
      naiveClusterMeat(p.x, p.residuals, labels: first),
      naiveClusterMeat(p.x, p.residuals, labels: second),
      naiveClusterMeat(p.x, p.residuals, labels: pairs),
    ]
    let counts = [8.0, 4.0, Double(Set(pairs).count)]
    // Rounding scale: each component's bound over |x_i||e_i| with its factor (at most 4/3 x
    // (N-1)/(N-K) here), summed over the three components, doubled for the two evaluations.
    let bound =
      2 * 4 / 3 * residualFactor
      * [first.map(String.init), second.map(String.init), pairs].map {
        sandwichTolerance(
          bread: p.bread,
          absoluteMeat: naiveClusterMeat(p.x, p.residuals, labels: $0, absolute: true),
          rows: p.rows)
      }.reduce(0, +)
    for correction in [SmallSampleCorrection.stata, .fixest] {
      var meat = Matrix(rows: p.columns, columns: p.columns)
      for (c, (part, g)) in zip(meats, counts).enumerated() {
        // Per dimension: each term with its own G; fixest: every term with the smallest G (4).
        let gUsed = correction.clusterAdjustment == .minimum ? 4.0 : g
        let sign = c == 2 ? -1.0 : 1.0
        for i in 0..<meat.storage.count {
          meat.storage[i] += sign * gUsed / (gUsed - 1) * residualFactor * part.storage[i]
        }
      }
      let estimate = SandwichCovariance.cluster(
        bread: p.bread, x: p.x, residuals: p.residuals, clusters: index, correction: correction,
        observationCount: n, parameterCount: p.columns)
      expectClose(
        estimate.matrix, naiveSandwich(bread: p.bread, meat: meat), within: bound,
        "two-way \(correction.name)")
      #expect(estimate.clusterCounts == [8, 4])
      #expect(estimate.degreesOfFreedom == 3, "t with min(G) - 1 degrees of freedom")
    }
  }

  @Test func referenceDistributionFollowsTheCorrection() {
    let clusters = [ClusterIndex(keys: (0..<p.rows).map { $0 % 5 })]
    func df(_ distribution: SmallSampleCorrection.Distribution) -> Double? {
      SandwichCovariance.cluster(
        bread: p.bread, x: p.x, residuals: p.residuals, clusters: clusters,
        correction: SmallSampleCorrection(
          clusterAdjustment: .perDimension, residualAdjustment: true, distribution: distribution),
        observationCount: Double(p.rows), parameterCount: p.columns
      ).degreesOfFreedom
    }
    #expect(df(.clustersMinusOne) == 4)
    #expect(df(.residual) == Double(p.rows - p.columns))
    #expect(df(.normal) == nil)
  }
}

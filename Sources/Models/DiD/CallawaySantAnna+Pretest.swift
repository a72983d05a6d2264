import Distributions
import LinearAlgebra

extension CallawaySantAnna {
  /// The Wald pre-test of R `did`: `W = n b' V^-1 b` over the pre-treatment ATT(g,t) with a
  /// standard error (periods before `g - anticipation`, as csdid; anticipation periods may
  /// legitimately show effects), `V` the (clustered) covariance of their influence functions; chi-squared
  /// with as many degrees of freedom as effects.
  /// - Returns: the test, or `nil` and the reason when it cannot be formed.
  static func pretest(
    effects: [GroupTimeEffect], cells: [CellEstimate], variance: InfluenceVariance,
    anticipation: Double
  ) -> (DiDPretest?, String?) {
    let pre = effects.indices.filter {
      effects[$0].group - anticipation > effects[$0].time && effects[$0].standardError != nil
    }
    guard !pre.isEmpty else {
      return (nil, "no pre-treatment effect to test parallel trends with (pre-test not reported)")
    }
    let n = variance.n
    let p = pre.count
    // Influence functions of the pre-treatment cells, summed within clusters when clustering.
    let rows = variance.clusters?.count ?? n
    var psi = [Double](repeating: 0, count: p * rows)
    for (j, index) in pre.enumerated() {
      let influence = cells[index].influence
      for (i, v) in zip(influence.indices, influence.values) {
        let row = variance.clusters.map { Int($0.codes[Int(i)]) } ?? Int(i)
        psi[j * rows + row] += v
      }
    }
    // psi'psi / n by BLAS (dsyrk), rows x p column-major.
    let v = Matrix(rows: rows, columns: p, storage: psi).crossProduct().storage.map {
      $0 / Double(n)
    }
    guard let (inverse, rcond) = SmallSymmetric.inverse(v, k: p), rcond > Double.ulpOfOne else {
      return (nil, "the pre-treatment effects have a singular covariance (pre-test not reported)")
    }
    let b = pre.map { effects[$0].att ?? 0 }
    let vb = SmallSymmetric.times(inverse, b, k: p)
    let w = Double(n) * zip(b, vb).reduce(0) { $0 + $1.0 * $1.1 }
    let pValue = ChiSquared(degreesOfFreedom: Double(p)).upperTail(w)
    return (DiDPretest(statistic: w, degreesOfFreedom: p, pValue: pValue), nil)
  }
}

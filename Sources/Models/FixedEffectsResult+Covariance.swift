import DataTable
import Inference
import LinearAlgebra

extension FixedEffectsResult {
  /// Covariance of the slopes: the fixed effects count in the degrees of freedom (iid, HC1), and
  /// in clustered covariances only when not nested in a clustering dimension (fixest's rule).
  static func covariance(core: Core, type: CovarianceType) throws -> SandwichCovariance.Estimate {
    let n = Double(core.nobs)
    let fullK = Double(core.rank + core.degreesOfFreedom.parameters)
    switch type {
    case .iid:
      var v = core.bread
      let s2 = core.residualSumOfSquares / core.dfResidual
      for i in 0..<v.storage.count { v.storage[i] *= s2 }
      return .init(matrix: v, degreesOfFreedom: core.dfResidual, clusterCounts: [], warnings: [])
    case .heteroskedastic(let hc):
      guard hc == .hc0 || hc == .hc1 else {
        throw ModelError.unsupported(
          "\(hc.rawValue) needs the leverage of the fixed effects; use hc0 or hc1 with --model fe")
      }
      var v = SandwichCovariance.heteroskedastic(
        .hc0, bread: core.bread, x: core.whitenedDesign, residuals: core.whitenedResiduals)
      if hc == .hc1 {
        let scale = n / (n - fullK)
        for i in 0..<v.storage.count { v.storage[i] *= scale }
      }
      return .init(matrix: v, degreesOfFreedom: core.dfResidual, clusterCounts: [], warnings: [])
    case .cluster(let columns, let correction):
      guard columns.count == 1 || columns.count == 2 else {
        throw ModelError.unsupported("clustering takes one or two columns, not \(columns.count)")
      }
      let indices = try columns.map { try clusterIndex(named: $0, core: core) }
      let k =
        core.rank
        + core.degreesOfFreedom.clusterParameters(factors: core.factors, clusters: indices)
      return SandwichCovariance.cluster(
        bread: core.bread, x: core.whitenedDesign, residuals: core.whitenedResiduals,
        clusters: indices, correction: correction, observationCount: n, parameterCount: k)
    case .hac, .driscollKraay:
      guard
        let estimate = try PanelCovariance.estimate(
          type, bread: core.bread, x: core.whitenedDesign, residuals: core.whitenedResiduals,
          data: core.data, rows: core.rows, dfResidual: core.dfResidual)
      else { throw ModelError.unsupported("\(type) is not available") }
      return estimate
    }
  }

  /// The clusters of a column, or of a fixed effect named by its label (`firm^year`).
  private static func clusterIndex(named name: String, core: Core) throws -> ClusterIndex {
    if let factor = core.factors.first(where: { $0.name == name }) {
      return try ClusterIndex.checked(factor.clusterIndex, name: name)
    }
    return try ClusterIndex.model(column: name, data: core.data, rows: core.rows)
  }
}

import DataTable
import Inference
import LinearAlgebra

extension RegressionCore {
  /// The one covariance computation of the linear family: iid (bread times the model's scale),
  /// heteroskedasticity-consistent, cluster-robust one- or two-way (fixed effects nested in a
  /// cluster not counted in K, as fixest) and panel HAC / Driscoll-Kraay (plm), under the
  /// model's rules.
  /// - Throws: `ModelError.unsupported` for a type the model does not offer; `DataError` or
  ///   `ModelError` for unusable cluster or panel columns.
  static func estimate(
    _ type: CovarianceType, bread: Matrix, scoreDesign x: Matrix, scoreResiduals e: [Double],
    data: DataTable, rows: [Int], rank: Int, residualDegreesOfFreedom: Double,
    rules: CovarianceRules
  ) throws -> SandwichCovariance.Estimate {
    if let reason = rules.unavailable(type) { throw ModelError.unsupported(reason) }
    let df = rules.testDegreesOfFreedom
    switch type {
    case .iid:
      var v = bread
      for i in 0..<v.storage.count { v.storage[i] *= rules.iidScale }
      return .init(matrix: v, degreesOfFreedom: df, clusterCounts: [], warnings: [])
    case .heteroskedastic(let hc):
      let v = heteroskedastic(hc, bread: bread, x: x, residuals: e, rule: rules.heteroskedastic)
      return .init(matrix: v, degreesOfFreedom: df, clusterCounts: [], warnings: [])
    case .cluster(let columns, let correction):
      guard columns.count == 1 || columns.count == 2 else {
        throw ModelError.unsupported("clustering takes one or two columns, not \(columns.count)")
      }
      let indices = try columns.map {
        try clusterIndex(named: $0, factors: rules.factors, data: data, rows: rows)
      }
      let k =
        rank
        + (rules.fixedEffectDegreesOfFreedom?.clusterParameters(
          factors: rules.factors, clusters: indices) ?? 0)
      let estimate = SandwichCovariance.cluster(
        bread: bread, x: x, residuals: e, clusters: indices, correction: correction,
        observationCount: rules.clusterObservations, parameterCount: k)
      guard df == nil else { return estimate }
      return .init(
        matrix: estimate.matrix, degreesOfFreedom: nil, clusterCounts: estimate.clusterCounts,
        warnings: estimate.warnings)
    case .hac, .driscollKraay:
      guard
        let estimate = try PanelCovariance.estimate(
          type, bread: bread, x: x, residuals: e, data: data, rows: rows,
          dfResidual: residualDegreesOfFreedom)
      else { throw ModelError.unsupported("\(type) is not available") }
      return estimate
    }
  }

  /// A heteroskedasticity-consistent covariance under the model's rule.
  static func heteroskedastic(
    _ hc: HCType, bread: Matrix, x: Matrix, residuals e: [Double],
    rule: CovarianceRules.Heteroskedastic
  ) -> Matrix {
    switch rule {
    case .sandwich(let frequencyWeights):
      return SandwichCovariance.heteroskedastic(
        hc, bread: bread, x: x, residuals: e, frequencyWeights: frequencyWeights)
    case .scaledHC0(let parameters):
      var v = SandwichCovariance.heteroskedastic(.hc0, bread: bread, x: x, residuals: e)
      if hc == .hc1 {
        let n = Double(x.rows)
        for i in 0..<v.storage.count { v.storage[i] *= n / (n - parameters) }
      }
      return v
    case .workingWeights(let weights, let whitenedResiduals):
      guard hc == .hc2 || hc == .hc3 else {
        return SandwichCovariance.heteroskedastic(hc, bread: bread, x: x, residuals: e)
      }
      return SandwichCovariance.heteroskedastic(
        hc, bread: bread, x: x.scalingRows(by: weights.map { $0.squareRoot() }),
        residuals: whitenedResiduals)
    }
  }

  /// The clusters of a fixed effect named by its label, or of a data column.
  static func clusterIndex(
    named name: String, factors: [FixedEffectFactor], data: DataTable, rows: [Int]
  ) throws -> ClusterIndex {
    if let factor = factors.first(where: { $0.name == name }) {
      return try ClusterIndex.checked(factor.clusterIndex, name: name)
    }
    return try ClusterIndex.model(column: name, data: data, rows: rows)
  }
}

import DataTable
import Inference
import LinearAlgebra

/// The joint covariance of θ = (β_A, β_B, m_A, m_B), the two groups' coefficients and covariate
/// means, on which every part of a decomposition is a smooth function (Jann 2008, section 2.3).
enum DecompositionCovarianceMatrix {
  /// The 4k x 4k covariance of θ.
  /// - Parameters:
  ///   - sample: the fitted groups.
  ///   - type: classic, robust or cluster-robust.
  ///   - data: the table (for the cluster column).
  /// - Returns: the covariance and the number of clusters (nil unless clustered).
  /// - Throws: `ModelError` for a cluster column with fewer than two clusters.
  static func make(sample: DecompositionSample, type: DecompositionCovariance, data: DataTable)
    throws -> (covariance: Matrix, clusters: Int?)
  {
    switch type {
    case .classic: return (classic(sample), nil)
    case .robust:
      let n = sample.design.nobs
      let index = ClusterIndex(codes: (0..<n).map { Int32($0) }, count: n)
      return (influence(sample, clusters: index), nil)
    case .cluster(let name):
      let index = try ClusterIndex.model(column: name, data: data, rows: sample.design.rows)
      return (influence(sample, clusters: index), index.count)
    }
  }

  /// The covariance with the rows and columns of the covariate means (m_A, m_B) set to zero:
  /// the regressors held fixed (Stata `oaxaca, fixed`).
  /// - Parameter covariance: the 4k x 4k covariance of θ.
  /// - Returns: the covariance of (β_A, β_B) alone, embedded in θ's layout.
  static func holdingMeansFixed(_ covariance: Matrix) -> Matrix {
    var v = covariance
    let p = v.rows
    let k = p / 4
    for i in 0..<p {
      for j in 0..<p where i >= 2 * k || j >= 2 * k { v[i, j] = 0 }
    }
    return v
  }

  /// Block-diagonal: s² (X'X)^-1 per group and the covariance of the means, S / n.
  static func classic(_ sample: DecompositionSample) -> Matrix {
    let k = sample.a.beta.count
    var v = Matrix(rows: 4 * k, columns: 4 * k)
    for (offset, group) in [(0, sample.a), (k, sample.b)] {
      let rss = group.residuals.reduce(0) { $0 + $1 * $1 }
      let scale = rss / Double(group.count - k)
      for i in 0..<k { for j in 0..<k { v[offset + i, offset + j] = scale * group.bread[i, j] } }
      let meanOffset = 2 * k + offset
      let n = Double(group.count)
      for i in 0..<k {
        for j in i..<k {
          let ci = group.x.column(i)
          let cj = group.x.column(j)
          var s = 0.0
          for r in 0..<group.count { s += (ci[r] - group.means[i]) * (cj[r] - group.means[j]) }
          let value = s / (n - 1) / n
          v[meanOffset + i, meanOffset + j] = value
          v[meanOffset + j, meanOffset + i] = value
        }
      }
    }
    return v
  }

  /// G/(G-1) Σ_c u_c u_c', with u_c the sum over the cluster's rows of each row's influence on
  /// θ: (X_g'X_g)^-1 x_i e_i on β_g and (x_i - m_g) / n_g on m_g for the row's group g.
  static func influence(_ sample: DecompositionSample, clusters: ClusterIndex) -> Matrix {
    let k = sample.a.beta.count
    let p = 4 * k
    var sums = [Double](repeating: 0, count: clusters.count * p)
    for (offset, group) in [(0, sample.a), (k, sample.b)] {
      let n = Double(group.count)
      for (r, position) in group.positions.enumerated() {
        let base = Int(clusters.codes[position]) * p
        let row = (0..<k).map { group.x[r, $0] }
        let e = group.residuals[r]
        for i in 0..<k {
          var score = 0.0
          for j in 0..<k { score += group.bread[i, j] * row[j] }
          sums[base + offset + i] += score * e
          sums[base + 2 * k + offset + i] += (row[i] - group.means[i]) / n
        }
      }
    }
    let g = Double(clusters.count)
    let scores = Matrix(rows: p, columns: clusters.count, storage: sums)
    let gram = scores.transposed.crossProduct()
    return ReferenceWeights.scaled(gram, g / (g - 1))
  }
}

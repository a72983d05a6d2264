import LinearAlgebra

/// Sandwich covariance estimators, bread x meat x bread, computed from a fitted linear predictor.
///
/// Inputs are in the "whitened" scale of the fit: for weighted least squares `x` and `residuals`
/// are multiplied by sqrt(w) row-wise, so that the same formulas serve OLS and WLS (and, later,
/// IRLS working weights of GLMs).
public enum SandwichCovariance {
  /// The covariance and the reference distribution of its tests.
  public struct Estimate: Sendable {
    /// The k x k covariance of the coefficients.
    public let matrix: Matrix
    /// Degrees of freedom of the t reference distribution; `nil` for the standard normal.
    public let degreesOfFreedom: Double?
    /// Number of clusters per dimension (empty when not clustered).
    public let clusterCounts: [Int]
    /// Messages worth showing (such as a two-way covariance that was not positive semi-definite).
    public let warnings: [String]

    /// Creates an estimate.
    public init(matrix: Matrix, degreesOfFreedom: Double?, clusterCounts: [Int], warnings: [String])
    {
      self.matrix = matrix
      self.degreesOfFreedom = degreesOfFreedom
      self.clusterCounts = clusterCounts
      self.warnings = warnings
    }
  }

  /// Heteroskedasticity-consistent covariance (HC0-HC3), as `sandwich::vcovHC`.
  /// - Parameters:
  ///   - type: the variant.
  ///   - bread: (X'WX)^-1 on the kept columns.
  ///   - x: whitened design (n x k).
  ///   - residuals: whitened residuals (n).
  ///   - frequencyWeights: frequency weights (each row counts this many times), or `nil`.
  /// - Returns: the covariance matrix.
  public static func heteroskedastic(
    _ type: HCType, bread: Matrix, x: Matrix, residuals: [Double], frequencyWeights: [Double]? = nil
  ) -> Matrix {
    let n = x.rows
    let k = x.columns
    var u = [Double](repeating: 0, count: n)
    let leverage = (type == .hc2 || type == .hc3) ? self.leverage(bread: bread, x: x) : []
    for i in 0..<n {
      // Whitened e^2 is w e^2. A frequency-weighted row stands for w rows with residual e each,
      // so its meat contribution is w e^2 x x' = (sqrt(w) x)(sqrt(w) x)' e^2: divide by w.
      var e2 = residuals[i] * residuals[i]
      if let frequencyWeights { e2 /= frequencyWeights[i] }
      switch type {
      case .hc0, .hc1: u[i] = e2
      case .hc2: u[i] = e2 / (1 - leverage[i])
      case .hc3: u[i] = e2 / ((1 - leverage[i]) * (1 - leverage[i]))
      }
    }
    var meat = x.crossProduct(weights: u)
    if type == .hc1 {
      let total = frequencyWeights.map { $0.reduce(0, +) } ?? Double(n)
      let scale = total / (total - Double(k))
      for i in 0..<meat.storage.count { meat.storage[i] *= scale }
    }
    return sandwich(bread: bread, meat: meat)
  }

  /// Cluster-robust covariance by one or two clusterings with a small-sample correction.
  /// - Parameters:
  ///   - bread: (X'WX)^-1 on the kept columns.
  ///   - x: whitened design (n x k).
  ///   - residuals: whitened residuals (n).
  ///   - clusters: one or two cluster indices over the n observations.
  ///   - correction: the finite-sample scaling and reference distribution.
  ///   - observationCount: N in (N-1)/(N-K) (the sum of frequency weights when those are used).
  ///   - parameterCount: K in (N-1)/(N-K).
  /// - Returns: the covariance, with the t degrees of freedom the correction prescribes.
  public static func cluster(
    bread: Matrix, x: Matrix, residuals: [Double], clusters: [ClusterIndex],
    correction: SmallSampleCorrection, observationCount: Double, parameterCount: Int
  ) -> Estimate {
    precondition(clusters.count == 1 || clusters.count == 2, "one- or two-way clustering")
    let k = x.columns
    let counts = clusters.map(\.count)
    let minimumG = counts.min() ?? 1
    func clusterFactor(_ g: Int) -> Double {
      switch correction.clusterAdjustment {
      case .none: return 1
      case .perDimension: return Double(g) / Double(g - 1)
      case .minimum: return Double(minimumG) / Double(minimumG - 1)
      }
    }
    var components: [(index: ClusterIndex, sign: Double)] = clusters.map { ($0, 1) }
    if clusters.count == 2 { components.append((clusters[0].intersected(with: clusters[1]), -1)) }
    var meat = Matrix(rows: k, columns: k)
    for component in components {
      let scores = clusterScores(x: x, residuals: residuals, clusters: component.index)
      let part = scores.crossProduct()
      // The intersection term takes the factor of its own G under per-dimension adjustment
      // (sandwich and statsmodels), and min G under fixest's rule.
      let factor = clusterFactor(component.index.count) * component.sign
      for i in 0..<meat.storage.count { meat.storage[i] += factor * part.storage[i] }
    }
    if correction.residualAdjustment {
      let n = observationCount
      let scale = (n - 1) / (n - Double(parameterCount))
      for i in 0..<meat.storage.count { meat.storage[i] *= scale }
    }
    let covariance = sandwich(bread: bread, meat: meat)
    var warnings: [String] = []
    if clusters.count == 2, let eigen = try? SymmetricEigen(covariance),
      let smallest = eigen.values.first, smallest < -1e-12 * max(1, eigen.values.last ?? 1)
    {
      warnings.append(
        "two-way cluster covariance is not positive semi-definite (smallest eigenvalue "
          + "\(smallest)); standard errors of some combinations may be unreliable")
    }
    let df: Double?
    switch correction.distribution {
    case .normal: df = nil
    case .clustersMinusOne: df = Double(minimumG - 1)
    case .residual: df = observationCount - Double(parameterCount)
    }
    return Estimate(
      matrix: covariance, degreesOfFreedom: df, clusterCounts: counts, warnings: warnings)
  }

  /// Sum of the score rows x_i e_i within each cluster (G x k).
  static func clusterScores(x: Matrix, residuals: [Double], clusters: ClusterIndex) -> Matrix {
    let n = x.rows
    let k = x.columns
    let g = clusters.count
    var scores = Matrix(rows: g, columns: k)
    scores.storage.withUnsafeMutableBufferPointer { pointer in
      let out = UncheckedSendableBox(pointer)
      x.storage.withUnsafeBufferPointer { xs in
        residuals.withUnsafeBufferPointer { e in
          clusters.codes.withUnsafeBufferPointer { codes in
            // Columns write disjoint columns of the scores: in parallel.
            ParallelLoop.forEach(k) { j in
              let column = j * n
              let target = j * g
              for i in 0..<n { out.value[target + Int(codes[i])] += xs[column + i] * e[i] }
            }
          }
        }
      }
    }
    return scores
  }

  /// Diagonal of the hat matrix, h_i = x_i' B x_i with B = (X'WX)^-1.
  public static func leverage(bread: Matrix, x: Matrix) -> [Double] {
    let xb = x * bread
    let n = x.rows
    var h = [Double](repeating: 0, count: n)
    for j in 0..<x.columns {
      let base = j * n
      for i in 0..<n { h[i] += xb.storage[base + i] * x.storage[base + i] }
    }
    return h
  }

  /// B M B for symmetric B and M.
  public static func sandwich(bread: Matrix, meat: Matrix) -> Matrix {
    (bread * meat * bread).symmetrized()
  }
}

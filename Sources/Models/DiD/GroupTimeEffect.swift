import Inference

/// One group-time average treatment effect ATT(g,t) of Callaway and Sant'Anna (2021).
public struct GroupTimeEffect: Sendable, Equatable {
  /// The cohort: the period its units were first treated.
  public let group: Double
  /// The period.
  public let time: Double
  /// The period the comparison is made with.
  public let basePeriod: Double
  /// The estimate, or `nil` when the cell could not be estimated (see the result's warnings).
  public let att: Double?
  /// Analytical standard error from the influence function, `nil` when undefined.
  public let standardError: Double?
  /// Units of the cohort and of the comparison group in the cell.
  public let treatedUnits: Int
  /// Comparison units in the cell.
  public let comparisonUnits: Int

  /// Whether the period is at or after the cohort's first treated period.
  public var isPostTreatment: Bool { time >= group }
  /// Event time `t - g`.
  public var eventTime: Double { time - group }
}

/// An influence function stored only where it is non-zero (the cell's cohort and comparisons).
struct SparseInfluence: Sendable {
  /// Influence-function rows, ascending.
  var indices: [Int32]
  /// Values, aligned with `indices`.
  var values: [Double]

  /// No units (a reference cell, or one that could not be estimated).
  static let empty = SparseInfluence(indices: [], values: [])

  /// Adds `weight` times this function to a dense vector.
  func add(into dense: inout [Double], weight: Double) {
    for (i, v) in zip(indices, values) { dense[Int(i)] += weight * v }
  }
}

/// Standard errors from influence functions: `sqrt(sum psi^2) / n` (R `did`), or with clusters
/// `sqrt(sum_c (sum_{i in c} psi_i)^2) / n` (R `did` 2.5 analytical clustering).
struct InfluenceVariance: Sendable {
  /// Influence-function rows.
  let n: Int
  /// Clusters of the rows, when coarser than the unit.
  let clusters: ClusterIndex?

  /// The standard error of a dense influence function; `nil` when (numerically) zero.
  func standardError(_ psi: [Double]) -> Double? {
    var sum = 0.0
    if let clusters {
      var sums = [Double](repeating: 0, count: clusters.count)
      for i in 0..<n { sums[Int(clusters.codes[i])] += psi[i] }
      for s in sums { sum += s * s }
    } else {
      for v in psi { sum += v * v }
    }
    let se = sum.squareRoot() / Double(n)
    guard se.isFinite, se > Double.ulpOfOne.squareRoot() * 10 else { return nil }
    return se
  }

  /// The standard error of a sparse influence function.
  func standardError(_ psi: SparseInfluence) -> Double? {
    if clusters != nil {
      var dense = [Double](repeating: 0, count: n)
      psi.add(into: &dense, weight: 1)
      return standardError(dense)
    }
    let se = psi.values.reduce(0) { $0 + $1 * $1 }.squareRoot() / Double(n)
    guard se.isFinite, se > Double.ulpOfOne.squareRoot() * 10 else { return nil }
    return se
  }
}

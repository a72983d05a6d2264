import Inference

/// How many parameters the fixed effects use, for residual degrees of freedom and small-sample
/// corrections.
///
/// Two fixed effects share one redundant level per connected component of the bipartite graph
/// linking their levels (Abowd, Creecy & Kramarz 2002; fixest and reghdfe count it so): the rank
/// of [D1 D2] is G1 + G2 - components. Each further effect is counted with one redundant level
/// (its levels are assumed connected to the others), as fixest does.
public struct FixedEffectDegreesOfFreedom: Sendable, Equatable {
  /// Levels of each fixed effect.
  public let levels: [Int]
  /// Redundant levels of each fixed effect (0 for the first).
  public let redundant: [Int]

  /// Parameters used by the fixed effects: sum of levels minus redundant ones.
  public var parameters: Int { levels.reduce(0, +) - redundant.reduce(0, +) }

  /// Counts levels and redundancies.
  init(factors: [FixedEffectFactor], rule: FixedEffectsOptions.RedundantLevels = .pairwise) {
    levels = factors.map(\.levelCount)
    var redundant = [Int](repeating: 0, count: factors.count)
    if factors.count >= 2 {
      redundant[1] = 1
    }
    if factors.count >= 2, rule == .pairwise {
      redundant[1] = Self.connectedComponents(factors[0], factors[1])
    }
    for q in 2..<max(2, factors.count) { redundant[q] = 1 }
    self.redundant = redundant
  }

  /// Parameters counted in the cluster-robust small-sample factor under fixest's rule
  /// (`fixef.K = "nested"`, pyfixest `k_fixef = "nonnested"`): an effect whose every level lies
  /// inside one cluster of some clustering dimension is not counted, except for one parameter.
  /// - Parameters:
  ///   - factors: the fixed effects.
  ///   - clusters: the clustering dimensions.
  /// - Returns: the number of parameters K of the factor (N-1)/(N-K).
  func clusterParameters(factors: [FixedEffectFactor], clusters: [ClusterIndex]) -> Int {
    var k = parameters
    for (q, factor) in factors.enumerated()
    where clusters.contains(where: { Self.isNested(factor, in: $0) }) {
      k -= levels[q] - 1
      // Redundant levels of a nested effect are no longer subtracted from it.
      k += redundant[q] > 0 ? redundant[q] - 1 : 0
    }
    return k
  }

  /// True when each level of the factor lies in a single cluster.
  static func isNested(_ factor: FixedEffectFactor, in cluster: ClusterIndex) -> Bool {
    var owner = [Int32](repeating: -1, count: factor.levelCount)
    for i in 0..<factor.codes.count {
      let g = Int(factor.codes[i])
      if owner[g] < 0 {
        owner[g] = cluster.codes[i]
      } else if owner[g] != cluster.codes[i] {
        return false
      }
    }
    return true
  }

  /// Connected components of the graph whose nodes are the levels of two factors and whose edges
  /// are the observations (union-find with path halving).
  static func connectedComponents(_ a: FixedEffectFactor, _ b: FixedEffectFactor) -> Int {
    let offset = a.levelCount
    var parent = Array(0..<(a.levelCount + b.levelCount))
    func find(_ x: Int) -> Int {
      var x = x
      while parent[x] != x {
        parent[x] = parent[parent[x]]
        x = parent[x]
      }
      return x
    }
    var components = a.levelCount + b.levelCount
    for i in 0..<a.codes.count {
      let r1 = find(Int(a.codes[i]))
      let r2 = find(offset + Int(b.codes[i]))
      if r1 != r2 {
        parent[r1] = r2
        components -= 1
      }
    }
    return components
  }
}

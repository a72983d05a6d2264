/// Iterative removal of singleton observations: an observation that is alone in a level of some
/// fixed effect is fitted perfectly, carries no information on the slopes, and overstates the
/// degrees of freedom (Correia 2015, "Singletons, cluster-robust standard errors and fixed
/// effects"; reghdfe and fixest/pyfixest `fixef_rm = "singleton"` drop them).
///
/// Removing one can make another level a singleton, so passes repeat until none is left.
enum SingletonRemoval {
  /// Positions of the observations that remain.
  /// - Parameter factors: the fixed effects over the same n observations.
  /// - Returns: kept positions (ascending) and the number removed.
  static func keptPositions(_ factors: [FixedEffectFactor]) -> (kept: [Int], removed: Int) {
    let n = factors.first?.codes.count ?? 0
    var alive = [Bool](repeating: true, count: n)
    var removed = 0
    var changed = true
    while changed {
      changed = false
      for factor in factors {
        var counts = [Int32](repeating: 0, count: factor.levelCount)
        factor.codes.withUnsafeBufferPointer { codes in
          for i in 0..<n where alive[i] { counts[Int(codes[i])] += 1 }
          for i in 0..<n where alive[i] && counts[Int(codes[i])] == 1 {
            alive[i] = false
            removed += 1
            changed = true
          }
        }
      }
    }
    var kept: [Int] = []
    kept.reserveCapacity(n - removed)
    for i in 0..<n where alive[i] { kept.append(i) }
    return (kept, removed)
  }
}

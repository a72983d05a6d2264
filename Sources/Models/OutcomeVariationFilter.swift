/// Removal of fixed-effect levels whose outcome never varies, iterated with singleton removal, as
/// fixest's `fixef.rm = "perfect"` / `"both"` for GLMs (and ppmlhdfe's separation check by fixed
/// effects): in such a level the maximum-likelihood fixed effect is infinite, its observations are
/// fitted perfectly and carry no information on the slopes.
///
/// For the binomial a level is dropped when its outcome is all 0 or all 1; for counts when it is
/// all 0. Dropping one level can empty or isolate another, so passes repeat until nothing changes;
/// the result is the largest sample in which every level varies (it does not depend on the order of
/// the passes).
enum OutcomeVariationFilter {
  /// What was removed.
  struct Outcome {
    /// Kept positions, ascending.
    var kept: [Int]
    /// Observations removed as singletons.
    var singletons: Int
    /// Observations removed because their level's outcome does not vary.
    var noVariation: Int
    /// Levels of each fixed effect removed for no variation (in the original numbering).
    var noVariationLevels: [Int]
  }

  /// Runs the passes.
  /// - Parameters:
  ///   - y: outcomes.
  ///   - factors: fixed effects on the same observations.
  ///   - binomial: true to drop all-1 levels too.
  ///   - removeSingletons: drop singletons in the same passes.
  /// - Returns: the observations kept and the counts removed for each reason.
  static func run(
    y: [Double], factors: [FixedEffectFactor], binomial: Bool, removeSingletons: Bool
  ) -> Outcome {
    let n = y.count
    var alive = [Bool](repeating: true, count: n)
    var outcome = Outcome(
      kept: [], singletons: 0, noVariation: 0,
      noVariationLevels: [Int](repeating: 0, count: factors.count))
    var changed = true
    while changed {
      changed = false
      for (q, factor) in factors.enumerated() {
        var count = [Int](repeating: 0, count: factor.levelCount)
        var total = [Double](repeating: 0, count: factor.levelCount)
        for i in 0..<n where alive[i] {
          let g = Int(factor.codes[i])
          count[g] += 1
          total[g] += y[i]
        }
        var flatLevel = [Bool](repeating: false, count: factor.levelCount)
        for g in 0..<factor.levelCount where count[g] > 0 {
          let single = count[g] == 1 && removeSingletons
          let flat = total[g] == 0 || (binomial && total[g] == Double(count[g]))
          if flat && !single {
            flatLevel[g] = true
            outcome.noVariationLevels[q] += 1
          }
        }
        for i in 0..<n where alive[i] {
          let g = Int(factor.codes[i])
          if count[g] == 1 && removeSingletons {
            alive[i] = false
            outcome.singletons += 1
            changed = true
          } else if flatLevel[g] {
            alive[i] = false
            outcome.noVariation += 1
            changed = true
          }
        }
      }
    }
    outcome.kept = (0..<n).filter { alive[$0] }
    return outcome
  }
}

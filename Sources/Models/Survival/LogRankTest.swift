import LinearAlgebra

/// The log-rank test of equal hazards across groups, stratified when strata are given, as R's
/// `survdiff(Surv(...) ~ group + strata(s))` (rho = 0): observed and expected events per group
/// summed over strata, and the chi-squared statistic on the hypergeometric variance with the
/// first group left out.
public struct LogRankTest: Sendable, Equatable {
  /// Group labels in level order.
  public let groups: [String]
  /// Spells per group.
  public let counts: [Int]
  /// Observed events per group.
  public let observed: [Double]
  /// Expected events per group under equal hazards.
  public let expected: [Double]
  /// The test (`log_rank`, df = groups with expected events minus one).
  public let test: SurvivalTest

  /// Computes the test.
  /// - Parameters:
  ///   - spells: the survival data.
  ///   - groups: a group label per row.
  ///   - strata: a stratum label per row, or `nil`.
  /// - Throws: `SurvivalError` for labels of the wrong length or fewer than two groups.
  public init(_ spells: SurvivalSpells, groups: [String], strata: [String]? = nil) throws {
    let strata = strata ?? Array(repeating: "", count: spells.count)
    guard groups.count == spells.count, strata.count == spells.count else {
      throw SurvivalError.lengthMismatch(
        column: groups.count == spells.count ? "strata" : "group", expected: spells.count,
        found: groups.count == spells.count ? strata.count : groups.count)
    }
    let levels = SurvivalGroups.split(groups)
    guard levels.count > 1 else {
      throw SurvivalError.badInput("the log-rank test needs at least two groups")
    }
    let g = levels.count
    let groupIndex = Dictionary(
      uniqueKeysWithValues: levels.enumerated().map { ($0.element.label, $0.offset) })
    var observed = [Double](repeating: 0, count: g)
    var expected = [Double](repeating: 0, count: g)
    var variance = Matrix(rows: g, columns: g)
    for stratum in SurvivalGroups.split(strata) {
      let grid = RiskTable(spells, rows: stratum.rows).time
      var byGroup = [[Int]](repeating: [], count: g)
      for row in stratum.rows { byGroup[groupIndex[groups[row]] ?? 0].append(row) }
      let tables = byGroup.map { RiskTable(spells, rows: $0, times: grid) }
      for t in grid.indices {
        let n = Double(tables.reduce(0) { $0 + $1.nRisk[t] })
        let d = Double(tables.reduce(0) { $0 + $1.nEvent[t] })
        guard d > 0 else { continue }
        let factor = n > 1 ? d * (n - d) / (n - 1) : 0
        for k in 0..<g {
          let nk = Double(tables[k].nRisk[t])
          observed[k] += Double(tables[k].nEvent[t])
          expected[k] += nk * d / n
          for l in 0..<g {
            let nl = Double(tables[l].nRisk[t])
            variance[k, l] += factor * nk / n * ((k == l ? 1 : 0) - nl / n)
          }
        }
      }
    }
    let difference = (1..<g).map { observed[$0] - expected[$0] }
    let reduced = variance.selecting(rows: Array(1..<g), columns: Array(1..<g))
    let factorisation = try RankRevealingCholesky(reduced)
    let solution = factorisation.solve(difference)
    let statistic = zip(factorisation.kept.map { difference[$0] }, solution).reduce(0) {
      $0 + $1.0 * $1.1
    }
    self.groups = levels.map(\.label)
    self.counts = levels.map(\.rows.count)
    self.observed = observed
    self.expected = expected
    self.test = SurvivalTest(
      name: "log_rank", statistic: statistic,
      degreesOfFreedom: expected.filter { $0 > 0 }.count - 1)
  }
}

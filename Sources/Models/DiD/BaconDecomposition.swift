import DataTable

/// Goodman-Bacon (2021) decomposition of the two-way fixed-effects DiD coefficient: every 2x2
/// comparison of timing groups, its estimate and its weight, as R `bacondecomp::bacon()`.
///
/// Needs a balanced panel and an absorbing binary treatment (a first-treated period per unit).
/// Units first treated after the last period count as never treated (their treatment indicator
/// is 0 throughout); units treated at or before the first period are "always treated" and serve
/// only as controls. For timing groups k (earlier) and l (later), with sample shares n and shares
/// of periods treated D (Goodman-Bacon 2021, eq. 10a-10c):
/// - treated vs never treated: weight proportional to (n_k + n_U)^2 n_kU (1 - n_kU) D_k (1 - D_k);
/// - earlier vs later (later group not yet treated, periods before l's start): weight proportional
///   to ((n_k + n_l)(1 - D_l))^2 n_kl (1 - n_kl) (D_k - D_l)/(1 - D_l) (1 - D_k)/(1 - D_l);
/// - later vs earlier (the already-treated group as control, periods from k's start):
///   ((n_k + n_l) D_k)^2 n_kl (1 - n_kl) (D_l / D_k) (D_k - D_l)/D_k;
/// - later vs always treated: the last formula with D_k = 1.
///
/// The weights are normalised to sum to one; the weighted sum of the 2x2 estimates then equals
/// the TWFE coefficient (`TwoWayDiD`) up to rounding.
public enum BaconDecomposition {
  /// Decomposes the TWFE DiD coefficient of `columns.outcome` on the treatment implied by
  /// `columns.firstTreated`.
  /// - Parameters:
  ///   - data: a balanced panel (one row per unit and period, outcome present on every row).
  ///   - columns: outcome, unit, period and first-treated columns.
  /// - Returns: every 2x2 comparison with its type, estimate and weight.
  /// - Throws: `StaggeredAdoptionError.unusable` for an unbalanced panel, fewer than two periods,
  ///   or no variation in treatment timing to decompose; the errors of reading the columns.
  public static func decompose(data: DataTable, columns: StaggeredAdoptionColumns) throws
    -> BaconDecompositionResult
  {
    let panel = try StaggeredAdoption(data: data, columns: columns)
    let periods = panel.periods
    let unitCount = panel.unitLabels.count
    guard periods.count >= 2 else {
      throw StaggeredAdoptionError.unusable("the decomposition needs at least two periods")
    }
    guard panel.rows.count == unitCount * periods.count, panel.rows.count == data.rowCount else {
      throw StaggeredAdoptionError.unusable(
        "the Goodman-Bacon decomposition needs a balanced panel with '\(columns.outcome)' present"
          + " on every row: \(unitCount) units x \(periods.count) periods would be"
          + " \(unitCount * periods.count) rows, the data has \(data.rowCount) and"
          + " \(panel.rows.count) with an outcome")
    }
    let groups = BaconTimingGroups(panel: panel)
    guard !groups.timing.isEmpty else {
      throw StaggeredAdoptionError.unusable(
        "no unit of '\(columns.firstTreated)' starts treatment after the first period and by the"
          + " last, so there is no 2x2 comparison to decompose")
    }
    guard groups.timing.count > 1 || groups.never != nil || groups.always != nil else {
      throw StaggeredAdoptionError.unusable(
        "every unit has the same treatment timing; the TWFE coefficient is not identified")
    }
    var comparisons = groups.comparisons()
    let total = comparisons.reduce(0) { $0 + $1.weight }
    for k in comparisons.indices { comparisons[k].weight /= total }
    return BaconDecompositionResult(
      formula: "\(columns.outcome) ~ treated | \(columns.unit) + \(columns.time)",
      nobs: panel.rows.count, comparisons: comparisons,
      warnings: panel.timingWarnings(column: columns.firstTreated))
  }
}

/// The timing groups of a balanced panel with their cell means (group x period), sample shares
/// and shares of periods treated, and the 2x2 comparisons between them.
struct BaconTimingGroups {
  /// A group of units sharing a treatment start.
  struct Group {
    /// First treated period; `nil` for never treated.
    let cohort: Int?
    /// Share of the units.
    let share: Double
    /// Share of the periods treated.
    let treatedShare: Double
    /// Mean outcome per period index.
    let means: [Double]
  }

  let periods: [Int]
  /// Groups first treated strictly after the first period and at or before the last, by start.
  var timing: [Group] = []
  var never: Group?
  var always: Group?

  init(panel: StaggeredAdoption) {
    periods = panel.periods
    let first = periods[0]
    let last = periods[periods.count - 1]
    var indexOfPeriod: [Int: Int] = [:]
    for (k, t) in periods.enumerated() { indexOfPeriod[t] = k }
    // Key: the cohort, with never treated (or first treated after the last period) as nil.
    func key(_ cohort: Int?) -> Int? { cohort.flatMap { $0 > last ? nil : max($0, first) } }
    var sums: [Int?: [Double]] = [:]
    var units: [Int?: Int] = [:]
    for (position, unit) in panel.unitOfRow.enumerated() {
      let g = key(panel.cohortOfUnit[unit])
      sums[g, default: [Double](repeating: 0, count: periods.count)][
        indexOfPeriod[panel.timeOfRow[position]] ?? 0] += panel.outcome[position]
    }
    for cohort in panel.cohortOfUnit { units[key(cohort), default: 0] += 1 }
    let unitTotal = Double(panel.cohortOfUnit.count)
    for (g, sum) in sums {
      let count = Double(units[g] ?? 1)
      let treated = g.map { start in Double(periods.filter { $0 >= start }.count) } ?? 0
      let group = Group(
        cohort: g, share: count / unitTotal, treatedShare: treated / Double(periods.count),
        means: sum.map { $0 / count })
      if g == nil {
        never = group
      } else if g == first {
        always = group
      } else {
        timing.append(group)
      }
    }
    timing.sort { ($0.cohort ?? 0) < ($1.cohort ?? 0) }
  }

  /// Mean over `window` periods of `treated`'s change from before `start` to from `start` on,
  /// minus the same for `control`.
  private func twoByTwo(treated: Group, control: Group, start: Int, window: Range<Int>) -> Double {
    func change(_ g: Group) -> Double {
      var pre = 0.0
      var post = 0.0
      var nPre = 0.0
      var nPost = 0.0
      for k in window {
        if periods[k] >= start {
          post += g.means[k]
          nPost += 1
        } else {
          pre += g.means[k]
          nPre += 1
        }
      }
      return post / nPost - pre / nPre
    }
    return change(treated) - change(control)
  }

  /// Index of the first period at or after `start`.
  private func index(of start: Int) -> Int { periods.firstIndex { $0 >= start } ?? periods.count }

  /// Every comparison with its unnormalised weight.
  func comparisons() -> [BaconComparison] {
    var out: [BaconComparison] = []
    let all = 0..<periods.count
    for k in timing {
      let start = k.cohort ?? 0
      if let u = never {
        let n = k.share / (k.share + u.share)
        let d = k.treatedShare
        out.append(
          BaconComparison(
            type: .treatedVsNever, treated: start, control: nil,
            estimate: twoByTwo(treated: k, control: u, start: start, window: all),
            weight: (k.share + u.share) * (k.share + u.share) * n * (1 - n) * d * (1 - d)))
      }
      if let a = always {
        let n = a.share / (a.share + k.share)
        let d = k.treatedShare
        out.append(
          BaconComparison(
            type: .laterVsAlwaysTreated, treated: start, control: a.cohort,
            estimate: twoByTwo(treated: k, control: a, start: start, window: all),
            weight: (a.share + k.share) * (a.share + k.share) * n * (1 - n) * d * (1 - d)))
      }
    }
    for (i, k) in timing.enumerated() {
      for l in timing[(i + 1)...] {
        let startK = k.cohort ?? 0
        let startL = l.cohort ?? 0
        let n = k.share / (k.share + l.share)
        let (dk, dl) = (k.treatedShare, l.treatedShare)
        let pair = (k.share + l.share) * (k.share + l.share) * n * (1 - n)
        out.append(
          BaconComparison(
            type: .earlierVsLater, treated: startK, control: startL,
            estimate: twoByTwo(
              treated: k, control: l, start: startK, window: 0..<index(of: startL)),
            weight: pair * (1 - dl) * (1 - dl) * (dk - dl) / (1 - dl) * (1 - dk) / (1 - dl)))
        out.append(
          BaconComparison(
            type: .laterVsEarlier, treated: startL, control: startK,
            estimate: twoByTwo(
              treated: l, control: k, start: startL, window: index(of: startK)..<periods.count),
            weight: pair * dk * dk * (dl / dk) * (dk - dl) / dk))
      }
    }
    return out
  }
}

import Inference

extension DiDSample {
  /// A period or cohort as written in messages: whole numbers without a decimal point.
  static func periodLabel(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }

  /// The distinct values of a column with few of them (periods, cohorts), ascending: each row
  /// is compared with the last value and the few values seen so far, cheaper than hashing
  /// every row; a column with many distinct values falls back to a set.
  static func distinctSorted(_ values: [Double]) -> [Double] {
    var seen: [Double] = []
    var last = Double.nan
    for v in values where v != last {
      if !seen.contains(v) {
        guard seen.count < 256 else { return Array(Set(values)).sorted() }
        seen.append(v)
      }
      last = v
    }
    return seen.sorted()
  }

  /// Lays the checked columns out for the 2x2 comparisons: unit-by-period arrays for a
  /// balanced panel, rows grouped by period otherwise.
  static func layout(
    _ c: Columns, times: [Double], groups: [Double], options: CallawaySantAnnaOptions,
    warnings: [String], dropped: [DroppedSummary.Count]
  ) -> DiDSample {
    let m = c.rows.count
    let k = c.k
    // Period index of each row by binary search in the (few) sorted periods.
    let rowPeriod = c.t.map { t -> Int32 in
      var low = 0
      var high = times.count - 1
      while low < high {
        let mid = (low + high) / 2
        if times[mid] < t { low = mid + 1 } else { high = mid }
      }
      return Int32(low)
    }
    // Influence-function rows: units (panels) or rows (repeated cross-sections).
    let unitIndex =
      options.sampling == .repeatedCrossSections
      ? ClusterIndex(codes: (0..<m).map { Int32($0) }, count: m)
      : DenseCodes.index(c.unit, rows: Array(0..<m))
    let n = unitIndex.count
    var cohort = [Double](repeating: 0, count: n)
    var clusterKeys = [Int32](repeating: 0, count: n)
    for i in 0..<m {
      let u = Int(unitIndex.codes[i])
      cohort[u] = c.g[i]
      if let cluster = c.cluster { clusterKeys[u] = cluster[i] }
    }
    let clusters = c.cluster == nil ? nil : ClusterIndex(keys: clusterKeys)
    var rowsByPeriod = [[Int]](repeating: [], count: times.count)
    for i in 0..<m { rowsByPeriod[Int(rowPeriod[i])].append(i) }
    // Each period's rows in ascending unit order, so that a cell merges its two periods' rows
    // into units without a pass over every unit.
    for p in rowsByPeriod.indices {
      let rows = rowsByPeriod[p]
      let sorted = zip(rows, rows.dropFirst()).allSatisfy {
        unitIndex.codes[$0] <= unitIndex.codes[$1]
      }
      if !sorted { rowsByPeriod[p] = rows.sorted { unitIndex.codes[$0] < unitIndex.codes[$1] } }
    }
    var panelOutcome: [Double]? = nil
    var panelCovariates: [Double]? = nil
    if options.sampling == .balancedPanel {
      var outcome = [Double](repeating: 0, count: times.count * n)
      var covariates = [Double](repeating: 1, count: k > 1 ? times.count * n * k : 0)
      for i in 0..<m {
        let p = Int(rowPeriod[i])
        let u = Int(unitIndex.codes[i])
        outcome[p * n + u] = c.y[i]
        if k > 1 {
          for j in 0..<k { covariates[p * n * k + j * n + u] = c.x[j * m + i] }
        }
      }
      panelOutcome = outcome
      panelCovariates = covariates
    }
    // The row arrays stored period by period in that order, so that a cell reads its two
    // periods' rows from contiguous memory.
    let order = rowsByPeriod.flatMap { $0 }
    var start = 0
    for p in rowsByPeriod.indices {
      let count = rowsByPeriod[p].count
      rowsByPeriod[p] = Array(start..<(start + count))
      start += count
    }
    var rowCovariates = [Double](repeating: 1, count: m * k)
    for j in 0..<k {
      for (i, r) in order.enumerated() { rowCovariates[j * m + i] = c.x[j * m + r] }
    }
    return DiDSample(
      n: n, times: times, groups: groups, cohort: cohort, clusters: clusters, k: k,
      covariateNames: c.names, panelOutcome: panelOutcome, panelCovariates: panelCovariates,
      rowUnit: order.map { unitIndex.codes[$0] }, rowPeriod: order.map { rowPeriod[$0] },
      rowOutcome: order.map { c.y[$0] }, rowCovariates: rowCovariates,
      rowsByPeriod: rowsByPeriod, observations: m, dropped: dropped, missingRows: c.missing,
      warnings: warnings)
  }
}

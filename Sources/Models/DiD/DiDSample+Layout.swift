import Inference

extension DiDSample {
  /// A period or cohort as written in messages: whole numbers without a decimal point.
  static func periodLabel(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }

  /// Lays the checked columns out for the 2x2 comparisons: unit-by-period arrays for a
  /// balanced panel, rows grouped by period otherwise.
  static func layout(
    _ c: Columns, times: [Double], groups: [Double], options: CallawaySantAnnaOptions,
    warnings: [String], dropped: [DroppedSummary.Count]
  ) -> DiDSample {
    let m = c.rows.count
    let k = c.k
    var periodOf: [Double: Int32] = [:]
    for (p, t) in times.enumerated() { periodOf[t] = Int32(p) }
    let rowPeriod = c.t.map { periodOf[$0] ?? 0 }
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
    return DiDSample(
      n: n, times: times, groups: groups, cohort: cohort, clusters: clusters, k: k,
      covariateNames: c.names, panelOutcome: panelOutcome, panelCovariates: panelCovariates,
      rowUnit: unitIndex.codes, rowPeriod: rowPeriod, rowOutcome: c.y, rowCovariates: c.x,
      rowsByPeriod: rowsByPeriod, observations: m, dropped: dropped, missingRows: c.missing,
      warnings: warnings)
  }
}

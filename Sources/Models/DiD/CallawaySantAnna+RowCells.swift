extension CallawaySantAnna {
  /// A cell of an unbalanced panel or repeated cross-sections: the 2x2 on the pooled rows of
  /// the two periods, its influence function summed over each unit's rows (R `did` with
  /// `panel = FALSE` or `allow_unbalanced_panel = TRUE`).
  ///
  /// Everything is sized by the cell's rows: each period's rows come in ascending unit order
  /// (`DiDSample.rowsByPeriod`), so merging the two periods gives the cell's units in order.
  static func rowCell(
    _ s: DiDSample, _ o: CallawaySantAnnaOptions, group g: Double, current: Int, base: Int,
    threshold: Double
  ) -> CellEstimate {
    let baseRows = s.rowsByPeriod[base]
    let currentRows = s.rowsByPeriod[current]
    let capacity = baseRows.count + currentRows.count
    var rows: [Int] = []
    var treated: [Double] = []
    var post: [Double] = []
    rows.reserveCapacity(capacity)
    treated.reserveCapacity(capacity)
    post.reserveCapacity(capacity)
    var counts = (treatedPost: 0, treatedPre: 0, comparisonPost: 0, comparisonPre: 0)
    // `isComparison` with the options read once: never treated, or (not-yet-treated
    // comparisons) first treated after the later period plus anticipation.
    let notYet = o.control == .notYetTreated
    let cutoff = threshold + o.anticipation
    s.cohort.withUnsafeBufferPointer { cohort in
      s.rowUnit.withUnsafeBufferPointer { rowUnit in
        for (periodRows, isPost) in [(baseRows, 0.0), (currentRows, 1.0)] {
          for r in periodRows {
            let c = cohort[Int(rowUnit[r])]
            let isTreated = c == g
            guard isTreated || c == 0 || (notYet && c > cutoff) else { continue }
            rows.append(r)
            treated.append(isTreated ? 1 : 0)
            post.append(isPost)
            switch (isTreated, isPost > 0) {
            case (true, true): counts.treatedPost += 1
            case (true, false): counts.treatedPre += 1
            case (false, true): counts.comparisonPost += 1
            case (false, false): counts.comparisonPre += 1
            }
          }
        }
      }
    }
    let baseCount = counts.treatedPre + counts.comparisonPre
    // Distinct units (a unit of an unbalanced panel may have a row in both periods).
    let units = mergedUnits(rows: rows, baseCount: baseCount, rowUnit: s.rowUnit)
    var nTreated = 0
    for unit in units where treated[unit.first] > 0 { nTreated += 1 }
    let nComparison = units.count - nTreated
    func failed(_ failure: CellFailure) -> CellEstimate {
      failedCell(
        group: g, time: s.times[current], base: s.times[base], treated: nTreated,
        comparisons: nComparison, failure: failure)
    }
    guard counts.comparisonPost > 0, counts.comparisonPre > 0 else {
      return failed(.noComparison)
    }
    guard counts.treatedPost > 0, counts.treatedPre > 0 else { return failed(.noTreated) }
    let n1 = rows.count
    let m = s.rowCount
    var x = [Double](repeating: 1, count: n1 * s.k)
    for j in 1..<max(1, s.k) {
      for (i, r) in rows.enumerated() { x[j * n1 + i] = s.rowCovariates[j * m + r] }
    }
    let design = DiDCellDesign(n: n1, k: s.k, x: x)
    let groups =
      o.estimator == .regression || s.k == 1 ? nil : sharedCovariateRows(units, design: design)
    do {
      let estimate = try DRDIDCrossSection.estimate(
        o.estimator, y: rows.map { s.rowOutcome[$0] }, post: post, treated: treated,
        design: design, groups: groups)
      let scale = Double(s.n) / Double(n1)
      // Sum each unit's rows (R's rowsum by id), in ascending unit order.
      let influence = estimate.influence
      return CellEstimate(
        group: g, time: s.times[current], base: s.times[base], att: estimate.att,
        influence: SparseInfluence(
          indices: units.map(\.unit),
          values: units.map { u in
            (influence[u.first] + (u.second.map { influence[$0] } ?? 0)) * scale
          }),
        treated: nTreated, comparisons: nComparison, failure: nil)
    } catch {
      return failed(cellFailure(error))
    }
  }

  /// The rows a cell's propensity score fits together: a unit's two rows when their covariates
  /// are equal (their treatment always is), each other row alone; `nil` when no unit has two
  /// such rows.
  static func sharedCovariateRows(
    _ units: [(unit: Int32, first: Int, second: Int?)], design: DiDCellDesign
  ) -> DiDPropensityScore.RowGroups? {
    let n = design.n
    var representative: [Int] = []
    var weight: [Double] = []
    var groupOfRow = [Int32](repeating: 0, count: n)
    representative.reserveCapacity(units.count)
    weight.reserveCapacity(units.count)
    var shared = 0
    design.x.withUnsafeBufferPointer { xs in
      for u in units {
        groupOfRow[u.first] = Int32(representative.count)
        representative.append(u.first)
        if let second = u.second,
          (1..<design.k).allSatisfy({ xs[$0 * n + u.first] == xs[$0 * n + second] })
        {
          groupOfRow[second] = groupOfRow[u.first]
          weight.append(2)
          shared += 1
          continue
        }
        weight.append(1)
        if let second = u.second {
          groupOfRow[second] = Int32(representative.count)
          representative.append(second)
          weight.append(1)
        }
      }
    }
    guard shared > 0 else { return nil }
    return DiDPropensityScore.RowGroups(
      representative: representative, weight: weight, groupOfRow: groupOfRow)
  }

  /// The distinct units of a cell's rows in ascending order, each with the position of its
  /// first row and of its second (later-period) row, if any: a merge of the base-period rows
  /// (`0..<baseCount`) and the current-period rows, each in ascending unit order.
  static func mergedUnits(rows: [Int], baseCount: Int, rowUnit: [Int32]) -> [(
    unit: Int32, first: Int, second: Int?
  )] {
    var out: [(unit: Int32, first: Int, second: Int?)] = []
    out.reserveCapacity(rows.count)
    var a = 0
    var b = baseCount
    while a < baseCount || b < rows.count {
      let ua = a < baseCount ? rowUnit[rows[a]] : Int32.max
      let ub = b < rows.count ? rowUnit[rows[b]] : Int32.max
      if a < baseCount, b < rows.count, ua == ub {
        out.append((ua, a, b))
        a += 1
        b += 1
      } else if b >= rows.count || (a < baseCount && ua < ub) {
        out.append((ua, a, nil))
        a += 1
      } else {
        out.append((ub, b, nil))
        b += 1
      }
    }
    return out
  }
}

extension CallawaySantAnna {
  /// A cell of an unbalanced panel or repeated cross-sections: the 2x2 on the pooled rows of
  /// the two periods, its influence function summed over each unit's rows (R `did` with
  /// `panel = FALSE` or `allow_unbalanced_panel = TRUE`).
  static func rowCell(
    _ s: DiDSample, _ o: CallawaySantAnnaOptions, group g: Double, current: Int, base: Int,
    threshold: Double
  ) -> CellEstimate {
    var rows: [Int] = []
    var treated: [Double] = []
    var post: [Double] = []
    var counts = (treatedPost: 0, treatedPre: 0, comparisonPost: 0, comparisonPre: 0)
    for (period, isPost) in [(base, 0.0), (current, 1.0)] {
      for r in s.rowsByPeriod[period] {
        let c = s.cohort[Int(s.rowUnit[r])]
        let isTreated = c == g
        guard isTreated || isComparison(c, group: g, threshold: threshold, options: o) else {
          continue
        }
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
    // Distinct units of each kind (a unit of an unbalanced panel may have both rows).
    var seen = [UInt8](repeating: 0, count: s.n)
    var nTreated = 0
    var nComparison = 0
    for (i, r) in rows.enumerated() {
      let u = Int(s.rowUnit[r])
      if seen[u] == 0 {
        seen[u] = 1
        if treated[i] > 0 { nTreated += 1 } else { nComparison += 1 }
      }
    }
    func failed(_ failure: CellFailure) -> CellEstimate {
      CellEstimate(
        group: g, time: s.times[current], base: s.times[base], att: nil, influence: .empty,
        treated: nTreated, comparisons: nComparison, failure: failure)
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
    do {
      let estimate = try DRDIDCrossSection.estimate(
        o.estimator, y: rows.map { s.rowOutcome[$0] }, post: post, treated: treated,
        design: design)
      let scale = Double(s.n) / Double(n1)
      // Sum each unit's rows (R's rowsum by id), in ascending unit order.
      var sums = [Double](repeating: 0, count: s.n)
      for (i, r) in rows.enumerated() { sums[Int(s.rowUnit[r])] += estimate.influence[i] }
      var indices: [Int32] = []
      var values: [Double] = []
      indices.reserveCapacity(rows.count)
      values.reserveCapacity(rows.count)
      for u in 0..<s.n where seen[u] != 0 {
        indices.append(Int32(u))
        values.append(sums[u] * scale)
      }
      return CellEstimate(
        group: g, time: s.times[current], base: s.times[base], att: estimate.att,
        influence: SparseInfluence(indices: indices, values: values),
        treated: nTreated, comparisons: nComparison, failure: nil)
    } catch TwoByTwoFailure.overlap {
      return failed(.overlap)
    } catch TwoByTwoFailure.singular(let what) {
      return failed(.singular(what))
    } catch {
      return failed(.singular("\(error)"))
    }
  }
}

import DataTable
import Models

extension TrendAnalysis {
  /// The fitted trends of one analysis: one per group (or one overall), the gap trend and the
  /// Mann-Kendall tests.
  struct Fits: Sendable {
    /// One entry per series: its group level, fit (or why it could not be fitted) and test.
    struct Entry: Sendable {
      let group: String?
      let fit: TrendResult?
      let error: String?
      let mannKendall: MannKendallResult?
      let points: Int
    }
    var entries: [Entry] = []
    var comparison: TrendComparisonResult?
    var comparisonError: String?
    /// Notes on the data flags (breaks in series modelled, provisional values...).
    var notes: [String] = []
  }

  /// Computes the series (a pending count table for learner data) and fits it.
  public func run(_ context: AnalysisContext) throws -> AnalysisOutcome {
    if valueColumn != nil {
      let points = try readyPoints(context.data)
      try checkGroups(points)
      return outcome(
        points: points, suppressed: points.map { _ in false }, population: nil, context: context)
    }
    let (points, population, missing, allCounts, fullSplit) = try computedPoints(context)
    try checkGroups(points)
    let (counts, split, limited) = BinarySplit.limited(
      allCounts, split: fullSplit, minCell: context.disclosure.minCell)
    let table = CountTable(
      id: name, population: population,
      variables: variables + (split.map { [$0.variable] } ?? []), cells: counts,
      variablesWithMissing: missing)
    let unprotected = limited ? fullSplit : nil
    return AnalysisOutcome(
      pending: PendingTables(tables: [table]) { suppressed in
        let flags = BinarySplit.flags(suppressed.first ?? [], split: split)
        return self.outcome(
          points: points, suppressed: flags.estimate, countSuppressed: flags.count,
          population: population, split: split, unprotectedSplit: unprotected, context: context)
      })
  }

  /// `compare` must have exactly two levels.
  func checkGroups(_ points: [Point]) throws {
    guard let compare else { return }
    let levels = Set(points.compactMap(\.group))
    guard levels.count == 2 else {
      throw AnalysisError.invalid(
        name,
        "compare: '\(compare)' must have exactly two levels in the data, found \(levels.count)")
    }
  }

  /// The group levels in order: sorted (reference first) with `compare`; otherwise the overall
  /// series (`nil`) and the groups of an indicator's trend in first appearance order.
  func groups(_ points: [Point]) -> [String?] {
    if compare != nil { return Array(Set(points.compactMap(\.group))).sorted().map { $0 } }
    var out: [String?] = []
    for p in points where !out.contains(p.group) { out.append(p.group) }
    return out.isEmpty ? [nil] : out
  }

  /// The modelled series of one group: published points with a finite estimate.
  func series(_ points: [Point], suppressed: [Bool], group: String?) throws -> TrendSeries {
    let used = points.indices.filter {
      !(suppressed.indices.contains($0) && suppressed[$0]) && points[$0].group == group
        && points[$0].estimate.isFinite
    }
    let errors = used.map { points[$0].standardError }
    let ses: [Double]? =
      valueColumn != nil && seColumn != nil && errors.allSatisfy { $0 != nil }
      ? errors.map { $0 ?? 1 } : nil
    return try TrendSeries(
      time: used.map { points[$0].time }, values: used.map { points[$0].estimate },
      standardErrors: ses)
  }

  /// Fits every series; failures become messages (the report states them).
  func fits(points: [Point], suppressed: [Bool], options: TrendOptions) -> Fits {
    var fits = Fits()
    var fitted: [String?: TrendSeries] = [:]
    for group in groups(points) {
      do {
        let s = try series(points, suppressed: suppressed, group: group)
        fitted[group] = s
        let fit = try TrendModel.fit(s, options: options)
        let test = mannKendall && s.count >= 3 ? try MannKendall.test(s) : nil
        fits.entries.append(
          .init(group: group, fit: fit, error: nil, mannKendall: test, points: s.count))
      } catch {
        fits.entries.append(
          .init(
            group: group, fit: nil, error: "\(error)", mannKendall: nil,
            points: fitted[group]?.count ?? 0))
      }
    }
    let levels = groups(points)
    if compare != nil, levels.count == 2, let a = levels[0], let b = levels[1],
      let reference = fitted[a], let other = fitted[b]
    {
      do {
        fits.comparison = try TrendComparison.fit(
          reference: reference, group: other, label: compare ?? "group", options: options)
      } catch {
        fits.comparisonError = "\(error)"
      }
    }
    return fits
  }
}

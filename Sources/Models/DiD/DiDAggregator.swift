import Distributions
import Inference

/// R `did`'s `compute.aggte`: weighted averages of group-time effects with influence functions
/// that include the estimation of the cohort-share weights (its `wif`), so their standard
/// errors are analytical.
struct DiDAggregator {
  /// Estimated cells only (R's `na.rm = TRUE`).
  let cells: [CellEstimate]
  let sample: DiDSample
  let variance: InfluenceVariance
  let options: CallawaySantAnnaOptions
  /// Share of influence-function rows in each cohort (R `pg`).
  let share: [Double: Double]
  /// The distinct cohorts (0 = never treated), ascending.
  let cohorts: [Double]
  /// Each influence-function row's position in `cohorts`.
  let cohortCode: [Int32]
  /// Notes on aggregations that could not be formed.
  var warnings: [String] = []

  init(
    sample: DiDSample, cells: [CellEstimate], variance: InfluenceVariance,
    options: CallawaySantAnnaOptions
  ) {
    self.sample = sample
    self.cells = cells.filter { $0.att != nil }
    self.variance = variance
    self.options = options
    cohorts = Array(Set(sample.cohort)).sorted()
    var position: [Double: Int32] = [:]
    for (p, c) in cohorts.enumerated() { position[c] = Int32(p) }
    var codes = [Int32](repeating: 0, count: sample.n)
    var counts = [Double](repeating: 0, count: cohorts.count)
    var previous: (value: Double, code: Int32)? = nil
    for (i, c) in sample.cohort.enumerated() {
      // Runs of one cohort are common (units in data order); skip the lookup for them.
      let code = previous.flatMap { $0.value == c ? $0.code : nil } ?? position[c] ?? 0
      previous = (c, code)
      codes[i] = code
      counts[Int(code)] += 1
    }
    cohortCode = codes
    share = Dictionary(
      uniqueKeysWithValues: zip(cohorts, counts.map { $0 / Double(sample.n) }))
  }

  /// An estimate with its dense influence function.
  struct Item {
    let at: Double?
    let estimate: Double
    let psi: [Double]
  }

  /// The aggregation, or `nil` (with a warning) when it has nothing to average.
  mutating func aggregate(
    _ type: DiDAggregation, window: ClosedRange<Double>?, balanceEvents: Double?
  ) -> DiDAggregate? {
    let post = cells.indices.filter { cells[$0].group <= cells[$0].time }
    var items: [Item] = []
    let overall: Item?
    switch type {
    case .simple:
      overall = post.isEmpty ? nil : weighted(post, at: nil)
    case .group:
      var groupEntries: [(group: Double, att: Double, share: Double)] = []
      for g in Array(Set(post.map { cells[$0].group })).sorted() {
        let mine = post.filter { cells[$0].group == g }
        let item = weighted(mine, at: g, estimateWeights: false)
        items.append(item)
        groupEntries.append((g, item.estimate, share[g] ?? 0))
      }
      overall = items.isEmpty ? nil : combine(items, entries: groupEntries)
    case .dynamic:
      var use = Array(cells.indices)
      if let balanceEvents {
        let maxT = cells.map(\.time).max() ?? 0
        use = use.filter { maxT - cells[$0].group >= balanceEvents }
      }
      var events = Array(Set(use.map { cells[$0].time - cells[$0].group })).sorted()
      if let balanceEvents {
        let first = min(sample.times.first ?? 0, sample.groups.first ?? 0)
        let maxT = cells.map(\.time).max() ?? 0
        events = events.filter { $0 <= balanceEvents && $0 >= balanceEvents - maxT + first }
      }
      if let window { events = events.filter { window.contains($0) } }
      for e in events {
        items.append(weighted(use.filter { cells[$0].time - cells[$0].group == e }, at: e))
      }
      let nonNegative = items.filter { ($0.at ?? -1) >= 0 }
      overall = nonNegative.isEmpty ? nil : average(nonNegative)
    case .calendar:
      let first = cells.map(\.group).min() ?? 0
      for t in Array(Set(post.map { cells[$0].time })).sorted() where t >= first {
        items.append(weighted(post.filter { cells[$0].time == t }, at: t))
      }
      overall = items.isEmpty ? nil : average(items)
    }
    guard let overall else {
      warnings.append("the \(type.rawValue) aggregation has no post-treatment effect to average")
      return nil
    }
    let z = Normal.standard.upperQuantile((1 - options.level) / 2)
    var critical: Double? = nil
    if type != .simple, let bootstrap = options.bootstrap {
      let usable = items.filter { variance.standardError($0.psi) != nil }
      critical = MultiplierBootstrap.criticalValue(
        usable.map(\.psi), clusters: sample.clusters, options: bootstrap, level: options.level)
    }
    func estimate(_ item: Item, band: Double?) -> DiDAggregateEstimate {
      let se = variance.standardError(item.psi)
      let value = item.estimate.isFinite ? item.estimate : nil
      func bound(_ c: Double?, _ sign: Double) -> Double? {
        guard let c, let se, let value else { return nil }
        return value + sign * c * se
      }
      return DiDAggregateEstimate(
        at: item.at, estimate: value, standardError: se, confidenceLow: bound(z, -1),
        confidenceHigh: bound(z, 1), bandLow: bound(band, -1), bandHigh: bound(band, 1))
    }
    return DiDAggregate(
      type: type, overall: estimate(overall, band: nil),
      estimates: items.map { estimate($0, band: critical) }, uniformCriticalValue: critical)
  }

  /// Cohort-share weighted average of cells, with the weights' influence function when
  /// `estimateWeights` (R `get_agg_inf_func` with `wif`).
  func weighted(_ indices: [Int], at: Double?, estimateWeights: Bool = true) -> Item {
    let weights = indices.map { share[cells[$0].group] ?? 0 }
    let total = weights.reduce(0, +)
    var psi = [Double](repeating: 0, count: sample.n)
    var estimate = 0.0
    for (index, w) in zip(indices, weights) {
      estimate += (cells[index].att ?? 0) * w / total
      cells[index].influence.add(into: &psi, weight: w / total)
    }
    if estimateWeights {
      addWeightInfluence(
        indices.map { (cells[$0].group, cells[$0].att ?? 0, share[cells[$0].group] ?? 0) },
        into: &psi)
    }
    return Item(at: at, estimate: estimate, psi: psi)
  }

  /// The share-weighted average of cohort estimates, with the weights' influence function.
  func combine(_ items: [Item], entries: [(group: Double, att: Double, share: Double)]) -> Item {
    let total = entries.reduce(0) { $0 + $1.share }
    var psi = [Double](repeating: 0, count: sample.n)
    var estimate = 0.0
    for (item, entry) in zip(items, entries) {
      estimate += entry.att * entry.share / total
      for i in 0..<sample.n { psi[i] += entry.share / total * item.psi[i] }
    }
    addWeightInfluence(entries, into: &psi)
    return Item(at: nil, estimate: estimate, psi: psi)
  }

  /// The plain average of estimates (the overall dynamic and calendar summaries).
  func average(_ items: [Item]) -> Item {
    let w = 1 / Double(items.count)
    var psi = [Double](repeating: 0, count: sample.n)
    for item in items { for i in 0..<sample.n { psi[i] += w * item.psi[i] } }
    return Item(at: nil, estimate: items.reduce(0) { $0 + $1.estimate } * w, psi: psi)
  }

  /// Adds R's `wif %*% att`: for a unit of cohort c, with P the sum of the shares, Q the
  /// share-weighted sum of the estimates, A(c) and N(c) the sum and count of entries of
  /// cohort c, `(A(c) - Q) / P - (N(c) - P) Q / P^2`.
  func addWeightInfluence(
    _ entries: [(group: Double, att: Double, share: Double)], into psi: inout [Double]
  ) {
    let p = entries.reduce(0) { $0 + $1.share }
    let q = entries.reduce(0) { $0 + $1.att * $1.share }
    var sums: [Double: (a: Double, count: Double)] = [:]
    for e in entries {
      let old = sums[e.group] ?? (0, 0)
      sums[e.group] = (old.a + e.att, old.count + 1)
    }
    let byCohort = cohorts.map { c -> Double in
      let (a, count) = sums[c] ?? (0, 0)
      return (a - q) / p - (count - p) * q / (p * p)
    }
    for i in 0..<sample.n { psi[i] += byCohort[Int(cohortCode[i])] }
  }
}

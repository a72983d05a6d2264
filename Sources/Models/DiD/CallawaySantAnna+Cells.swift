import Dispatch
import LinearAlgebra

/// Why a group-time cell has no estimate.
enum CellFailure: Sendable {
  /// No comparison unit in the period or its base period.
  case noComparison
  /// No unit of the cohort in one of the two periods (repeated cross-sections).
  case noTreated
  /// Propensity score at 0.999 or more.
  case overlap
  /// A singular regression.
  case singular(String)
}

/// One estimated (or failed) cell before standard errors.
struct CellEstimate: Sendable {
  let group: Double
  let time: Double
  let base: Double
  let att: Double?
  let influence: SparseInfluence
  let treated: Int
  let comparisons: Int
  let failure: CellFailure?
}

extension CallawaySantAnna {
  /// The (period, base period) pairs of a cohort, as R `did`'s `compute.att_gt` loops over them:
  /// with a varying base, pre-treatment periods compare with the period before and
  /// post-treatment periods with the last period before treatment (less anticipation); with a
  /// universal base, every period compares with that one (itself a zero reference cell).
  static func periodPairs(group g: Double, sample s: DiDSample, options o: CallawaySantAnnaOptions)
    -> (pairs: [(current: Int, base: Int, threshold: Int)], hasPrePeriod: Bool)
  {
    let times = s.times
    guard let lastPre = times.lastIndex(where: { $0 + o.anticipation < g }) else {
      return ([], false)
    }
    let varying = o.basePeriod == .varying
    let shift = varying ? 1 : 0
    var pairs: [(Int, Int, Int)] = []
    for t in 0..<(times.count - shift) {
      let current = t + shift
      var base = varying ? t : lastPre
      if g <= times[current] { base = lastPre }
      pairs.append((current, base, max(t, base) + shift))
    }
    return (pairs, true)
  }

  /// Whether a unit of cohort `c` is a comparison for cohort `g` when the later of the two
  /// periods is `threshold` (R: never treated, or first treated after it plus anticipation).
  static func isComparison(
    _ c: Double, group g: Double, threshold: Double, options o: CallawaySantAnnaOptions
  ) -> Bool {
    if c == 0 { return true }
    return o.control == .notYetTreated && c > threshold + o.anticipation && c != g
  }

  /// Every cell of the sample, in R's order (cohort, then period); the cells are independent
  /// 2x2 comparisons and run on all cores.
  static func cells(_ s: DiDSample, options o: CallawaySantAnnaOptions) -> (
    [CellEstimate], [String]
  ) {
    var jobs: [(group: Double, current: Int, base: Int, threshold: Int)] = []
    var warnings: [String] = []
    for g in s.groups {
      let (pairs, hasPre) = periodPairs(group: g, sample: s, options: o)
      guard hasPre else {
        warnings.append(
          "cohort \(DiDSample.periodLabel(g)) has no pre-treatment period; it is not estimated")
        continue
      }
      for pair in pairs { jobs.append((g, pair.current, pair.base, pair.threshold)) }
    }
    var results = [CellEstimate?](repeating: nil, count: jobs.count)
    // Plain Dispatch rather than ParallelLoop: the cells use no BLAS, so the BLAS thread
    // setting (process-wide) is left alone for fits running meanwhile.
    let work = jobs
    results.withUnsafeMutableBufferPointer { buffer in
      let out = UncheckedSendableBox(buffer)
      DispatchQueue.concurrentPerform(iterations: work.count) { index in
        // A cancelled fit skips the cells not started; `fit` then throws.
        if o.cancellation?.isCancelled == true { return }
        out.value[index] = cell(s, o, job: work[index])
      }
    }
    return (results.compactMap { $0 }, warnings)
  }

  /// The cell estimate of a comparison that failed, or of a 2x2 estimator's error.
  static func failedCell(
    group g: Double, time: Double, base: Double, treated: Int, comparisons: Int,
    failure: CellFailure
  ) -> CellEstimate {
    CellEstimate(
      group: g, time: time, base: base, att: nil, influence: .empty, treated: treated,
      comparisons: comparisons, failure: failure)
  }

  /// Why a 2x2 estimator threw.
  static func cellFailure(_ error: any Error) -> CellFailure {
    switch error {
    case TwoByTwoFailure.overlap: return .overlap
    case TwoByTwoFailure.singular(let what): return .singular(what)
    default: return .singular("\(error)")
    }
  }

  /// One cell: the zero reference cell of a universal base period, or its 2x2 comparison.
  static func cell(
    _ s: DiDSample, _ o: CallawaySantAnnaOptions,
    job: (group: Double, current: Int, base: Int, threshold: Int)
  ) -> CellEstimate {
    let g = job.group
    let time = s.times[job.current]
    let base = s.times[job.base]
    if job.current == job.base {
      // Universal base period: the reference cell is zero by construction.
      return CellEstimate(
        group: g, time: time, base: base, att: 0, influence: .empty, treated: 0,
        comparisons: 0, failure: nil)
    }
    let threshold = s.times[job.threshold]
    if s.isBalancedPanel {
      return panelCell(
        s, o, group: g, current: job.current, base: job.base, threshold: threshold)
    }
    return rowCell(
      s, o, group: g, current: job.current, base: job.base, threshold: threshold)
  }

  /// A cell of a balanced panel: the 2x2 on each unit's outcome change.
  static func panelCell(
    _ s: DiDSample, _ o: CallawaySantAnnaOptions, group g: Double, current: Int, base: Int,
    threshold: Double
  ) -> CellEstimate {
    let n = s.n
    var kept: [Int32] = []
    var treated: [Double] = []
    for i in 0..<n {
      let c = s.cohort[i]
      if c == g {
        kept.append(Int32(i))
        treated.append(1)
      } else if isComparison(c, group: g, threshold: threshold, options: o) {
        kept.append(Int32(i))
        treated.append(0)
      }
    }
    let nTreated = Int(treated.reduce(0, +))
    let nComparison = kept.count - nTreated
    func failed(_ failure: CellFailure) -> CellEstimate {
      failedCell(
        group: g, time: s.times[current], base: s.times[base], treated: nTreated,
        comparisons: nComparison, failure: failure)
    }
    guard nComparison > 0 else { return failed(.noComparison) }
    guard nTreated > 0 else { return failed(.noTreated) }
    let outcome = s.panelOutcome ?? []
    let deltaY = kept.map { outcome[current * n + Int($0)] - outcome[base * n + Int($0)] }
    let n1 = kept.count
    var x = [Double](repeating: 1, count: n1 * s.k)
    if s.k > 1, let covariates = s.panelCovariates {
      let earlier = min(current, base)
      for j in 1..<s.k {
        let offset = earlier * n * s.k + j * n
        for (r, i) in kept.enumerated() { x[j * n1 + r] = covariates[offset + Int(i)] }
      }
    }
    let design = DiDCellDesign(n: n1, k: s.k, x: x)
    do {
      let estimate = try DRDIDPanel.estimate(
        o.estimator, deltaY: deltaY, treated: treated, design: design)
      let scale = Double(n) / Double(n1)
      return CellEstimate(
        group: g, time: s.times[current], base: s.times[base], att: estimate.att,
        influence: SparseInfluence(indices: kept, values: estimate.influence.map { $0 * scale }),
        treated: nTreated, comparisons: nComparison, failure: nil)
    } catch {
      return failed(cellFailure(error))
    }
  }
}

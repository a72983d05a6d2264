import DataTable
import Distributions
import Inference

/// Callaway and Sant'Anna (2021) difference-in-differences with staggered adoption: every
/// group-time average treatment effect ATT(g,t), from 2x2 comparisons of a cohort with
/// never-treated or not-yet-treated units by outcome regression, inverse probability weighting
/// or the doubly robust estimator of Sant'Anna and Zhao (2020), with influence functions,
/// analytical (optionally clustered) standard errors, aggregations and the pre-test.
///
/// Matches R `did` 2.5 (`att_gt` + `aggte`, analytical standard errors) on `mpdta`.
///
/// ```swift
/// var options = CallawaySantAnnaOptions(
///   outcome: "lemp", time: "year", unit: "countyreal", firstTreated: "first.treat")
/// options.control = .notYetTreated
/// let fit = try CallawaySantAnna.fit(data: table, options: options)
/// fit.aggregate(.dynamic).overall.estimate
/// ```
public enum CallawaySantAnna {
  /// Estimates every ATT(g,t) and the four aggregations.
  /// - Parameters:
  ///   - data: the table (long format: one row per unit and period).
  ///   - options: the columns and design.
  ///   - window: event times kept by the dynamic aggregation (R `min_e`, `max_e`).
  ///   - balanceEvents: keep only cohorts observed this many periods after treatment in the
  ///     dynamic aggregation (R `balance_e`).
  /// - Throws: `DiDError` for timing, panel or comparison problems; `FormulaError` for bad
  ///   covariates.
  /// - Returns: the result.
  public static func fit(
    data: DataTable, options: CallawaySantAnnaOptions,
    window: ClosedRange<Double>? = nil, balanceEvents: Double? = nil
  ) throws -> CallawaySantAnnaResult {
    guard options.anticipation >= 0, options.anticipation.isFinite else {
      throw DiDError.badOption(option: "anticipation", message: "must be 0 or more")
    }
    guard options.level > 0, options.level < 1 else {
      throw DiDError.badOption(option: "level", message: "must be between 0 and 1")
    }
    if let bootstrap = options.bootstrap, bootstrap.replications < 2 {
      throw DiDError.badOption(option: "bootstrap.reps", message: "needs at least 2 replications")
    }
    let sample = try DiDSample.prepare(options, data: data)
    let (cells, cellWarnings) = cells(sample, options: options)
    try options.cancellation?.check()
    var warnings = sample.warnings + cellWarnings + failureWarnings(cells)
    guard cells.contains(where: { $0.att != nil && $0.influence.values.count > 0 }) else {
      if cells.contains(where: { $0.failure.map(isNoComparison) ?? false }) {
        throw DiDError.noComparison(
          "no cohort has a valid comparison group in any period (control: "
            + "\(options.control.rawValue)); never-treated units or later-treated ones are needed")
      }
      throw DiDError.noComparison(
        "no group-time effect could be estimated (see the reasons above: "
          + warnings.joined(separator: "; ") + ")")
    }
    let variance = InfluenceVariance(n: sample.n, clusters: sample.clusters)
    let effects = cells.map { cell in
      GroupTimeEffect(
        group: cell.group, time: cell.time, basePeriod: cell.base, att: cell.att,
        standardError: cell.att == nil ? nil : variance.standardError(cell.influence),
        treatedUnits: cell.treated, comparisonUnits: cell.comparisons)
    }
    var aggregator = DiDAggregator(
      sample: sample, cells: cells, variance: variance, options: options)
    if cells.contains(where: { $0.att == nil }) {
      warnings.append(
        "aggregations leave out the group-time effects that could not be estimated")
    }
    let aggregates = DiDAggregation.allCases.compactMap { type in
      aggregator.aggregate(type, window: window, balanceEvents: balanceEvents)
    }
    warnings += aggregator.warnings
    let (pretest, pretestWarning) = Self.pretest(
      effects: effects, cells: cells, variance: variance, anticipation: options.anticipation)
    if let pretestWarning { warnings.append(pretestWarning) }
    let band = options.bootstrap.flatMap { boot in
      uniformBand(
        cells: cells, effects: effects, sample: sample, bootstrap: boot, level: options.level)
    }
    return CallawaySantAnnaResult(
      options: options, effects: effects, attBandCriticalValue: band, aggregates: aggregates,
      pretest: pretest, units: sample.n, observations: sample.observations,
      clusterCount: sample.clusters?.count, times: sample.times, groups: sample.groups,
      covariateNames: sample.covariateNames,
      dropped: DroppedSummary(
        missingRows: sample.missingRows, other: sample.dropped, collinearTerms: []),
      warnings: warnings)
  }

  static func isNoComparison(_ failure: CellFailure) -> Bool {
    if case .noComparison = failure { return true }
    return false
  }

  /// One warning per cohort naming the periods without a comparison group, and one per cell
  /// that failed for another reason.
  static func failureWarnings(_ cells: [CellEstimate]) -> [String] {
    var warnings: [String] = []
    var missingComparison: [(Double, [Double])] = []
    for cell in cells {
      guard let failure = cell.failure else { continue }
      let where_ =
        "cohort \(DiDSample.periodLabel(cell.group)), period \(DiDSample.periodLabel(cell.time))"
      switch failure {
      case .noComparison:
        if let last = missingComparison.indices.last, missingComparison[last].0 == cell.group {
          missingComparison[last].1.append(cell.time)
        } else {
          missingComparison.append((cell.group, [cell.time]))
        }
      case .noTreated:
        warnings.append("\(where_): no unit of the cohort observed in one of the two periods")
      case .overlap:
        warnings.append(
          "\(where_): the propensity score reaches 0.999 (a covariate nearly predicts "
            + "treatment); ATT(g,t) is not estimated")
      case .singular(let what):
        warnings.append(
          "\(where_): the \(what) is singular (collinear covariates or too few units); "
            + "ATT(g,t) is not estimated")
      }
    }
    for (group, times) in missingComparison {
      warnings.insert(
        "cohort \(DiDSample.periodLabel(group)) has no valid comparison group in period(s) "
          + times.map(DiDSample.periodLabel).joined(separator: ", ")
          + "; those effects are not estimated", at: 0)
    }
    return warnings
  }

  /// The sup-t critical value of a uniform band over every estimated ATT(g,t).
  static func uniformBand(
    cells: [CellEstimate], effects: [GroupTimeEffect], sample: DiDSample,
    bootstrap: MultiplierBootstrapOptions, level: Double
  ) -> Double? {
    let used = cells.indices.filter { effects[$0].standardError != nil }
    let dense = used.map { index -> [Double] in
      var psi = [Double](repeating: 0, count: sample.n)
      cells[index].influence.add(into: &psi, weight: 1)
      return psi
    }
    return MultiplierBootstrap.criticalValue(
      dense, clusters: sample.clusters, options: bootstrap, level: level)
  }
}

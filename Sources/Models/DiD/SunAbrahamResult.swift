import Inference
import LinearAlgebra

/// The Sun-Abraham event study: event-time estimates `event_time[l]` (cohort-share weighted
/// averages of the cohort x event-time cells) with their delta-method covariance, the cells
/// themselves, and the overall post-treatment ATT.
public struct SunAbrahamResult: DerivedRegressionFit {
  /// The saturated fixed-effects regression of the cells.
  public let cellFit: FixedEffectsResult
  /// The fit whose inference settings this result reports (``DerivedRegressionFit``).
  public var underlyingFit: any RegressionFit { cellFit }
  /// The omitted event time.
  public let reference: Int
  let cells: [SunAbrahamCell]
  let counts: [Int]
  let extraWarnings: [String]
  /// Event times with an estimate, ascending.
  public let eventTimes: [Int]
  /// Aggregation weights: row per event time (then one for the ATT), column per kept cell
  /// coefficient of `cellFit`.
  let weights: Matrix

  init(
    cellFit: FixedEffectsResult, cells: [SunAbrahamCell], counts: [Int], reference: Int,
    extraWarnings: [String]
  ) {
    self.cellFit = cellFit
    self.cells = cells
    self.counts = counts
    self.reference = reference
    self.extraWarnings = extraWarnings
    let names = cellFit.coefficients.names
    var position: [Int: Int] = [:]
    for (k, cell) in cells.enumerated() {
      if let j = cellFit.coefficients.index(of: cell.name) { position[k] = j }
    }
    let times = Array(Set(position.keys.map { cells[$0].eventTime })).sorted()
    var w = Matrix(rows: times.count + 1, columns: names.count)
    for (r, l) in times.enumerated() {
      let members = position.keys.filter { cells[$0].eventTime == l }
      let total = Double(members.reduce(0) { $0 + counts[$1] })
      for k in members { w[r, position[k] ?? 0] = Double(counts[k]) / total }
    }
    let post = position.keys.filter { cells[$0].eventTime >= 0 }
    let postTotal = Double(post.reduce(0) { $0 + counts[$1] })
    for k in post { w[times.count, position[k] ?? 0] = Double(counts[k]) / postTotal }
    self.eventTimes = times
    self.weights = w
  }

  /// `w b` for every row of the weights.
  private var aggregated: [Double] {
    let b = cellFit.coefficients.values
    return (0..<weights.rows).map { r in
      (0..<weights.columns).reduce(0) { $0 + weights[r, $1] * b[$1] }
    }
  }

  /// `W V W'` for the cell covariance in force.
  private var aggregatedCovariance: Matrix {
    let v = cellFit.covariance
    let n = weights.columns
    var wv = Matrix(rows: weights.rows, columns: n)
    for r in 0..<weights.rows {
      for j in 0..<n where weights[r, j] != 0 {
        for c in 0..<n { wv[r, c] += weights[r, j] * v[j, c] }
      }
    }
    var out = Matrix(rows: weights.rows, columns: weights.rows)
    for r in 0..<weights.rows {
      for s in 0..<weights.rows {
        out[r, s] = (0..<n).reduce(0) { $0 + wv[r, $1] * weights[s, $1] }
      }
    }
    return out
  }

  /// The overall post-treatment ATT and its standard error (cells l >= 0 weighted by counts);
  /// `nil` when no post-treatment cell was estimated.
  public var att: (estimate: Double, standardError: Double)? {
    guard eventTimes.contains(where: { $0 >= 0 }) else { return nil }
    let r = eventTimes.count
    return (aggregated[r], aggregatedCovariance[r, r].squareRoot())
  }

  /// The cohort x event-time cells: cohort, event time, estimate (`nil` when aliased) and the
  /// number of observations.
  public var cohortEffects: [(cohort: Int, eventTime: Int, estimate: Double?, count: Int)] {
    cells.enumerated().map {
      ($1.cohort, $1.eventTime, cellFit.coefficients[$1.name], counts[$0])
    }
  }

  /// `sun-abraham`.
  public var modelName: String { "sun-abraham" }
  /// The saturated regression's formula.
  public var formula: String { cellFit.formula }
  /// Observations of the saturated regression.
  public var nobs: Int { cellFit.nobs }
  /// As the saturated regression.
  public var dropped: DroppedSummary { cellFit.dropped }
  /// As the saturated regression.
  public var convergence: ConvergenceInfo { cellFit.convergence }
  /// The saturated regression's fit measures.
  public var fitMeasures: [FitMeasure] { cellFit.fitMeasures }
  /// The regression's warnings and the design's (control cohort, units left out).
  public var warnings: [String] { extraWarnings + cellFit.warnings }
  /// Every event time, the reference included (it has no estimate).
  public var terms: [String] {
    (Set(eventTimes).union([reference])).sorted().map { "event_time[\($0)]" }
  }
  /// The event-time estimates.
  public var coefficients: CoefficientVector {
    CoefficientVector(
      names: eventTimes.map { "event_time[\($0)]" },
      values: Array(aggregated.prefix(eventTimes.count)))
  }
  /// Their delta-method covariance.
  public var covariance: Matrix {
    let all = aggregatedCovariance
    return all.selecting(rows: Array(eventTimes.indices), columns: Array(eventTimes.indices))
  }

  /// The same event study with the cell covariance (and so the aggregates) under another type.
  /// - Throws: the errors of `FixedEffectsResult.withCovariance`.
  public func withCovariance(_ type: CovarianceType) throws -> SunAbrahamResult {
    SunAbrahamResult(
      cellFit: try cellFit.withCovariance(type), cells: cells, counts: counts,
      reference: reference, extraWarnings: extraWarnings)
  }

  /// `aggregates` (the ATT as `simple`, each event time as `dynamic`) and `cohort_effects`.
  public var sections: [ResultSection] {
    let se = standardErrors
    var aggregateRows: [[ResultSection.Cell]] = []
    if let att {
      aggregateRows.append([
        .text("simple"), .number(nil), .number(att.estimate), .number(att.standardError),
      ])
    }
    for (k, l) in eventTimes.enumerated() {
      aggregateRows.append([
        .text("dynamic"), .integer(l), .number(coefficients[k]), .number(se[k]),
      ])
    }
    let cellSE = Dictionary(
      uniqueKeysWithValues: zip(cellFit.coefficients.names, cellFit.standardErrors))
    let cellRows: [[ResultSection.Cell]] = cells.enumerated().map { k, cell in
      [
        .integer(cell.cohort), .integer(cell.eventTime), .number(cellFit.coefficients[cell.name]),
        .number(cellSE[cell.name]), .integer(counts[k]),
      ]
    }
    return [
      ResultSection(
        key: "aggregates", title: "Sun-Abraham aggregates",
        columns: ["type", "event_time", "estimate", "std_error"].map { .init($0) },
        rows: aggregateRows),
      ResultSection(
        key: "cohort_effects", title: "Cohort x event-time effects",
        columns: [
          .init("group"), .init("event_time"), .init("estimate"), .init("std_error"),
          .init("n", isCount: true),
        ], rows: cellRows),
    ]
  }
}

import Foundation
import LinearAlgebra

/// What one distinct event time of one stratum adds to the Cox partial likelihood: its terms of
/// the log-likelihood, score and information, and the hazard increments the score residuals use.
struct CoxEventTime {
  /// Stratum index.
  var stratum: Int
  /// The event time.
  var time: Double
  /// Events at this time.
  var deaths: Int
  /// Score contribution: sum of the events' x minus the risk-set means.
  var score: [Double]
  /// Information contribution (p x p, column-major).
  var information: [Double]
  /// Hazard increment for a spell at risk that does not end in an event here.
  var hazard: Double
  /// The matching increment of sum(xbar dLambda).
  var hazardMean: [Double]
  /// Hazard increment for a spell that ends in an event here (Efron's down-weighting).
  var deathHazard: Double
  /// The matching increment of sum(xbar dLambda).
  var deathHazardMean: [Double]
  /// The mean the events' own term subtracts (the average of Efron's risk-set means).
  var deathMean: [Double]
}

/// The Cox partial likelihood over counting-process risk sets: spells `(entry, exit]` by
/// stratum, covariates centred, swept from the last event time to the first while spells join
/// (at their exit) and leave (at their entry), as R's `agreg` routines.
struct CoxRiskSets {
  /// The spells.
  let spells: SurvivalSpells
  /// Covariates (n x p), centred by their means.
  let x: Matrix
  /// Rows of each stratum.
  let strata: [[Int]]
  /// Tie handling.
  let ties: CoxTies
  /// Per stratum: rows by exit time, latest first (events before censorings at a tie).
  private let byExit: [[Int]]
  /// Per stratum: rows by entry time, latest first.
  private let byEntry: [[Int]]

  init(spells: SurvivalSpells, x: Matrix, strata: [[Int]], ties: CoxTies) {
    self.spells = spells
    self.x = x
    self.strata = strata
    self.ties = ties
    byExit = strata.map { rows in rows.sorted { spells.exit[$0] > spells.exit[$1] } }
    byEntry = strata.map { rows in
      rows.sorted { spells.entryTime($0) > spells.entryTime($1) }
    }
  }

  var p: Int { x.columns }

  /// Linear predictors x beta.
  func linearPredictor(_ beta: [Double]) -> [Double] {
    (0..<x.rows).map { i in (0..<p).reduce(0) { $0 + x[i, $1] * beta[$1] } }
  }

  /// Sweeps every event time, calling `visit` with its contributions.
  /// - Parameters:
  ///   - beta: coefficients.
  ///   - visit: called once per distinct event time of each stratum.
  /// - Returns: the log partial likelihood.
  @discardableResult
  func sweep(_ beta: [Double], visit: (CoxEventTime) -> Void) -> Double {
    let eta = linearPredictor(beta)
    let risk = eta.map { Foundation.exp($0) }
    var loglik = 0.0
    for (s, exitOrder) in byExit.enumerated() {
      var s0 = 0.0
      var s1 = [Double](repeating: 0, count: p)
      var s2 = [Double](repeating: 0, count: p * p)
      func update(_ row: Int, _ sign: Double) {
        let r = sign * risk[row]
        s0 += r
        for j in 0..<p {
          let xj = x[row, j]
          s1[j] += r * xj
          for k in 0..<p { s2[j + k * p] += r * xj * x[row, k] }
        }
      }
      let entryOrder = byEntry[s]
      var next = 0
      var removed = 0
      while next < exitOrder.count {
        let t = spells.exit[exitOrder[next]]
        var deaths: [Int] = []
        while next < exitOrder.count && spells.exit[exitOrder[next]] == t {
          let row = exitOrder[next]
          update(row, 1)
          if spells.event[row] { deaths.append(row) }
          next += 1
        }
        guard !deaths.isEmpty else { continue }
        while removed < entryOrder.count && spells.entryTime(entryOrder[removed]) >= t {
          update(entryOrder[removed], -1)
          removed += 1
        }
        loglik += eventTime(
          s, t, deaths, eta: eta, risk: risk, sums: (s0, s1, s2), visit: visit)
      }
    }
    return loglik
  }

  /// The contributions of one event time given the risk-set sums.
  private func eventTime(
    _ stratum: Int, _ t: Double, _ deaths: [Int], eta: [Double], risk: [Double],
    sums: (Double, [Double], [Double]), visit: (CoxEventTime) -> Void
  ) -> Double {
    let d = deaths.count
    var d0 = 0.0
    var d1 = [Double](repeating: 0, count: p)
    var d2 = [Double](repeating: 0, count: p * p)
    var score = [Double](repeating: 0, count: p)
    var loglik = 0.0
    for row in deaths {
      loglik += eta[row]
      d0 += risk[row]
      for j in 0..<p {
        score[j] += x[row, j]
        d1[j] += risk[row] * x[row, j]
        for k in 0..<p { d2[j + k * p] += risk[row] * x[row, j] * x[row, k] }
      }
    }
    var event = CoxEventTime(
      stratum: stratum, time: t, deaths: d, score: score,
      information: [Double](repeating: 0, count: p * p), hazard: 0,
      hazardMean: [Double](repeating: 0, count: p), deathHazard: 0,
      deathHazardMean: [Double](repeating: 0, count: p),
      deathMean: [Double](repeating: 0, count: p))
    // Breslow treats the d events as one term of weight d; Efron as d terms with the events'
    // share of the risk set reduced by j/d in the j-th.
    let terms = ties == .efron ? d : 1
    let weight = ties == .efron ? 1.0 : Double(d)
    for j in 0..<terms {
      let f = ties == .efron ? Double(j) / Double(d) : 0
      let a0 = sums.0 - f * d0
      let mean = (0..<p).map { (sums.1[$0] - f * d1[$0]) / a0 }
      loglik -= weight * Foundation.log(a0)
      event.hazard += weight / a0
      event.deathHazard += weight * (1 - f) / a0
      for k in 0..<p {
        event.score[k] -= weight * mean[k]
        event.hazardMean[k] += weight * mean[k] / a0
        event.deathHazardMean[k] += weight * (1 - f) * mean[k] / a0
        event.deathMean[k] += weight * mean[k] / Double(d)
        for l in 0..<p {
          let second = (sums.2[k + l * p] - f * d2[k + l * p]) / a0
          event.information[k + l * p] += weight * (second - mean[k] * mean[l])
        }
      }
    }
    visit(event)
    return loglik
  }

  /// The log partial likelihood, score and information at `beta`.
  func evaluate(_ beta: [Double]) -> (loglik: Double, score: [Double], information: Matrix) {
    var score = [Double](repeating: 0, count: p)
    var information = Matrix(rows: p, columns: p)
    let loglik = sweep(beta) { event in
      for k in 0..<p { score[k] += event.score[k] }
      for k in 0..<(p * p) { information.storage[k] += event.information[k] }
    }
    return (loglik, score, information)
  }
}

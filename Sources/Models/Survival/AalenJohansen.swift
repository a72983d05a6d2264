import Distributions
import Foundation

/// One cumulative incidence curve: the probability of having left by one outcome (of several
/// competing ones) by each time.
public struct CumulativeIncidenceCurve: Sendable, Equatable {
  /// The group label (`all` without groups).
  public let group: String
  /// The outcome code.
  public let outcome: Int
  /// Distinct exit times of the group, increasing.
  public let time: [Double]
  /// Spells at risk just before each time.
  public let nRisk: [Int]
  /// Events of this outcome at each time.
  public let nEvent: [Int]
  /// The cumulative incidence after each time.
  public let incidence: [Double]
  /// Infinitesimal-jackknife standard errors (R's default for multi-state `survfit`).
  public let standardError: [Double]
  /// Lower bounds on the log scale (R's default `conf.type`); `nil` where the incidence is 0.
  public let lower: [Double?]
  /// Upper bounds, clipped to 1.
  public let upper: [Double?]
}

/// The Aalen-Johansen estimator of cumulative incidence for competing outcomes (qualification
/// vs early leaving), as R's `survfit(Surv(time, factor(status)) ~ group)`: for each outcome k,
/// F_k(t) = sum over s <= t of S(s-) d_k(s) / n(s), S the all-cause Kaplan-Meier estimate, with
/// infinitesimal-jackknife standard errors and log-scale intervals; delayed entry allowed.
public enum AalenJohansen {
  /// Fits one curve per group and outcome.
  /// - Parameters:
  ///   - exit: exit times.
  ///   - outcome: 0 for a censored spell, else the code of the outcome that ended it.
  ///   - entry: entry times, or `nil`.
  ///   - groups: group labels, or `nil`.
  ///   - level: interval coverage.
  /// - Returns: curves ordered by group, then outcome code.
  /// - Throws: `SurvivalError` for bad times, negative codes or columns of unequal length.
  public static func fit(
    exit: [Double], outcome: [Int], entry: [Double]? = nil, groups: [String]? = nil,
    level: Double = 0.95
  ) throws -> [CumulativeIncidenceCurve] {
    if let bad = outcome.firstIndex(where: { $0 < 0 }) {
      throw SurvivalError.badInput(
        "outcome codes must be 0 (censored) or a positive code; row \(bad + 1) has \(outcome[bad])")
    }
    let spells = try SurvivalSpells(exit: exit, event: outcome.map { $0 > 0 }, entry: entry)
    let labels = groups ?? Array(repeating: "all", count: exit.count)
    guard labels.count == exit.count else {
      throw SurvivalError.lengthMismatch(column: "group", expected: exit.count, found: labels.count)
    }
    let codes = Array(Set(outcome.filter { $0 > 0 })).sorted()
    let z = Normal.standard.upperQuantile((1 - level) / 2)
    var curves: [CumulativeIncidenceCurve] = []
    for group in SurvivalGroups.split(labels) {
      curves += groupCurves(spells, outcome: outcome, rows: group.rows, codes: codes, z: z)
        .map { curve in
          CumulativeIncidenceCurve(
            group: group.label, outcome: curve.outcome, time: curve.time, nRisk: curve.nRisk,
            nEvent: curve.nEvent, incidence: curve.incidence,
            standardError: curve.standardError, lower: curve.lower, upper: curve.upper)
        }
    }
    return curves
  }

  /// The curves of one group; the influence of each spell on S and on every F_k is carried
  /// from time to time (R's infinitesimal jackknife with unit weights).
  static func groupCurves(
    _ spells: SurvivalSpells, outcome: [Int], rows: [Int], codes: [Int], z: Double
  ) -> [CumulativeIncidenceCurve] {
    let table = RiskTable(spells, rows: rows)
    let m = rows.count
    var survival = 1.0
    var influenceS = [Double](repeating: 0, count: m)
    var incidence = [Double](repeating: 0, count: codes.count)
    var influenceF = [[Double]](repeating: [Double](repeating: 0, count: m), count: codes.count)
    var values = [[Double]](repeating: [], count: codes.count)
    var errors = [[Double]](repeating: [], count: codes.count)
    var events = [[Int]](repeating: [], count: codes.count)
    for (index, t) in table.time.enumerated() {
      let n = Double(table.nRisk[index])
      var dk = [Double](repeating: 0, count: codes.count)
      for row in rows where spells.exit[row] == t && outcome[row] > 0 {
        if let k = codes.firstIndex(of: outcome[row]) { dk[k] += 1 }
      }
      let d = dk.reduce(0, +)
      if d > 0 && n > 0 {
        for (i, row) in rows.enumerated() {
          let atRisk: Double = spells.entryTime(row) < t && spells.exit[row] >= t ? 1 : 0
          let ends = spells.exit[row] == t && outcome[row] > 0
          let previous = influenceS[i]
          for k in codes.indices {
            let own: Double = ends && outcome[row] == codes[k] ? 1 : 0
            influenceF[k][i] +=
              previous * dk[k] / n + survival * (own - atRisk * dk[k] / n) / n
          }
          influenceS[i] = previous * (1 - d / n) - survival * ((ends ? 1 : 0) - atRisk * d / n) / n
        }
        for k in codes.indices { incidence[k] += survival * dk[k] / n }
        survival *= 1 - d / n
      }
      for k in codes.indices {
        values[k].append(incidence[k])
        errors[k].append(influenceF[k].reduce(0) { $0 + $1 * $1 }.squareRoot())
        events[k].append(Int(dk[k]))
      }
    }
    return codes.indices.map { k in
      let bounds = zip(values[k], errors[k]).map { p, se -> (Double?, Double?) in
        guard p > 0 else { return (nil, nil) }
        let shift = z * se / p
        return (
          Foundation.exp(Foundation.log(p) - shift),
          min(Foundation.exp(Foundation.log(p) + shift), 1)
        )
      }
      return CumulativeIncidenceCurve(
        group: "", outcome: codes[k], time: table.time, nRisk: table.nRisk, nEvent: events[k],
        incidence: values[k], standardError: errors[k], lower: bounds.map(\.0),
        upper: bounds.map(\.1))
    }
  }
}

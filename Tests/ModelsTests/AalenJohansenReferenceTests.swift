import Foundation
import Models
import Testing

/// Aalen-Johansen cumulative incidence of progression (pcm) and death on R survival's mgus2 by
/// sex, against `survfit(Surv(etime, factor(event)) ~ sex)` of R survival 3.5.3
/// (Tests/Fixtures/survival/generate_cif.R): estimates, infinitesimal-jackknife standard errors
/// and log-scale intervals.
@Suite struct AalenJohansenReferenceTests {
  @Test func cumulativeIncidenceMatchesR() throws {
    let data = try SurvivalReference.rows("mgus2.csv")
    let curves = try AalenJohansen.fit(
      exit: SurvivalReference.numbers(data, "etime"),
      outcome: SurvivalReference.numbers(data, "code").map { Int($0) },
      groups: data.map { $0["sex"] ?? "" })
    let reference = try SurvivalReference.rows("ref_cif.csv")
    let states = [1: "pcm", 2: "death"]
    #expect(curves.count == 4)
    var worst = 0.0
    var compared = 0
    for curve in curves {
      let rows = reference.filter {
        $0["strata"] == "sex=\(curve.group)" && $0["state"] == states[curve.outcome]
      }
      #expect(rows.count == curve.time.count)
      guard rows.count == curve.time.count else { continue }
      for (i, row) in rows.enumerated() {
        #expect(curve.time[i] == SurvivalReference.number(row["time"]))
        #expect(Double(curve.nRisk[i]) == SurvivalReference.number(row["n_risk"]))
        let pairs: [(Double, String)] = [
          (curve.incidence[i], "pstate"), (curve.standardError[i], "std_err"),
          (curve.lower[i] ?? .nan, "lower"), (curve.upper[i] ?? .nan, "upper"),
        ]
        for (value, key) in pairs {
          worst = max(
            worst, SurvivalReference.difference(value, SurvivalReference.number(row[key])))
        }
        compared += 1
      }
    }
    #expect(compared == reference.count)
    #expect(worst < 1e-10, "largest difference \(worst)")
  }

  @Test func negativeCodesAreRefused() {
    #expect(throws: SurvivalError.self) {
      try AalenJohansen.fit(exit: [1, 2], outcome: [1, -1])
    }
  }
}

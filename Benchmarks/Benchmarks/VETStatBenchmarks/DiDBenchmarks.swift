// Callaway-Sant'Anna speed on the synthetic learner panel, in memory: the model of
// Benchmarks/peers/run_did_peers.sh (not-yet-treated comparisons, doubly robust with female +
// ses, unbalanced panel, analytical SEs, dynamic aggregation) on `vetstat simulate --learners N
// --seed 1` with each learner's first-treated year as Benchmarks/peers/did_prepare.py makes it.
// Registered from `benchmarks` by `registerDiDBenchmarks()`; needs no data file.
import Benchmark
import Foundation
import VETStat

/// The learner panel of `learners` learners (seed 1) with `first_treat` as did_prepare.py makes
/// it: the adoption year of the school of the learner's earliest row (rows come by learner, then
/// year), 0 when that school never adopts; a learner who moves keeps the first school's year.
func didPanel(learners: Int) throws -> DataTable {
  let panel = try LearnerPanelSimulator.simulate(learners: learners, seed: 1)
  var first: [Int: Int] = [:]
  for row in panel.rows where first[row.learnerID] == nil {
    first[row.learnerID] = row.adoptionYear ?? 0
  }
  return try panel.learnersTable().adding(
    Column(name: "first_treat", values: .int(panel.rows.map { first[$0.learnerID] ?? 0 })))
}

/// The options of the peer comparison (csdid's `did_csdid.py`).
func didOptions() -> CallawaySantAnnaOptions {
  var options = CallawaySantAnnaOptions(
    outcome: "stem_score", time: "year", unit: "learner_id", firstTreated: "first_treat")
  options.control = .notYetTreated
  options.estimator = .doublyRobust
  options.covariates = ["female", "ses"]
  options.sampling = .unbalancedPanel
  return options
}

/// Registers the Callaway-Sant'Anna benchmarks at 20,000 and 200,000 learners.
func registerDiDBenchmarks() {
  for learners in [20_000, 200_000] {
    Benchmark(
      "Callaway-Sant'Anna DR, not-yet-treated, unbalanced, \(learners / 1000)k learners (in memory)"
    ) { (benchmark: Benchmark, table: DataTable) in
      for _ in benchmark.scaledIterations {
        let fit = try CallawaySantAnna.fit(data: table, options: didOptions())
        blackHole(fit.aggregate(.dynamic))
      }
    } setup: {
      let table = try didPanel(learners: learners)
      // The peers' check value (README: 2.9384737173142126, SE 0.04217446568706918 at 200,000).
      let overall = try CallawaySantAnna.fit(data: table, options: didOptions())
        .aggregate(.dynamic)?.overall
      let estimate = (overall?.estimate).flatMap { $0 } ?? .nan
      let error = (overall?.standardError).flatMap { $0 } ?? .nan
      FileHandle.standardError.write(
        Data("Callaway-Sant'Anna \(learners) learners: dynamic \(estimate) (SE \(error))\n".utf8))
      return table
    }
  }
}

// Fixed-effects benchmarks on the synthetic learner panel: the same models as
// Benchmarks/peers/run_fe_peers.sh (pyfixest, linearmodels) run in-process.
import Benchmark
import Foundation
import VETStat

let twoWayFormula = "score ~ stem_enrolled + early_leaver | learner_id + year"
let threeWayFormula = "score ~ stem_enrolled + early_leaver | learner_id + school_id + year"

/// Registers the fixed-effects benchmarks (called from `benchmarks`).
func registerFixedEffectsBenchmarks() {
  Benchmark("FE OLS two-way (learner + year), cluster(school), table in memory") {
    (benchmark: Benchmark, table: DataTable) in
    for _ in benchmark.scaledIterations {
      blackHole(
        try FixedEffects.fit(twoWayFormula, data: table, vcov: .cluster(["school_id"], .fixest)))
    }
  } setup: {
    try CSVReader.read(path: panelPath)
  }

  Benchmark("FE OLS three-way (learner + school + year), cluster(school), table in memory") {
    (benchmark: Benchmark, table: DataTable) in
    for _ in benchmark.scaledIterations {
      blackHole(
        try FixedEffects.fit(threeWayFormula, data: table, vcov: .cluster(["school_id"], .fixest)))
    }
  } setup: {
    try CSVReader.read(path: panelPath)
  }

  Benchmark("End to end: read + FE OLS two-way + cluster(school)") { benchmark in
    for _ in benchmark.scaledIterations {
      let table = try CSVReader.read(path: panelPath)
      blackHole(
        try FixedEffects.fit(twoWayFormula, data: table, vcov: .cluster(["school_id"], .fixest)))
    }
  }

  Benchmark("Random effects (learner), iid") { (benchmark: Benchmark, table: DataTable) in
    for _ in benchmark.scaledIterations {
      blackHole(
        try PanelEstimators.fit(
          "score ~ female + ses + stem_enrolled", data: table, model: .randomEffects,
          unit: "learner_id", time: "year"))
    }
  } setup: {
    try CSVReader.read(path: panelPath)
  }
}

// GLM speed on the synthetic learner panel: the logit of the GLM issue's benchmark, in memory and
// end to end. Registered from `benchmarks` by `registerGLMBenchmarks()`.
import Benchmark
import Foundation
import VETStat

let logitFormula =
  "stem_enrolled ~ female + migrant + ses + age + C(track) + C(year) + C(region)"

/// Registers the GLM benchmarks (logit, school-clustered SEs; marginal effects).
func registerGLMBenchmarks() {
  Benchmark("Logit fit, SE clustered by school (table in memory)") {
    (benchmark: Benchmark, table: DataTable) in
    for _ in benchmark.scaledIterations {
      blackHole(try GLM.fit(logitFormula, data: table, family: .logit, vcov: .cluster("school_id")))
    }
  } setup: {
    try CSVReader.read(path: panelPath)
  }

  Benchmark("Logit fit, Cholesky IRLS steps (table in memory)") {
    (benchmark: Benchmark, table: DataTable) in
    for _ in benchmark.scaledIterations {
      blackHole(
        try GLM.fit(
          logitFormula, data: table, family: .logit, vcov: .cluster("school_id"),
          control: GLMControl(solver: .cholesky)))
    }
  } setup: {
    try CSVReader.read(path: panelPath)
  }

  Benchmark("End to end: read + logit + cluster(school)") { benchmark in
    for _ in benchmark.scaledIterations {
      let table = try CSVReader.read(path: panelPath)
      blackHole(try GLM.fit(logitFormula, data: table, family: .logit, vcov: .cluster("school_id")))
    }
  }

  Benchmark("Logit average marginal effects (fit in memory)") {
    (benchmark: Benchmark, fit: GLMResult) in
    for _ in benchmark.scaledIterations { blackHole(try fit.marginalEffects()) }
  } setup: {
    let table = try CSVReader.read(path: panelPath)
    return try GLM.fit(logitFormula, data: table, family: .logit, vcov: .cluster("school_id"))
  }
}

// Survival speed on deterministic spell data (Benchmarks/peers/make_spells.py): the Cox model with
// five covariates and the Kaplan-Meier curves by four groups of issue 14's benchmark, with the
// data in memory. Registered from `benchmarks` by `registerSurvivalBenchmarks()`; the peers
// (R survival, lifelines) run on the same file in Benchmarks/peers/run_survival_peers.sh.
import Benchmark
import Foundation
import VETStat

/// The spell file: $VETSTAT_BENCH_SPELLS, else ../bench-data/spells_1000000.csv.
let spellsPath: String =
  ProcessInfo.processInfo.environment["VETSTAT_BENCH_SPELLS"]
  ?? FileManager.default.currentDirectoryPath + "/../bench-data/spells_1000000.csv"

/// The spells, the four-group labels and the five-covariate design of the spell file.
struct SpellData: Sendable {
  let spells: SurvivalSpells
  let groups: [String]
  let covariates: Matrix
  let names: [String]

  init(path: String) throws {
    let table = try CSVReader.read(path: path)
    let design = try DesignMatrix.build(
      try Formula("time ~ x1 + x2 + x3 + x4 + x5"), data: table)
    let events = try table.column(named: "event")
    let group = try table.column(named: "group")
    spells = try SurvivalSpells(
      exit: design.response ?? [], event: design.rows.map { events.doubleValue($0) == 1 })
    groups = design.rows.map { group.stringValue($0) ?? "" }
    let keep = design.columnNames.indices.filter { design.columnNames[$0] != "(Intercept)" }
    covariates = design.x.selectingColumns(keep)
    names = keep.map { design.columnNames[$0] }
  }
}

/// Registers the survival benchmarks when the spell file exists.
func registerSurvivalBenchmarks() {
  guard FileManager.default.fileExists(atPath: spellsPath) else {
    FileHandle.standardError.write(
      Data("survival benchmark data \(spellsPath) is missing: run Benchmarks/run.sh\n".utf8))
    return
  }
  Benchmark("Cox fit, five covariates, Efron ties, cox.zph (spells in memory)") {
    (benchmark: Benchmark, data: SpellData) in
    for _ in benchmark.scaledIterations {
      blackHole(try CoxRegression.fit(data.spells, covariates: data.covariates, names: data.names))
    }
  } setup: {
    try SpellData(path: spellsPath)
  }

  Benchmark("Kaplan-Meier by four groups with log-rank (spells in memory)") {
    (benchmark: Benchmark, data: SpellData) in
    for _ in benchmark.scaledIterations {
      blackHole(try KaplanMeier.fit(data.spells, groups: data.groups))
    }
  } setup: {
    try SpellData(path: spellsPath)
  }

  Benchmark("End to end: read + Cox + Kaplan-Meier") { benchmark in
    for _ in benchmark.scaledIterations {
      let data = try SpellData(path: spellsPath)
      blackHole(try CoxRegression.fit(data.spells, covariates: data.covariates, names: data.names))
      blackHole(try KaplanMeier.fit(data.spells, groups: data.groups))
    }
  }
}

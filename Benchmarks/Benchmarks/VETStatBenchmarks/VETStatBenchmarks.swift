// Model speed on the synthetic learner panel (Benchmarks/peers/make_panel.py), tracked with
// ordo-one/benchmark. Run through Benchmarks/run.sh, which makes the data file, pins
// OPENBLAS_NUM_THREADS and then runs the peers on the same file.
import Benchmark
import CLinearAlgebra
import Foundation
import VETStat

/// The panel file: $VETSTAT_BENCH_PANEL, else ../bench-data/panel_900000.csv from the Benchmarks folder.
let panelPath: String =
  ProcessInfo.processInfo.environment["VETSTAT_BENCH_PANEL"]
  ?? FileManager.default.currentDirectoryPath + "/../bench-data/panel_900000.csv"

let olsFormula = "score ~ female + migrant + ses + C(track) + C(year)"

/// The design of `olsFormula` on the panel file (setup of the least-squares and X'X benchmarks).
func olsDesign() throws -> DesignMatrix {
  try DesignMatrix.build(try Formula(olsFormula), data: try CSVReader.read(path: panelPath))
}

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .peakMemoryResident], timeUnits: .milliseconds,
    maxDuration: .seconds(20), maxIterations: 10)

  registerDisclosureBenchmarks()
  registerIndicatorBenchmarks()
  registerSurvivalBenchmarks()
  registerDiDBenchmarks()

  guard FileManager.default.fileExists(atPath: panelPath) else {
    // The disclosure benchmark makes its own counts; the model benchmarks need the panel file.
    FileHandle.standardError.write(
      Data("benchmark data \(panelPath) is missing: run Benchmarks/run.sh (it generates it)\n".utf8)
    )
    return
  }

  registerGLMBenchmarks()
  registerFixedEffectsBenchmarks()
  registerWildBootstrapBenchmarks()

  Benchmark("CSV read (panel, 12 columns)") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(try CSVReader.read(path: panelPath))
    }
  }

  Benchmark("OLS fit, SE clustered by school (table in memory)") {
    (benchmark: Benchmark, table: DataTable) in
    for _ in benchmark.scaledIterations {
      blackHole(try OLS.fit(olsFormula, data: table, vcov: .cluster("school_id")))
    }
  } setup: {
    try CSVReader.read(path: panelPath)
  }

  Benchmark("End to end: read + OLS + cluster(school)") { benchmark in
    for _ in benchmark.scaledIterations {
      let table = try CSVReader.read(path: panelPath)
      blackHole(try OLS.fit(olsFormula, data: table, vcov: .cluster("school_id")))
    }
  }

  // The least-squares step of the OLS fit: R of [X y] by tall-skinny QR without storing Q
  // (what OLS runs), against the stored-Q factorisation followed by Q'y.
  Benchmark("Least squares, one response (900k x 18, R of [X y])") {
    (benchmark: Benchmark, problem: (x: Matrix, y: [Double])) in
    for _ in benchmark.scaledIterations {
      blackHole(try LeastSquaresQR.solve(problem.x, response: problem.y))
    }
  } setup: {
    let design = try olsDesign()
    return (design.x, design.response ?? [])
  }

  Benchmark("Least squares, stored Q then Q'y (900k x 18)") {
    (benchmark: Benchmark, problem: (x: Matrix, y: [Double])) in
    for _ in benchmark.scaledIterations {
      blackHole(try LeastSquaresQR(problem.x).coefficients(problem.y))
    }
  } setup: {
    let design = try olsDesign()
    return (design.x, design.response ?? [])
  }

  // The X'X step: dsyrk on the tall, thin design, against dsyrk on a square block where the
  // machine reaches its peak. GFLOP/s = n p^2 / time (syrk does half of gemm's 2 n p^2).
  Benchmark("X'X of the OLS design (900k x 18, blocked dsyrk)") {
    (benchmark: Benchmark, x: Matrix) in
    for _ in benchmark.scaledIterations { blackHole(x.crossProduct()) }
  } setup: {
    try olsDesign().x
  }

  // The machine's dsyrk on the same shape: one OpenBLAS call over the whole design, on both
  // cores. A thin X'X reads 8 p bytes per n p flops, so memory bandwidth, not the kernel's peak
  // on square blocks, bounds it (Benchmarks/peers/README.md has the figures).
  Benchmark("X'X of the OLS design, one OpenBLAS dsyrk call on all cores") {
    (benchmark: Benchmark, x: Matrix) in
    let threads = BLAS.threads
    BLAS.setThreads(ProcessInfo.processInfo.activeProcessorCount)
    defer { BLAS.setThreads(threads) }
    for _ in benchmark.scaledIterations {
      var c = [Double](repeating: 0, count: x.columns * x.columns)
      x.storage.withUnsafeBufferPointer { pa in
        c.withUnsafeMutableBufferPointer { pc in
          cblas_dsyrk(
            CblasColMajor, CblasUpper, CblasTrans, Int32(x.columns), Int32(x.rows), 1.0,
            pa.baseAddress, Int32(x.rows), 0.0, pc.baseAddress, Int32(x.columns))
        }
      }
      blackHole(c)
    }
  } setup: {
    try olsDesign().x
  }

  Benchmark("dsyrk peak probe (4000 x 1000)") { (benchmark: Benchmark, x: Matrix) in
    for _ in benchmark.scaledIterations { blackHole(x.crossProduct()) }
  } setup: {
    var x = Matrix(rows: 4000, columns: 1000)
    for i in 0..<x.storage.count { x.storage[i] = Double((i &* 2_654_435_761) % 1000) / 1000 }
    return x
  }
}

// Wild cluster bootstrap (WCR) benchmark: 9,999 replications of one coefficient on 100,000 rows
// in 20 clusters, in-process (the same model as Benchmarks/peers/run_bootstrap_peers.sh).
import Benchmark
import Foundation
import VETStat

/// 100,000 rows, 20 clusters of unequal size, y = 1 + 0.1 x + z + cluster effect + noise.
func bootstrapTable() throws -> DataTable {
  var state: UInt64 = 2030
  func uniform() -> Double {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return (Double((z ^ (z >> 31)) >> 11) + 0.5) * 0x1.0p-53
  }
  func normal() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform()) }
  let n = 100_000
  let effects = (0..<20).map { _ in normal() }
  var x = [Double](repeating: 0, count: n)
  var z = x
  var y = x
  var cluster = [Int](repeating: 0, count: n)
  for i in 0..<n {
    let g = Int(Double(20) * uniform() * uniform())  // unequal cluster sizes
    cluster[i] = g
    x[i] = effects[g] + normal()
    z[i] = normal()
    y[i] = 1 + 0.1 * x[i] + z[i] + effects[g] + normal()
  }
  return try DataTable(columns: [
    .double("y", y), .double("x", x), .double("z", z), .int("school_id", cluster),
  ])
}

/// Registers the bootstrap benchmarks (called from `benchmarks`).
func registerWildBootstrapBenchmarks() {
  Benchmark("Wild cluster bootstrap WCR, 9,999 reps, 100k rows, 20 clusters (fit in memory)") {
    (benchmark: Benchmark, fit: OLSResult) in
    for _ in benchmark.scaledIterations {
      blackHole(try WildClusterBootstrap.test(fit, term: "x", cluster: "school_id"))
    }
  } setup: {
    try OLS.fit("y ~ x + z", data: try bootstrapTable(), vcov: .cluster(["school_id"], .stata))
  }
}

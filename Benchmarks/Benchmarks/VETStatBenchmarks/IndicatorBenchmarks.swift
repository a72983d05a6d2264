// The STEM dashboard's indicator table (issue 12): the share of STEM learners of 200,000
// learners by year (10) x gender (2) x track (6, one rare) x region (6, one rare), with Wilson
// intervals, the margins (totals by each grouping and overall) and the study-wide disclosure
// control counted in learners, through the study runner with the data in memory; and the same
// with a trend model fitted per group to the published cells. Registered from `benchmarks` by
// `registerIndicatorBenchmarks()`; the data are generated (deterministic) in a temporary folder.
import Benchmark
import Foundation
import VETStat

/// Writes the learner file (one row per learner, once) and a study spec over it.
/// - Parameters:
///   - name: the spec file's stem.
///   - analysis: the analysis entry of the spec.
///   - learners: the number of learners.
///   - seed: the generator's seed.
/// - Returns: the spec's path.
/// - Throws: when the temporary folder cannot be written.
func indicatorStudy(name: String, analysis: String, learners: Int = 200_000, seed: UInt64 = 12)
  throws -> String
{
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("vetstat-indicator-bench-\(ProcessInfo.processInfo.processIdentifier)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  let data = folder.appendingPathComponent("learners.csv")
  if !FileManager.default.fileExists(atPath: data.path) {
    var rng = SplitMix(state: seed)
    let tracks = ["STEM-ICT", "STEM-tech", "arts", "business", "care", "rare"]
    let trackShare = [0.12, 0.3, 0.12, 0.2, 0.2, 0.0004]
    let stemRate = [0.9, 0.85, 0.05, 0.1, 0.15, 0.5]
    let regions = [
      "Antwerpen", "Limburg", "Oost-Vlaanderen", "Vlaams-Brabant", "West-Vlaanderen", "Brussel",
    ]
    let regionShare = [0.3, 0.15, 0.25, 0.15, 0.15, 0.001]
    var text = "learner_id,year,gender,track,region,stem_enrolled\n"
    text.reserveCapacity(learners * 48)
    for id in 0..<learners {
      let year = 2015 + Int.random(in: 0..<10, using: &rng)
      let female = Bool.random(using: &rng)
      let t = rng.index(weights: trackShare)
      let r = rng.index(weights: regionShare)
      // Girls a little less often in STEM, the share rising over the years.
      let p = stemRate[t] * (female ? 0.8 : 1) * (1 + 0.02 * Double(year - 2015))
      let stem = Double.random(in: 0..<1, using: &rng) < min(p, 1) ? 1 : 0
      text +=
        "\(100_000 + id),\(year),\(female ? "girl" : "boy"),\(tracks[t]),\(regions[r]),\(stem)\n"
    }
    try text.write(to: data, atomically: true, encoding: .utf8)
  }
  let spec = folder.appendingPathComponent("\(name).yaml")
  try """
  study: Indicator benchmark
  data: {path: \(data.path), panel: {unit: learner_id, time: year}}
  disclosure: {min_cell: 10}
  analyses:
    - \(analysis)
  outputs: {folder: \(folder.appendingPathComponent("out").path), formats: [json]}
  """.write(to: spec, atomically: true, encoding: .utf8)
  return spec.path
}

/// The indicator of the dashboard table: share of STEM by the four groupings, with margins.
let dashboardIndicator =
  "{name: stem_share, kind: indicator, measure: \"share(stem_enrolled)\", "
  + "by: [year, gender, track, region], margins: true"

func registerIndicatorBenchmarks() {
  Benchmark(
    "Indicator: STEM share by year x gender x track x region, Wilson CIs + margins + "
      + "disclosure (200,000 learners in memory)"
  ) { (benchmark: Benchmark, study: PreparedStudy) in
    for _ in benchmark.scaledIterations {
      blackHole(try StudyRunner.run(study, created: "2026-01-01T00:00:00Z"))
    }
  } setup: {
    try StudyPlanner.prepare(
      path: try indicatorStudy(name: "table", analysis: dashboardIndicator + "}"))
  }

  Benchmark(
    "Indicator with a segmented Newey-West trend per group to 2030 (200,000 learners in memory)"
  ) { (benchmark: Benchmark, study: PreparedStudy) in
    for _ in benchmark.scaledIterations {
      blackHole(try StudyRunner.run(study, created: "2026-01-01T00:00:00Z"))
    }
  } setup: {
    try StudyPlanner.prepare(
      path: try indicatorStudy(
        name: "trend",
        analysis: dashboardIndicator
          + ", trend: {breaks: [2021], hac: true, target: {year: 2030, value: 0.4}}}"))
  }

  Benchmark("End to end: read 200,000 learners + indicator table + disclosure + JSON report") {
    benchmark in
    let spec = try indicatorStudy(name: "end_to_end", analysis: dashboardIndicator + "}")
    for _ in benchmark.scaledIterations {
      blackHole(try Study.run(spec: spec, force: true, created: "2026-01-01T00:00:00Z"))
    }
  }
}

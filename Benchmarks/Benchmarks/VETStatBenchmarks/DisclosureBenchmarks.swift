// Study-wide disclosure control (issue 13): the count tables of a study with five tables over
// 200,000 learners, protected together by the runner's StudyProtection (primary cells below
// min_cell learners, then the secondary cells and the linear-programming audit).
import Benchmark
import Foundation
import VETStat

/// SplitMix64: the same counts on every run.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

extension SplitMix {
  /// An index drawn with probability proportional to `weights`.
  mutating func index(weights: [Double]) -> Int {
    let u = Double.random(in: 0..<weights.reduce(0, +), using: &self)
    var sum = 0.0
    for (i, x) in weights.enumerated() {
      sum += x
      if u < sum { return i }
    }
    return weights.count - 1
  }
}

/// The count tables of a study of 200,000 learners (one row each) over year (10) x gender (2)
/// x track (6, one rare) x region (6, one rare): a count by year, gender and track; a share of
/// STEM enrolment by year and region (split, as the runner splits it, into each cell's N and
/// its counts at 0 and 1: a third dimension); describe tables of track and of region by year and gender (group totals
/// and totals over groups); N of a numeric variable by year and gender with its total; and the
/// rows used.
func disclosureScenario(learners: Int = 200_000, seed: UInt64 = 7) -> [CountTable] {
  var rng = SplitMix(state: seed)
  let years = (2015...2024).map(String.init)
  let genders = ["female", "male"]
  let tracks = ["STEM-ICT", "STEM-tech", "arts", "business", "care", "rare"]
  let trackShare = [0.12, 0.3, 0.12, 0.2, 0.2, 0.0004]
  let regions = [
    "Antwerpen", "Limburg", "Oost-Vlaanderen", "Vlaams-Brabant", "West-Vlaanderen", "Brussel",
  ]
  let regionShare = [0.3, 0.15, 0.25, 0.15, 0.15, 0.001]
  var counts = [Int](repeating: 0, count: 10 * 2 * 6 * 6)
  // Learners in STEM (30%) by year and region.
  var stem = [Int](repeating: 0, count: 10 * 6)
  for _ in 0..<learners {
    let y = Int.random(in: 0..<10, using: &rng)
    let g = Int.random(in: 0..<2, using: &rng)
    let t = rng.index(weights: trackShare)
    let r = rng.index(weights: regionShare)
    counts[((y * 2 + g) * 6 + t) * 6 + r] += 1
    if Double.random(in: 0..<1, using: &rng) < 0.3 { stem[y * 6 + r] += 1 }
  }
  func n(_ y: Int?, _ g: Int?, _ t: Int?, _ r: Int?) -> Int {
    var s = 0
    for yy in 0..<10 where y == nil || y == yy {
      for gg in 0..<2 where g == nil || g == gg {
        for tt in 0..<6 where t == nil || t == tt {
          for rr in 0..<6 where r == nil || r == rr {
            s += counts[((yy * 2 + gg) * 6 + tt) * 6 + rr]
          }
        }
      }
    }
    return s
  }
  func cell(_ levels: [String?], _ count: Int) -> CountCell {
    CountCell(levels: levels, count: count, learners: count)
  }
  let population = Population(rows: 0..<learners, description: "all rows")
  var byTrack: [CountCell] = []
  for y in 0..<10 {
    for g in 0..<2 {
      for t in 0..<6 { byTrack.append(cell([years[y], genders[g], tracks[t]], n(y, g, t, nil))) }
    }
  }
  var byRegion: [CountCell] = []
  for y in 0..<10 {
    for r in 0..<6 {
      let total = n(y, nil, nil, r)
      let ones = stem[y * 6 + r]
      byRegion += [
        cell([years[y], regions[r], nil], total), cell([years[y], regions[r], "0"], total - ones),
        cell([years[y], regions[r], "1"], ones),
      ]
    }
  }
  func levels(_ names: [String], track: Bool) -> [CountCell] {
    var cells: [CountCell] = []
    for y in 0..<10 {
      for g in 0..<2 {
        for l in names.indices {
          cells.append(
            cell([years[y], genders[g], names[l]], track ? n(y, g, l, nil) : n(y, g, nil, l)))
        }
        cells.append(cell([years[y], genders[g], nil], n(y, g, nil, nil)))
      }
    }
    for l in names.indices {
      cells.append(cell([nil, nil, names[l]], track ? n(nil, nil, l, nil) : n(nil, nil, nil, l)))
    }
    cells.append(cell([nil, nil, nil], learners))
    return cells
  }
  var numeric: [CountCell] = []
  for y in 0..<10 {
    for g in 0..<2 { numeric.append(cell([years[y], genders[g]], n(y, g, nil, nil))) }
  }
  numeric.append(cell([nil, nil], learners))
  return [
    CountTable(
      id: "provenance/rows_used", population: population, variables: [], cells: [cell([], learners)]
    ),
    CountTable(
      id: "count_by_track", population: population, variables: ["year", "gender", "track"],
      cells: byTrack),
    CountTable(
      id: "share_by_region", population: population, variables: ["year", "region", "stem"],
      cells: byRegion),
    CountTable(
      id: "profile/levels:track", population: population, variables: ["year", "gender", "track"],
      cells: levels(tracks, track: true)),
    CountTable(
      id: "profile/levels:region", population: population, variables: ["year", "gender", "region"],
      cells: levels(regions, track: false)),
    CountTable(
      id: "profile/numeric:score", population: population, variables: ["year", "gender"],
      cells: numeric),
  ]
}

func registerDisclosureBenchmarks() {
  Benchmark("Disclosure control: 5 tables over 200,000 learners (study-wide)") {
    (benchmark: Benchmark, tables: [CountTable]) in
    for _ in benchmark.scaledIterations {
      blackHole(try StudyProtection(tables: tables, settings: .default))
    }
  } setup: {
    disclosureScenario()
  }
}

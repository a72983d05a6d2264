import DataTable
import Foundation
import Inference
import Models
import TestSupport
import Testing

/// Slow tier (run with `VETSTAT_SLOW_TESTS=1 swift test --filter CallawaySantAnnaMonteCarlo`):
/// on a staggered panel with effects that differ by cohort and grow with event time, the
/// Callaway-Sant'Anna event-study estimates are unbiased within Monte Carlo error and their 95%
/// intervals cover the truth 93-97% of the time, while the two-way fixed-effects coefficient of
/// a post-treatment dummy is far from the average effect (Goodman-Bacon 2021).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["VETSTAT_SLOW_TESTS"] == "1"))
struct CallawaySantAnnaMonteCarloTests {
  static let replications = 400
  static let units = 600
  static let periods = 8
  /// Cohort of unit i: 40% never treated, 15% each first treated in 3, 4, 5, 6.
  static func cohort(_ i: Int) -> Double {
    switch i % 20 {
    case 0..<8: return 0
    case 8..<11: return 3
    case 11..<14: return 4
    case 14..<17: return 5
    default: return 6
    }
  }
  /// The effect of cohort g at event time e >= 0.
  static func effect(_ g: Double, _ e: Double) -> Double { (0.5 + 0.1 * (g - 3)) * (1 + e) }

  static func panel(seed: UInt64) throws -> DataTable {
    var draws = SplitMix64(seed: seed)
    var id: [Int?] = []
    var year: [Int?] = []
    var y: [Double?] = []
    var g: [Double?] = []
    var post: [Double?] = []
    for i in 0..<units {
      let c = cohort(i)
      let level = c / 3 + draws.normal()
      for t in 1...periods {
        let treated = c > 0 && Double(t) >= c
        let tau = treated ? effect(c, Double(t) - c) : 0
        id.append(i)
        year.append(t)
        g.append(c)
        post.append(treated ? 1 : 0)
        y.append(level + 0.2 * Double(t) + 0.1 * Double(t * t) + tau + draws.normal())
      }
    }
    return try DataTable(columns: [
      .int("id", id), .int("year", year), .double("y", y), .double("g", g), .double("post", post),
    ])
  }

  /// ATT(e): cohorts observed e periods after treatment, weighted by their (design) shares.
  static func truth(_ e: Double) -> Double {
    let cohorts = [3.0, 4, 5, 6].filter { $0 + e <= Double(periods) }
    return cohorts.reduce(0) { $0 + effect($1, e) } / Double(cohorts.count)
  }

  @Test func eventStudyIsUnbiasedAndCoversWhileTWFEIsBiased() throws {
    let events = Array(0...5).map(Double.init)
    var estimates = [[Double]](repeating: [], count: events.count)
    var covered = [Int](repeating: 0, count: events.count)
    var twfe: [Double] = []
    var simpleTruth: [Double] = []
    for r in 0..<Self.replications {
      let data = try Self.panel(seed: 1000 + UInt64(r))
      var options = CallawaySantAnnaOptions(
        outcome: "y", time: "year", unit: "id", firstTreated: "g")
      options.control = .notYetTreated
      let fit = try CallawaySantAnna.fit(data: data, options: options)
      let dynamic = try #require(fit.aggregate(.dynamic))
      for (k, e) in events.enumerated() {
        let item = try #require(dynamic.estimates.first { $0.at == e })
        let estimate = try #require(item.estimate)
        estimates[k].append(estimate)
        if let low = item.confidenceLow, let high = item.confidenceHigh,
          low <= Self.truth(e), Self.truth(e) <= high
        {
          covered[k] += 1
        }
      }
      let fe = try FixedEffects.fit("y ~ post | id + year", data: data)
      twfe.append(fe.coefficients["post"] ?? .nan)
      // The simple ATT: cohort-share weighted average of every post-treatment effect.
      var total = 0.0
      var weight = 0.0
      for g in [3.0, 4, 5, 6] {
        for t in Int(g)...Self.periods {
          total += Self.effect(g, Double(t) - g)
          weight += 1
        }
      }
      simpleTruth.append(total / weight)
    }
    let n = Double(Self.replications)
    var pooled = 0
    for (k, e) in events.enumerated() {
      let mean = estimates[k].reduce(0, +) / n
      let sd = (estimates[k].reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
      let bias = mean - Self.truth(e)
      #expect(abs(bias) < 3.5 * sd / n.squareRoot(), "bias at e = \(e): \(bias)")
      let coverage = Double(covered[k]) / n
      #expect(coverage > 0.9 && coverage < 0.99, "coverage at e = \(e): \(coverage)")
      pooled += covered[k]
      print("e = \(e): truth \(Self.truth(e)), mean \(mean), bias \(bias), coverage \(coverage)")
    }
    let pooledCoverage = Double(pooled) / (n * Double(events.count))
    print("pooled coverage \(pooledCoverage)")
    #expect(pooledCoverage >= 0.93 && pooledCoverage <= 0.97)
    let twfeMean = twfe.reduce(0, +) / n
    let twfeSD = (twfe.reduce(0) { $0 + ($1 - twfeMean) * ($1 - twfeMean) } / (n - 1)).squareRoot()
    let target = simpleTruth[0]
    print("TWFE mean \(twfeMean) vs average effect \(target) (MC SE \(twfeSD / n.squareRoot()))")
    #expect(abs(twfeMean - target) > 10 * twfeSD / n.squareRoot())
  }
}

import DataTable
import Foundation
import Models
import Testing

/// Callaway and Sant'Anna designs beyond R's published references, against Python csdid 0.4.3
/// (a port of R did 2.5.0 that reproduces the R fixtures to 1e-15): covariates with every
/// estimator, universal base, anticipation, clustering, an unbalanced panel and repeated
/// cross-sections (Tests/Fixtures/mpdta/generate_csdid.py). Estimates to 1e-6 and standard
/// errors to 1e-6 relative.
@Suite struct CallawaySantAnnaDesignTests {
  struct Scenario: @unchecked Sendable, CustomStringConvertible {
    let fields: [String: Any]
    var description: String { fields["name"] as? String ?? "?" }
  }

  static let scenarios: [Scenario] = {
    guard let document = try? FixturePaths.json("mpdta/csdid_reference.json") as? [String: Any],
      let list = document["scenarios"] as? [[String: Any]]
    else { return [] }
    return list.map { Scenario(fields: $0) }
  }()

  @Test func fixturesArePresent() { #expect(Self.scenarios.count == 12) }

  static func fit(_ s: Scenario) throws -> CallawaySantAnnaResult {
    let f = s.fields
    let data = try CSVReader.read(
      path: FixturePaths.fixture("mpdta/\(f["data"] as? String ?? "")").path)
    var options = CallawaySantAnnaOptions(
      outcome: "lemp", time: "year", unit: "countyreal", firstTreated: "first.treat")
    options.control = f["control"] as? String == "notyettreated" ? .notYetTreated : .neverTreated
    options.estimator = DiDEstimator(rawValue: f["est"] as? String ?? "") ?? .doublyRobust
    options.covariates = f["cov"] as? [String] ?? []
    options.basePeriod = f["base_period"] as? String == "universal" ? .universal : .varying
    options.anticipation = f["anticipation"] as? Double ?? 0
    options.cluster = f["cluster"] as? String
    if f["unbalanced"] as? Bool == true { options.sampling = .unbalancedPanel }
    if f["panel"] as? Bool == false {
      options.sampling = .repeatedCrossSections
      options.unit = nil
    }
    return try CallawaySantAnna.fit(data: data, options: options)
  }

  static func close(_ a: Double?, _ b: Any?, relative: Double = 0, absolute: Double) -> Bool {
    guard let b = b as? Double else { return a == nil }
    guard let a else { return false }
    return abs(a - b) <= absolute + relative * abs(b)
  }

  @Test(arguments: scenarios)
  func groupTimeEffects(_ s: Scenario) throws {
    let fit = try Self.fit(s)
    let rows = s.fields["att_gt"] as? [[String: Any]] ?? []
    #expect(fit.effects.count == rows.count)
    for row in rows {
      let g = row["group"] as? Double ?? 0
      let t = row["time"] as? Double ?? 0
      let effect = try #require(fit.effect(group: g, time: t), "(\(g), \(t))")
      #expect(Self.close(effect.att, row["att"], absolute: 1e-6), "ATT(\(g),\(t))")
      #expect(
        Self.close(effect.standardError, row["se"], relative: 1e-6, absolute: 1e-9),
        "SE(\(g),\(t))")
    }
    if let pretest = s.fields["pretest"] as? [String: Any] {
      #expect(Self.close(fit.pretest?.statistic, pretest["W"], relative: 1e-6, absolute: 0))
    }
  }

  @Test(arguments: scenarios)
  func aggregations(_ s: Scenario) throws {
    let fit = try Self.fit(s)
    for entry in s.fields["aggregates"] as? [[String: Any]] ?? [] {
      let type = try #require(DiDAggregation(rawValue: entry["type"] as? String ?? ""))
      let aggregate = try #require(fit.aggregate(type))
      #expect(Self.close(aggregate.overall.estimate, entry["overall_att"], absolute: 1e-6))
      #expect(
        Self.close(
          aggregate.overall.standardError, entry["overall_se"], relative: 1e-6,
          absolute: 1e-9), "\(type)")
      let at = entry["egt"] as? [Double] ?? []
      let att = entry["att"] as? [Any] ?? []
      let se = entry["se"] as? [Any] ?? []
      #expect(aggregate.estimates.count == at.count, "\(type)")
      for (i, value) in at.enumerated() {
        let item = try #require(aggregate.estimates.first { $0.at == value })
        #expect(Self.close(item.estimate, att[i], absolute: 1e-6), "\(type) \(value)")
        #expect(
          Self.close(item.standardError, se[i], relative: 1e-6, absolute: 1e-9),
          "\(type) \(value) SE")
      }
    }
  }
}

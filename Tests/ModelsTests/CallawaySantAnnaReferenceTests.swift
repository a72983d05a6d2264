import DataTable
import Foundation
import Models
import Testing

/// Callaway and Sant'Anna ATT(g,t), the four aggregations and the pre-test against R `did`
/// 2.5.0 on `mpdta` (Tests/Fixtures/mpdta, analytical standard errors): point estimates to
/// 1e-6, standard errors to 1e-4 (absolute; effects and errors are of order 0.01-0.1).
@Suite struct CallawaySantAnnaReferenceTests {
  struct Scenario: Sendable, CustomStringConvertible {
    let name: String
    let control: DiDControlGroup
    let estimator: DiDEstimator
    let covariates: [String]
    var description: String { name }
  }

  static let scenarios = [
    Scenario(
      name: "mpdta_nev_dr", control: .neverTreated, estimator: .doublyRobust, covariates: []),
    Scenario(
      name: "mpdta_nyt_dr", control: .notYetTreated, estimator: .doublyRobust, covariates: []),
    Scenario(
      name: "mpdta_nev_reg_cov", control: .neverTreated, estimator: .regression,
      covariates: ["lpop"]),
    Scenario(name: "mpdta_nev_ipw", control: .neverTreated, estimator: .ipw, covariates: []),
  ]

  /// Rows of a fixture CSV (quoted strings, `NA`), as dictionaries.
  static func rows(_ file: String) throws -> [[String: String]] {
    let text = try String(contentsOf: FixturePaths.fixture("mpdta/\(file)"), encoding: .utf8)
    var lines = text.split(separator: "\n").map {
      $0.split(separator: ",").map { $0.replacingOccurrences(of: "\"", with: "") }
    }
    let header = lines.removeFirst()
    return lines.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
  }

  static func mpdta() throws -> DataTable {
    try CSVReader.read(path: FixturePaths.fixture("mpdta/mpdta.csv").path)
  }

  static func fit(_ s: Scenario) throws -> CallawaySantAnnaResult {
    var options = CallawaySantAnnaOptions(
      outcome: "lemp", time: "year", unit: "countyreal", firstTreated: "first.treat")
    options.control = s.control
    options.estimator = s.estimator
    options.covariates = s.covariates
    return try CallawaySantAnna.fit(data: try mpdta(), options: options)
  }

  @Test(arguments: scenarios)
  func groupTimeEffects(_ s: Scenario) throws {
    let fit = try Self.fit(s)
    let reference = try Self.rows("did_r_ref_attgt.csv").filter { $0["scenario"] == s.name }
    #expect(reference.count == 12)
    #expect(fit.effects.count == 12)
    for row in reference {
      let g = Double(row["group"] ?? "") ?? 0
      let t = Double(row["t"] ?? "") ?? 0
      let effect = try #require(fit.effect(group: g, time: t))
      let att = try #require(effect.att)
      let se = try #require(effect.standardError)
      #expect(abs(att - (Double(row["att"] ?? "") ?? .nan)) < 1e-6, "ATT(\(g),\(t))")
      #expect(abs(se - (Double(row["se"] ?? "") ?? .nan)) < 1e-4, "SE(\(g),\(t))")
    }
  }

  @Test(arguments: scenarios)
  func aggregations(_ s: Scenario) throws {
    let fit = try Self.fit(s)
    let reference = try Self.rows("did_r_ref_aggte.csv").filter { $0["scenario"] == s.name }
    #expect(reference.count == 15)
    for row in reference {
      let type = try #require(DiDAggregation(rawValue: row["type"] ?? ""))
      let aggregate = try #require(fit.aggregate(type))
      let overall = try #require(aggregate.overall.estimate)
      let overallSE = try #require(aggregate.overall.standardError)
      #expect(abs(overall - (Double(row["overall_att"] ?? "") ?? .nan)) < 1e-6, "\(type)")
      #expect(abs(overallSE - (Double(row["overall_se"] ?? "") ?? .nan)) < 1e-4, "\(type)")
      guard let at = Double(row["egt"] ?? "NA") else { continue }
      let item = try #require(aggregate.estimates.first { $0.at == at })
      let estimate = try #require(item.estimate)
      let se = try #require(item.standardError)
      #expect(abs(estimate - (Double(row["att_egt"] ?? "") ?? .nan)) < 1e-6, "\(type) \(at)")
      #expect(abs(se - (Double(row["se_egt"] ?? "") ?? .nan)) < 1e-4, "\(type) \(at) SE")
    }
  }

  @Test(arguments: scenarios)
  func pretest(_ s: Scenario) throws {
    let fit = try Self.fit(s)
    let row = try #require(
      try Self.rows("did_r_ref_pretest.csv").first { $0["scenario"] == s.name })
    let test = try #require(fit.pretest)
    let w = Double(row["W"] ?? "") ?? .nan
    #expect(abs(test.statistic - w) < 1e-6 * max(1, w))
    // R rounds the p-value to 5 decimals.
    #expect(abs(test.pValue - (Double(row["Wpval"] ?? "") ?? .nan)) <= 5e-6)
    #expect(test.degreesOfFreedom == 5)
  }
}

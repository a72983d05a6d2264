import DataTable
import Foundation
import Inference
import Models
import Testing

/// Fixed-effects OLS against R plm (within, one- and two-way; Newey-West and Driscoll-Kraay
/// covariances) and pyfixest (clustered CRV1, iid, hetero; two- and three-way effects) on the
/// fixtures of Tests/Fixtures/panel (generate.R, generate_pyfixest.py).
@Suite struct FixedEffectsReferenceTests {
  struct Case: @unchecked Sendable, CustomStringConvertible {
    let name: String
    let fields: [String: Any]
    var description: String { name }
  }

  static func load(_ file: String, where keep: ([String: Any]) -> Bool) -> [Case] {
    guard let document = try? FixturePaths.json("panel/\(file)") as? [String: Any],
      let list = document["cases"] as? [[String: Any]]
    else { return [] }
    return list.filter(keep).map { Case(name: $0["name"] as? String ?? "?", fields: $0) }
  }

  static let plmWithin = load("reference.json") { ($0["model"] as? String) == "within" }
  static let pyfixest = load("reference_pyfixest.json") { ($0["method"] as? String) == "feols" }
  static let tight = FixedEffectsOptions(demeaning: DemeaningOptions(tolerance: 1e-13))

  /// pyfixest counts one redundant level per extra effect (the three-way learner/school graph
  /// has many components, which the default `.pairwise` rule counts exactly).
  static let pyfixestRules = FixedEffectsOptions(
    demeaning: DemeaningOptions(tolerance: 1e-13), redundantLevels: .perEffect)

  static func table(_ file: String) throws -> DataTable {
    try CSVReader.read(path: FixturePaths.fixture("panel/\(file)").path)
  }

  static func expectClose(
    _ actual: [Double], _ expected: [Double], _ tolerance: Double, _ label: String
  ) {
    #expect(actual.count == expected.count, "\(label)")
    for (a, e) in zip(actual, expected) {
      #expect(relativeError(a, e) < tolerance, "\(label): \(a) vs \(e)")
    }
  }

  @Test func fixturesArePresent() {
    #expect(Self.plmWithin.count == 4)
    #expect(Self.pyfixest.count == 8)
  }

  @Test(arguments: plmWithin)
  func matchesPlmWithin(_ reference: Case) throws {
    let f = reference.fields
    let effects = (f["effect"] as? String) == "twoways" ? "firm + year" : "firm"
    let formula = "\(f["formula"] as? String ?? "") | \(effects)"
    let fit = try FixedEffects.fit(
      formula, data: Self.table(f["data"] as? String ?? ""), vcov: .iid, options: Self.tight)
    #expect(fit.coefficients.names == (f["terms"] as? [String] ?? []))
    #expect(fit.nobs == f["nobs"] as? Int)
    #expect(fit.residualDegreesOfFreedom == (f["df_residual"] as? Double ?? -1))
    #expect(fit.demeaning.converged)
    Self.expectClose(
      fit.coefficients.values, f["estimate"] as? [Double] ?? [], 1e-8, "\(reference) b")
    Self.expectClose(
      fit.standardErrors, f["std_error_iid"] as? [Double] ?? [], 1e-8, "\(reference) se")
    #expect(relativeError(fit.withinRSquared, f["r_squared"] as? Double ?? 0) < 1e-8)
    let nw = try fit.withCovariance(.hac(unit: "firm", time: "year", lags: nil))
    Self.expectClose(
      nw.standardErrors, f["std_error_nw"] as? [Double] ?? [], 1e-8, "\(reference) nw")
    let nw2 = try fit.withCovariance(.hac(unit: "firm", time: "year", lags: 2))
    Self.expectClose(
      nw2.standardErrors, f["std_error_nw_lag2"] as? [Double] ?? [], 1e-8, "\(reference) nw2")
    let scc3 = try fit.withCovariance(.driscollKraay(time: "year", lags: 3))
    Self.expectClose(
      scc3.standardErrors, f["std_error_scc_lag3"] as? [Double] ?? [], 1e-8, "\(reference) scc3")
  }

  static func covariance(_ vcov: Any?) -> CovarianceType {
    if let name = vcov as? String { return name == "iid" ? .iid : .heteroskedastic(.hc1) }
    let columns = ((vcov as? [String: String])?["CRV1"] ?? "").split(separator: "+").map(
      String.init)
    return .cluster(columns, .fixest)
  }

  @Test(arguments: pyfixest)
  func matchesPyfixest(_ reference: Case) throws {
    let f = reference.fields
    let fit = try FixedEffects.fit(
      f["formula"] as? String ?? "", data: Self.table("panel_20000.csv"),
      vcov: Self.covariance(f["vcov"]), options: Self.pyfixestRules)
    #expect(fit.coefficients.names == (f["terms"] as? [String] ?? []))
    #expect(fit.nobs == f["nobs"] as? Int)
    #expect(fit.testDegreesOfFreedom == f["df_t"] as? Double)
    Self.expectClose(
      fit.coefficients.values, f["estimate"] as? [Double] ?? [], 1e-8, "\(reference) b")
    Self.expectClose(fit.standardErrors, f["std_error"] as? [Double] ?? [], 1e-6, "\(reference) se")
    #expect(relativeError(fit.residualSumOfSquares, f["rss"] as? Double ?? 0) < 1e-8)
  }
}

import DataTable
import Foundation
import Inference
import Models
import Testing

/// Fixed-effects Poisson against pyfixest `fepois` (Tests/Fixtures/panel/generate_pyfixest.py):
/// estimates to 1e-8, CRV1 standard errors to 1e-6, dropped zero-outcome levels counted.
@Suite struct FixedEffectsPoissonTests {
  struct Case: @unchecked Sendable, CustomStringConvertible {
    let name: String
    let fields: [String: Any]
    var description: String { name }
  }

  static let cases: [Case] = FixedEffectsReferenceTests.load("reference_pyfixest.json") {
    ($0["method"] as? String) == "fepois"
  }.map { Case(name: $0.name, fields: $0.fields) }

  @Test func fixturesArePresent() { #expect(Self.cases.count == 2) }

  @Test(arguments: cases)
  func matchesPyfixest(_ reference: Case) throws {
    let f = reference.fields
    let column = ((f["vcov"] as? [String: String])?["CRV1"]) ?? ""
    let fit = try FixedEffectsPoisson.fit(
      f["formula"] as? String ?? "", data: FixedEffectsReferenceTests.table("panel_20000.csv"),
      vcov: .cluster([column], .fixest),
      options: FixedEffectsOptions(demeaning: DemeaningOptions(tolerance: 1e-13)),
      tolerance: 1e-13)
    #expect(fit.converged)
    #expect(fit.coefficients.names == (f["terms"] as? [String] ?? []))
    #expect(fit.nobs == f["nobs"] as? Int)
    // z tests, as pyfixest (`fepois` p-values use the normal) and fixest.
    #expect(fit.testDegreesOfFreedom == nil)
    let b = f["estimate"] as? [Double] ?? []
    let se = f["std_error"] as? [Double] ?? []
    for i in b.indices {
      #expect(relativeError(fit.coefficients.values[i], b[i]) < 1e-8, "\(reference) b\(i)")
      #expect(relativeError(fit.standardErrors[i], se[i]) < 1e-6, "\(reference) se\(i)")
    }
  }

  @Test func negativeOutcomeIsAnError() throws {
    let table = try DataTable(columns: [
      .double("y", [1, -2, 3, 4]), .double("x", [1, 3, 2, 5]), .int("g", [1, 1, 2, 2]),
    ])
    #expect(throws: ModelError.self) { try FixedEffectsPoisson.fit("y ~ x | g", data: table) }
  }

  @Test func zeroOutcomeLevelsAreDroppedAndCounted() throws {
    let table = try DataTable(columns: [
      .double("y", [0, 0, 1, 3, 2, 0, 4, 1]), .double("x", [1, 3, 2, 5, 1, 2, 3, 1]),
      .int("g", [1, 1, 2, 2, 2, 3, 3, 3]),
    ])
    let fit = try FixedEffectsPoisson.fit("y ~ x | g", data: table, vcov: .iid)
    #expect(fit.separatedObservations == 2)
    #expect(fit.nobs == 6)
  }
}

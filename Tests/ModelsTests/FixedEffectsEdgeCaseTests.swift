import DataTable
import Formula
import Foundation
import Inference
import Models
import Testing

/// Bad input and failure modes of the fixed-effects fit: every one gives a typed error or a
/// reported warning, never a silent number.
@Suite struct FixedEffectsEdgeCaseTests {
  static func grunfeld() throws -> DataTable {
    try CSVReader.read(path: FixturePaths.fixture("panel/grunfeld.csv").path)
  }

  @Test func allMissingFixedEffectColumnIsAnError() throws {
    let table = try DataTable(columns: [
      .double("y", [1, 2, 3, 4]), .double("x", [1, 3, 2, 5]), .int("g", [nil, nil, nil, nil]),
    ])
    #expect(throws: FormulaError.self) { try FixedEffects.fit("y ~ x | g", data: table) }
  }

  @Test func absorbedRegressorIsDroppedAndReported() throws {
    // firm_size is constant within firm: absorbed by the firm effect.
    let base = try Self.grunfeld()
    let firm = try base.column(named: "firm").doubles() ?? []
    let table = try base.replacingOrAdding(.double("firm_size", firm.map { $0 * 10 + 1 }))
    let fit = try FixedEffects.fit(
      "inv ~ value + firm_size + capital | firm", data: table, vcov: .iid)
    #expect(fit.absorbedTerms == ["firm_size"])
    #expect(fit.aliasedTerms == ["firm_size"])
    #expect(fit.coefficients.names == ["value", "capital"])
    #expect(fit.warnings.contains { $0.contains("absorbed") && $0.contains("firm_size") })
    #expect(relativeError(fit.coefficients["value"] ?? 0, 0.110123804120719) < 1e-8)
    #expect(throws: ModelError.self) { try FixedEffects.fit("inv ~ firm_size | firm", data: table) }
  }

  @Test func allSingletonsIsAnError() throws {
    let table = try DataTable(columns: [
      .double("y", [1, 2, 3, 4]), .double("x", [1, 3, 2, 5]), .int("g", [1, 2, 3, 4]),
    ])
    #expect(throws: ModelError.self) { try FixedEffects.fit("y ~ x | g", data: table) }
  }

  @Test func singletonsAreRemovedIterativelyAndCounted() throws {
    // Row 5 is alone in g = 3; once it goes, h = 9 holds only row 4, which goes next.
    let table = try DataTable(columns: [
      .double("y", [1, 2, 3, 4, 5, 6, 7]), .double("x", [1, 3, 2, 5, 4, 1, 2]),
      .int("g", [1, 1, 2, 2, 3, 1, 2]), .int("h", [7, 8, 7, 9, 9, 8, 7]),
    ])
    let fit = try FixedEffects.fit("y ~ x | g + h", data: table, vcov: .iid)
    #expect(fit.singletons == 2)
    #expect(fit.nobs == 5)
  }

  @Test func nonConvergenceFailsOrWarns() throws {
    let table = try CSVReader.read(path: FixturePaths.fixture("panel/empluk.csv").path)
    let formula = "log(emp) ~ log(wage) + log(capital) | firm + year"
    // Two-way demeaning starts from the exact partitioned solution, so only a tolerance below
    // rounding (criterion about 1e-15) keeps it from converging within the limit.
    var options = FixedEffectsOptions(
      demeaning: DemeaningOptions(tolerance: 1e-17, maxIterations: 2))
    #expect(throws: FixedEffectsError.self) {
      try FixedEffects.fit(formula, data: table, options: options)
    }
    options.nonConvergence = .warn
    let fit = try FixedEffects.fit(formula, data: table, options: options)
    #expect(!fit.demeaning.converged)
    #expect(fit.demeaning.iterations == 2)
    #expect(fit.warnings.contains { $0.contains("did not converge") })
  }

  @Test func defaultCovarianceClustersByFirstEffect() throws {
    let fit = try FixedEffects.fit("inv ~ value + capital | firm", data: Self.grunfeld())
    #expect(fit.covarianceType == .cluster(["firm"], .fixest))
    // pyfixest CRV1 by firm (Tests/Fixtures/ols/reference_py.json, grunfeld_absorbed_firm).
    #expect(relativeError(fit.standardErrors[0], 0.015194493942717428) < 1e-8)
    #expect(relativeError(fit.standardErrors[1], 0.052751771758775906) < 1e-8)
    #expect(fit.testDegreesOfFreedom == 9)
  }

  @Test func recoveredEffectsReproduceFittedValues() throws {
    let data = try Self.grunfeld()
    let fit = try FixedEffects.fit(
      "inv ~ value + capital | firm + year", data: data, vcov: .iid,
      options: FixedEffectsOptions(recoverEffects: true))
    let effects = try #require(fit.fixedEffects)
    #expect(effects.map(\.name) == ["firm", "year"])
    #expect(effects[1].values[0] == 0)
    let firm = try data.column(named: "firm")
    let year = try data.column(named: "year")
    let value = try data.column(named: "value").doubles() ?? []
    let capital = try data.column(named: "capital").doubles() ?? []
    let b = fit.coefficients.values
    for (i, row) in fit.rows.enumerated() {
      let a = effects[0].values[effects[0].levels.firstIndex(of: firm.stringValue(row) ?? "") ?? 0]
      let c = effects[1].values[effects[1].levels.firstIndex(of: year.stringValue(row) ?? "") ?? 0]
      let fitted = a + c + b[0] * value[row] + b[1] * capital[row]
      #expect(abs(fitted - fit.fittedValues[i]) < 1e-6 * max(1, abs(fitted)))
    }
  }
}

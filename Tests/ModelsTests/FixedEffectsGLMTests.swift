import DataTable
import Foundation
import Inference
import Models
import Testing

/// Fixed-effects logit, probit and Poisson against pyfixest 0.60 `feglm`/`fepois` after
/// fixest-style removal of no-variation levels, and statsmodels `Logit` with dummies on a small
/// panel (Tests/Fixtures/panel/feglm_generate.py): estimates to 1e-8, standard errors to 1e-6,
/// dropped observations counted exactly.
@Suite struct FixedEffectsGLMTests {
  typealias Case = FixedEffectsReferenceTests.Case

  static let cases = FixedEffectsReferenceTests.load("feglm_reference.json") { _ in true }

  static func family(_ name: String) -> GLMFamily {
    switch name {
    case "probit": return .probit
    case "poisson": return .poissonLog
    default: return .logit
    }
  }

  static func covariance(_ value: Any?) -> CovarianceType {
    if let text = value as? String { return text == "hetero" ? .heteroskedastic(.hc1) : .iid }
    let column = (value as? [String: String])?["CRV1"] ?? ""
    return .cluster([column], .fixest)
  }

  static let options = FixedEffectsOptions(
    demeaning: DemeaningOptions(tolerance: 1e-13), redundantLevels: .perEffect)

  static func fit(_ f: [String: Any]) throws -> FixedEffectsGLMResult {
    var table = try FixedEffectsReferenceTests.table("panel_20000.csv")
    if let rows = f["rows"] as? [Int] { table = table.gathering(rows: rows) }
    return try FixedEffectsGLM.fit(
      f["formula"] as? String ?? "", data: table, family: family(f["family"] as? String ?? ""),
      vcov: covariance(f["vcov"]), options: options, tolerance: 1e-13)
  }

  @Test func fixturesArePresent() { #expect(Self.cases.count == 10) }

  @Test(arguments: cases)
  func matchesReference(_ reference: Case) throws {
    let f = reference.fields
    var fit = try Self.fit(f)
    #expect(fit.converged)
    #expect(fit.testDegreesOfFreedom == nil)
    #expect(fit.coefficients.names == (f["terms"] as? [String] ?? []))
    #expect(fit.nobs == f["nobs"] as? Int)
    #expect(fit.dropped.singletons == f["dropped_singletons"] as? Int)
    #expect(fit.observationDrops.noVariation == f["dropped_no_variation"] as? Int)
    var se = f["std_error"] as? [Double] ?? []
    if let factor = f["small_sample_factor"] as? Double {
      // statsmodels' iid covariance is the plain inverse information.
      se = se.map { $0 * factor.squareRoot() }
      fit = try fit.withCovariance(.iid)
    }
    let b = f["estimate"] as? [Double] ?? []
    FixedEffectsReferenceTests.expectClose(fit.coefficients.values, b, 1e-8, "\(reference) b")
    FixedEffectsReferenceTests.expectClose(fit.standardErrors, se, 1e-6, "\(reference) se")
    if let p = f["p_value"] as? [Double] {
      for (a, e) in zip(fit.pValues, p) where e > 1e-10 {
        #expect(abs(a - e) < 1e-6, "\(reference) p: \(a) vs \(e)")
      }
    }
    if let deviance = f["deviance"] as? Double {
      #expect(relativeError(fit.deviance, deviance) < 1e-8, "\(reference) deviance")
    }
  }

  @Test func absorbedRegressorIsReported() throws {
    let f = Self.cases.first { $0.name == "logit_learner_year_cluster_learner" }?.fields ?? [:]
    let fit = try Self.fit(f)
    #expect(fit.aliasedTerms == ["age"])
    #expect(fit.warnings.contains { $0.contains("age") })
  }

  @Test func noVariationLevelsAreDroppedAndCounted() throws {
    // g = 1 all 0, g = 2 all 1, g = 3 and 4 vary.
    let table = try DataTable(columns: [
      .double("y", [0, 0, 1, 1, 1, 0, 1, 0, 0, 1, 1, 0]),
      .double("x", [1, 3, 2, 5, 1, 2, 3, 1, 4, 2, 5, 3]),
      .int("g", [1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4]),
    ])
    let fit = try FixedEffectsGLM.fit("y ~ x | g", data: table, family: .logit, vcov: .iid)
    #expect(fit.observationDrops.noVariation == 5)
    #expect(fit.observationDrops.noVariationLevels == [2])
    #expect(fit.nobs == 7)
    #expect(fit.warnings.first?.contains("all 0 or all 1") == true)
  }

  @Test func outcomeOutsideTheFamilyIsAnError() throws {
    let table = try DataTable(columns: [
      .double("y", [0, 2, 1, 0]), .double("x", [1, 3, 2, 5]), .int("g", [1, 1, 2, 2]),
    ])
    #expect(throws: ModelError.self) {
      try FixedEffectsGLM.fit("y ~ x | g", data: table, family: .logit)
    }
    #expect(throws: ModelError.self) {
      try FixedEffectsGLM.fit("y ~ x | g", data: table, family: .binomial(.cloglog))
    }
  }

  @Test func everythingDroppedIsAnError() throws {
    let table = try DataTable(columns: [
      .double("y", [0, 0, 1, 1]), .double("x", [1, 3, 2, 5]), .int("g", [1, 1, 2, 2]),
    ])
    #expect(throws: ModelError.self) {
      try FixedEffectsGLM.fit("y ~ x | g", data: table, family: .logit)
    }
  }

  @Test func separationByARegressorWarns() throws {
    // Within each level, x > 0 predicts y = 1 exactly: the slope is infinite.
    let table = try DataTable(columns: [
      .double("y", [0, 0, 1, 1, 0, 1, 1, 0, 0, 1]),
      .double("x", [-1, -2, 1, 2, -1, 3, 2, -3, -1, 1]),
      .double("z", [0.3, 0.1, 0.4, 0.2, 0.9, 0.5, 0.7, 0.2, 0.6, 0.8]),
      .int("g", [1, 1, 1, 1, 2, 2, 2, 2, 3, 3]),
    ])
    var options = FixedEffectsOptions.default
    options.nonConvergence = .warn
    let fit = try FixedEffectsGLM.fit(
      "y ~ x + z | g", data: table, family: .logit, vcov: .iid, options: options)
    #expect(fit.warnings.contains { $0.contains("separate") || $0.contains("did not converge") })
  }

  @Test func nonConvergenceThrowsByDefault() throws {
    let f = Self.cases.first { $0.name == "logit_school_year_iid" }?.fields ?? [:]
    let table = try FixedEffectsReferenceTests.table("panel_20000.csv")
    #expect(throws: FixedEffectsError.self) {
      try FixedEffectsGLM.fit(
        f["formula"] as? String ?? "", data: table, family: .logit, maxIterations: 1)
    }
  }
}

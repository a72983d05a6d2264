import Foundation
import DataTable
import Inference
import LinearAlgebra
import Models
import Testing

/// Every estimator result speaks the one vocabulary of `EstimationResult`/`RegressionFit`:
/// code written against the protocols (renderers, the registry, disclosure control) gets the
/// same answers as the concrete types' own members.
@Suite struct EstimationResultTests {
  static func data(_ relative: String) throws -> DataTable {
    try CSVReader.read(path: FixturePaths.fixture(relative).path)
  }

  /// One fit of every result type, seen only through the protocol.
  static func fits() throws -> [any RegressionFit] {
    let mtcars = try data("ols/mtcars.csv")
    let grunfeld = try data("panel/grunfeld.csv")
    let spector = try data("glm/spector.csv")
    return [
      try OLS.fit("mpg ~ wt + wt2 + hp", data: mtcars, vcov: .heteroskedastic(.hc1)),
      try GLM.fit("GRADE ~ GPA + TUCE + PSI", data: spector, family: .logit),
      try FixedEffects.fit("inv ~ value + capital | firm", data: grunfeld),
      try PanelEstimators.fit(
        "inv ~ value + capital", data: grunfeld, model: .randomEffects, unit: "firm",
        time: "year"),
      try FixedEffectsGLM.fit("inv ~ value + capital | firm", data: grunfeld, family: .poisson(.log)),
    ]
  }

  @Test func modelNamesAreTheResultDocumentNames() throws {
    #expect(try Self.fits().map(\.modelName) == ["ols", "logit", "fe", "re", "poisson"])
  }

  /// The derived accessors are computed once from the core ones: AIC and BIC from the
  /// log-likelihood and parameter count, the fit measures agree with them, and every term
  /// appears once in `termRows` with aliased ones empty.
  @Test func derivedAccessorsAgreeWithTheCore() throws {
    for fit in try Self.fits() {
      let p = Double(fit.parameterCount)
      let aic = -2 * fit.logLikelihood + 2 * p
      let bic = -2 * fit.logLikelihood + log(Double(fit.nobs)) * p
      let scale = abs(fit.logLikelihood) * 1e-12
      #expect(abs(fit.aic - aic) <= scale, "\(fit.modelName)")
      #expect(abs((fit.fitMeasures["aic"] ?? .nan) - aic) <= scale, "\(fit.modelName)")
      #expect(abs((fit.fitMeasures["bic"] ?? .nan) - bic) <= scale, "\(fit.modelName)")
      let rows = fit.termRows(level: 0.95)
      #expect(rows.map(\.term) == fit.terms)
      #expect(rows.compactMap(\.row).map(\.term) == fit.coefficients.names)
      #expect(
        rows.filter { $0.row == nil }.map(\.term) == fit.dropped.collinearTerms, "\(fit.modelName)")
    }
  }

  @Test func olsReportsItsAliasedTermAndAClosedFormSolve() throws {
    let fit = try Self.fits()[0]
    #expect(fit.dropped.collinearTerms == ["wt2"])
    #expect(fit.convergence == .closedForm)
    #expect(fit.dropped.absorbedTerms == nil)
  }

  /// Iterative fits report their own iterations and tolerance in the shared shape.
  @Test func iterativeFitsReportConvergence() throws {
    let fits = try Self.fits()
    let glm = fits[1].convergence
    #expect(glm.converged && glm.iterations > 1)
    #expect((glm.criterion ?? .infinity) <= (glm.tolerance ?? 0))
    let fe = fits[2].convergence
    #expect(fe.converged && fe.iterations >= 1 && fe.tolerance != nil)
    #expect(fits[4].convergence.iterations > 1)
    #expect(fits[3].convergence == .closedForm)
  }

  /// Model-specific content comes as sections: fixed effects with their levels, variance
  /// components with theta by unit size.
  @Test func sectionsCarryTheModelSpecificParts() throws {
    let fits = try Self.fits()
    let effects = try #require(fits[2].section("fixed_effects"))
    #expect(effects.column("name") == [.text("firm")])
    #expect(effects.column("levels") == [.integer(10)])
    let components = try #require(fits[3].section("variance_components"))
    #expect(components.layout == .record)
    #expect(components.children.map(\.key) == ["theta"])
    #expect(fits[0].sections.isEmpty)
  }

  /// Disclosure control finds count columns without knowing the model.
  @Test func countColumnsAreMarked() throws {
    let table = try Self.data("glm/separation_complete.csv")
    let fit = try GLM.fit("y ~ x + z", data: table, family: .logit)
    #expect(
      fit.countColumnPaths == ["separation.fitted_at_boundary", "separation.terms.observations"])
    let counts = try #require(fit.section("separation")?.children.first).column("observations")
    #expect(counts.count == fit.separation?.terms.count)
  }

  /// `withCovariance` works through the protocol: the new type is in force and the estimates
  /// stay; an unknown cluster column is an error, not a crash.
  @Test func withCovarianceWorksThroughTheProtocol() throws {
    for fit in try Self.fits() {
      let robust = try fit.withCovariance(.heteroskedastic(.hc0))
      #expect(robust.covarianceType == .heteroskedastic(.hc0), "\(fit.modelName)")
      #expect(robust.coefficients == fit.coefficients)
      #expect(
        robust.standardErrors != fit.standardErrors || fit.covarianceType == robust.covarianceType)
      #expect(throws: (any Error).self) { try fit.withCovariance(.cluster("no_such_column")) }
    }
  }
}

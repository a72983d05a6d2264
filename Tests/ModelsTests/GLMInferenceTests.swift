import Foundation
import Testing

@testable import VETStat

/// Marginal effects against statsmodels (Tests/Fixtures/glm/generate.py), predictions and tests
/// against R (generate.R), separation and bad-outcome handling.
@Suite struct GLMInferenceTests {
  struct Case: @unchecked Sendable, CustomStringConvertible {
    let name: String
    let fields: [String: Any]
    var description: String { name }
  }

  static let marginCases: [Case] = {
    let document = (try? FixturePaths.json("glm/margins.json") as? [String: Any]) ?? [:]
    let list = document["cases"] as? [[String: Any]] ?? []
    return list.map { Case(name: $0["name"] as? String ?? "?", fields: $0) }
  }()

  nonisolated(unsafe) static let reference: [String: Any] =
    (try? FixturePaths.json("glm/reference.json") as? [String: Any]) ?? [:]

  static func data(_ file: String) throws -> DataTable {
    let url =
      file == "mtcars.csv"
      ? FixturePaths.fixture("ols/mtcars.csv") : FixturePaths.fixture("glm/\(file)")
    return try CSVReader.read(path: url.path)
  }

  @Test func marginFixturesArePresent() { #expect(Self.marginCases.count >= 8) }

  @Test(arguments: marginCases)
  func marginalEffectsMatchStatsmodels(_ reference: Case) throws {
    let f = reference.fields
    let fit = try GLM.fit(
      f["formula"] as? String ?? "", data: Self.data(f["data"] as? String ?? ""),
      family: GLMReferenceTests.family(f))
    let at = MarginalEffectsAt(rawValue: f["at"] as? String ?? "") ?? .average
    let effects = try fit.marginalEffects(at: at, variables: f["variables"] as? [String])
    let expected = f["effects"] as? [[String: Any]] ?? []
    #expect(effects.count == expected.count, "\(reference)")
    for (effect, wanted) in zip(effects, expected) {
      #expect(effect.term == wanted["term"] as? String)
      let estimate = wanted["estimate"] as? Double ?? .nan
      let se = wanted["std_error"] as? Double ?? .nan
      #expect(relativeError(effect.estimate, estimate) < 1e-6, "\(reference) \(effect.term)")
      #expect(relativeError(effect.standardError, se) < 1e-6, "\(reference) \(effect.term) se")
    }
  }

  @Test func predictionsMatchR() throws {
    let cases = Self.reference["cases"] as? [[String: Any]] ?? []
    #expect(!cases.isEmpty)
    for f in cases {
      let fit = try GLMReferenceTests.fit(f, solver: .qr)
      let predictions = fit.predictions()
      let wanted = f["predict"] as? [String: [Double]] ?? [:]
      for i in 0..<5 {
        let p = predictions[i]
        for (key, value) in [
          ("link", p.link), ("link_se", p.linkStandardError), ("response", p.response),
          ("response_se", p.responseStandardError),
        ] {
          let expected = wanted[key]?[i] ?? .nan
          #expect(relativeError(value, expected) < 1e-8, "\(f["name"] ?? "") \(key) \(i)")
        }
      }
    }
  }

  @Test func waldAndLikelihoodRatioTestsMatchR() throws {
    let tests = Self.reference["tests"] as? [String: Any] ?? [:]
    let data = try Self.data("spector.csv")
    let full = try GLM.fit("GRADE ~ GPA + TUCE + PSI", data: data, family: .logit)
    let small = try GLM.fit("GRADE ~ PSI", data: data, family: .logit)
    let wald = try WaldTest(full, hypotheses: "GPA = 0, TUCE = 0")
    #expect(wald.degreesOfFreedom == 2)
    #expect(relativeError(wald.statistic, tests["wald_gpa_tuce_iid"] as? Double ?? .nan) < 1e-8)
    #expect(wald.hypotheses == ["GPA = 0", "TUCE = 0"])
    let robust = try WaldTest(
      full.withCovariance(.heteroskedastic(.hc1)), hypotheses: "GPA=0,TUCE=0")
    #expect(relativeError(robust.statistic, tests["wald_gpa_tuce_hc1"] as? Double ?? .nan) < 1e-8)
    let difference = try WaldTest(full, hypotheses: "GPA - PSI = 0")
    #expect(
      relativeError(difference.statistic, tests["wald_gpa_eq_psi_iid"] as? Double ?? .nan) < 1e-8)
    let moved = try WaldTest(full, hypotheses: "GPA = PSI")
    #expect(relativeError(moved.statistic, difference.statistic) < 1e-12)
    let lr = try LikelihoodRatioTest(restricted: small, full: full)
    #expect(relativeError(lr.statistic, tests["lr_statistic"] as? Double ?? .nan) < 1e-8)
    #expect(lr.degreesOfFreedom == 2)
    #expect(relativeError(lr.pValue, tests["lr_p_value"] as? Double ?? .nan) < 1e-7)
    #expect(throws: HypothesisError.self) { try WaldTest(full, hypotheses: "GPB = 0") }
    #expect(throws: HypothesisError.self) { try LikelihoodRatioTest(restricted: full, full: small) }
  }

  @Test func publishedStataSpectorValues() throws {
    // Stata 11 values stored in statsmodels (refdata/spector/REFERENCE.md), to 1e-6.
    let data = try Self.data("spector.csv")
    let logit = try GLM.fit("GRADE ~ GPA + TUCE + PSI", data: data, family: .logit)
    let expected = [-13.0213483201, 2.82611297201, 0.0951576702557, 2.37868772835]
    let se = [4.93132462871, 1.26294114526, 0.141554207662, 1.06456430165]
    for i in 0..<4 {
      #expect(relativeError(logit.coefficients[i], expected[i]) < 1e-6)
      #expect(relativeError(logit.standardErrors[i], se[i]) < 1e-6)
    }
    #expect(relativeError(logit.logLikelihood, -12.8896334653335) < 1e-6)
    #expect(relativeError(logit.statistics.nullLogLikelihood, -20.5917296966173) < 1e-9)
    #expect(relativeError(logit.statistics.mcFaddenRSquared, 0.374038332124624) < 1e-6)
    #expect(relativeError(logit.aic, 33.779266930667) < 1e-6)
    let probit = try GLM.fit("GRADE ~ GPA + TUCE + PSI", data: data, family: .probit)
    #expect(relativeError(probit.logLikelihood, -12.8188033249334) < 1e-6)
    #expect(relativeError(probit.statistics.mcFaddenRSquared, 0.377478069409622) < 1e-6)
  }

  @Test func completeSeparationIsReportedWithTheTerm() throws {
    let fit = try GLM.fit("y ~ x + z", data: Self.data("separation_complete.csv"), family: .logit)
    let report = try #require(fit.separation)
    #expect(report.terms.map(\.term) == ["x"])
    #expect(report.terms.first?.complete == true)
    #expect(fit.warnings.contains { $0.contains("complete separation: 'x'") })
  }

  @Test func quasiSeparationIsReportedWithTheTerm() throws {
    let fit = try GLM.fit("y ~ z + d", data: Self.data("separation_quasi.csv"), family: .logit)
    let report = try #require(fit.separation)
    #expect(report.terms.map(\.term) == ["d"])
    #expect(report.terms.first?.complete == false)
    #expect(report.terms.first?.observations == 12)
    #expect(fit.warnings.contains { $0.contains("quasi-complete separation: 'd'") })
    #expect(fit.convergence.converged)
  }

  @Test func constantOutcomeIsBadInput() throws {
    let table = try DataTable(columns: [
      .double("y", [0, 0, 0, 0]), .double("x", [1, 2, 3, 4]),
    ])
    #expect(throws: ModelError.self) { try GLM.fit("y ~ x", data: table, family: .logit) }
    #expect(throws: ModelError.self) { try GLM.fit("y ~ x", data: table, family: .poissonLog) }
    let outside = try DataTable(columns: [.double("y", [0, 2, 1, 0]), .double("x", [1, 2, 3, 4])])
    #expect(throws: ModelError.self) { try GLM.fit("y ~ x", data: outside, family: .logit) }
    #expect(throws: ModelError.self) {
      try GLM.fit("y ~ x", data: outside, family: .binomial(.log))
    }
    do {
      _ = try GLM.fit("y ~ x", data: table, family: .logit)
    } catch let error as ModelError {
      #expect(error.description.contains("'y'"))
    }
  }

  @Test func nonConvergenceIsAnAnalysisFailure() throws {
    let data = try Self.data("spector.csv")
    do {
      _ = try GLM.fit(
        "GRADE ~ GPA + TUCE + PSI", data: data, family: .probit,
        control: GLMControl(maxIterations: 2))
      Issue.record("expected a convergence error")
    } catch let error as ConvergenceError {
      #expect(error.description.contains("did not converge"))
    }
  }

  @Test func oddsRatiosExponentiateTheIntervals() throws {
    let fit = try GLM.fit(
      "GRADE ~ GPA + TUCE + PSI", data: Self.data("spector.csv"), family: .logit)
    let ratios = fit.exponentiatedCoefficients()
    let intervals = fit.confidenceIntervals()
    #expect(ratios[1].term == "GPA")
    #expect(relativeError(ratios[1].ratio, exp(fit.coefficients[1])) < 1e-15)
    #expect(relativeError(ratios[1].low, exp(intervals[1].low)) < 1e-15)
  }
}

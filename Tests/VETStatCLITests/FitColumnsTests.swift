import DataTable
import Formula
import Foundation
import Inference
import Models
import Testing

@testable import vetstat

/// `FitColumns`: the columns a fit reads, and fits on a selected read equal fits on a full read.
@Suite struct FitColumnsTests {
  static let sample = Snapshot.repositoryRoot.appendingPathComponent(
    "datasets/vet_learners_sample.csv"
  )
  .path

  static func options(
    model: String = "ols", vcov: String? = nil, cluster: String? = nil, weights: String? = nil,
    unit: String? = nil, time: String? = nil
  ) throws -> FitOptions {
    try FitOptions(
      model: model, vcov: vcov, cluster: cluster, smallSample: "fixest", weights: weights,
      weightKind: "analytic", solver: "qr", panelUnit: unit, panelTime: time)
  }

  @Test func requiredNamesFormulaWeightsClustersOffsetAndPanel() throws {
    let formula = try Formula(
      "log(stem_score) ~ female * ses + C(track) | learner_id + school^year")
    let names = FitColumns.required(
      formula: formula,
      options: try Self.options(
        model: "fe", cluster: "region,school^year", weights: "age"),
      offset: "apprentice")
    #expect(
      names == [
        "stem_score", "female", "ses", "track", "learner_id", "school", "year", "region", "age",
        "apprentice",
      ])
    let hac = FitColumns.required(
      formula: try Formula("stem_score ~ ses"),
      options: try Self.options(vcov: "hac", unit: "learner_id", time: "year"))
    #expect(hac == ["stem_score", "ses", "learner_id", "year"])
  }

  @Test func selectedReadGivesTheSameFits() throws {
    let full = try CSVReader.read(path: Self.sample)
    let formula = "stem_score ~ stem_enrolled + ses | learner_id + year"
    let options = try Self.options(model: "fe", cluster: "school_id")
    let selected = try FitColumns.read(path: Self.sample, formula: formula, options: options)
    #expect(
      Set(selected.columnNames)
        == ["stem_score", "stem_enrolled", "ses", "learner_id", "year", "school_id"])
    let a = try FixedEffects.fit(formula, data: full, vcov: options.covariance)
    let b = try FixedEffects.fit(formula, data: selected, vcov: options.covariance)
    #expect(a.coefficients == b.coefficients)
    #expect(a.covariance == b.covariance)
    #expect(a.nobs == b.nobs)
    let ols = "stem_score ~ female * ses + C(track)"
    let olsOptions = try Self.options(cluster: "school_id", weights: "age")
    let c = try OLS.fit(
      ols, data: full, weights: "age", vcov: olsOptions.covariance)
    let d = try OLS.fit(
      ols, data: try FitColumns.read(path: Self.sample, formula: ols, options: olsOptions),
      weights: "age", vcov: olsOptions.covariance)
    #expect(c.coefficients == d.coefficients)
    #expect(c.covariance == d.covariance)
  }

  @Test func unknownColumnFallsBackToTheFullTable() throws {
    let table = try FitColumns.read(
      path: Self.sample, formula: "stem_score ~ sess", options: try Self.options())
    #expect(table.columnNames.count == 15)
    let unparsable = try FitColumns.read(
      path: Self.sample, formula: "stem_score ~ (ses", options: try Self.options())
    #expect(unparsable.columnNames.count == 15)
  }
}

/// The CLI's exit codes: mistakes in the input are bad input (2), a fit that cannot be
/// completed is an analysis failure (1).
@Suite struct ExitStatusTests {
  @Test func modelMistakesAreBadInputAndNonConvergenceAFailure() throws {
    let table = try DataTable(columns: [.double("y", [0, 2, 1, 0]), .double("x", [1, 2, 3, 4])])
    do {
      _ = try GLM.fit("y ~ x", data: table, family: .logit)
      Issue.record("expected a bad-response error")
    } catch {
      #expect(ExitStatus.classify(error) == .badInput, "\(error)")
    }
    let spector = try CSVReader.read(
      path: Snapshot.repositoryRoot.appendingPathComponent("Tests/Fixtures/glm/spector.csv").path)
    do {
      _ = try GLM.fit(
        "GRADE ~ GPA + TUCE + PSI", data: spector, family: .probit,
        control: GLMControl(maxIterations: 2))
      Issue.record("expected a convergence error")
    } catch {
      #expect(ExitStatus.classify(error) == .analysisFailed, "\(error)")
    }
    #expect(ExitStatus.classify(UsageError("x")) == .badInput)
  }
}

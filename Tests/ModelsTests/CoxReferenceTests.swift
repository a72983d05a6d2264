import Foundation
import Inference
import LinearAlgebra
import Models
import Testing

/// Cox models against R `survival` 3.5.3 `coxph`/`cox.zph` (Tests/Fixtures/survival/generate.R):
/// Efron and Breslow ties, robust and cluster-robust variances on lung, strata on veteran, and
/// counting-process data (time-varying transplant status) clustered by patient on heart.
@Suite struct CoxReferenceTests {
  struct Case: Sendable {
    let name: String
    let file: String
    let event: String
    let covariates: [String]
    let ties: CoxTies
    let strata: String?
    let covariance: CovarianceType
    let cluster: String?
  }

  static let lung = ["age", "sex", "ph.ecog"]
  static let veteran = ["trt", "karno", "age"]
  static let heart = ["age", "year", "surgery", "transplant"]
  static let cases: [Case] = [
    Case(
      name: "lung_efron", file: "lung.csv", event: "event", covariates: lung, ties: .efron,
      strata: nil, covariance: .iid, cluster: nil),
    Case(
      name: "lung_breslow", file: "lung.csv", event: "event", covariates: lung,
      ties: .breslow, strata: nil, covariance: .iid, cluster: nil),
    Case(
      name: "lung_robust", file: "lung.csv", event: "event", covariates: lung, ties: .efron,
      strata: nil, covariance: .heteroskedastic(.hc0), cluster: nil),
    Case(
      name: "lung_cluster", file: "lung.csv", event: "event", covariates: lung,
      ties: .efron, strata: nil, covariance: .cluster("inst"), cluster: "inst"),
    Case(
      name: "veteran_strata", file: "veteran.csv", event: "status", covariates: veteran,
      ties: .efron, strata: "celltype", covariance: .iid, cluster: nil),
    Case(
      name: "veteran_strata_breslow", file: "veteran.csv", event: "status",
      covariates: veteran, ties: .breslow, strata: "celltype", covariance: .iid, cluster: nil),
    Case(
      name: "heart_cluster", file: "heart.csv", event: "event", covariates: heart,
      ties: .efron, strata: nil, covariance: .cluster("id"), cluster: "id"),
    Case(
      name: "heart_breslow", file: "heart.csv", event: "event", covariates: heart,
      ties: .breslow, strata: nil, covariance: .iid, cluster: nil),
  ]

  static func fit(_ c: Case) throws -> CoxResult {
    let data = try SurvivalReference.rows(c.file)
    let x = Matrix(columns: c.covariates.map { SurvivalReference.numbers(data, $0) })
    return try CoxRegression.fit(
      SurvivalReference.spells(data, event: c.event), covariates: x, names: c.covariates,
      strata: c.strata.map { s in data.map { $0[s] ?? "" } },
      cluster: c.cluster.map { name in (name, data.map { $0[name] ?? "" }) },
      options: CoxOptions(ties: c.ties, covariance: c.covariance))
  }

  @Test(arguments: 0..<8)
  func coefficientsAndTestsMatchR(_ index: Int) throws {
    let c = Self.cases[index]
    let result = try Self.fit(c)
    let coefficients = try SurvivalReference.rows("ref_cox_coef.csv").filter {
      $0["case"] == c.name
    }
    #expect(coefficients.count == result.coefficients.count)
    let naive = result.naiveCovariance.diagonal.map { $0.squareRoot() }
    var worst = 0.0
    for (k, row) in coefficients.enumerated() where k < result.coefficients.count {
      #expect(row["term"] == result.coefficients.names[k])
      worst = max(
        worst, relativeError(result.coefficients[k], SurvivalReference.number(row["estimate"])))
      worst = max(worst, relativeError(naive[k], SurvivalReference.number(row["se"])))
      if c.covariance != .iid {
        worst = max(
          worst, relativeError(result.standardErrors[k], SurvivalReference.number(row["robust_se"]))
        )
      }
    }
    let fit = try #require(
      try SurvivalReference.rows("ref_cox_fit.csv").first { $0["case"] == c.name })
    let pairs: [(Double, String)] = [
      (result.nullLogLikelihood, "loglik0"), (result.logLikelihood, "loglik"),
      (result.likelihoodRatioTest.statistic, "lrt"), (result.waldTest.statistic, "wald"),
      (result.scoreTest.statistic, "score"),
    ]
    for (value, key) in pairs {
      worst = max(worst, relativeError(value, SurvivalReference.number(fit[key])))
    }
    if c.covariance != .iid {
      let robust = try #require(result.robustScoreTest)
      worst = max(
        worst, relativeError(robust.statistic, SurvivalReference.number(fit["robust_score"])))
    }
    #expect(worst < 1e-8, "\(c.name): largest relative difference \(worst)")
    #expect(Double(result.convergence.iterations) == SurvivalReference.number(fit["iter"]))
    #expect(result.convergence.converged)
    #expect(Double(result.events) == SurvivalReference.number(fit["nevent"]))
    #expect(Double(result.nobs) == SurvivalReference.number(fit["n"]))
  }

  @Test(arguments: 0..<8)
  func proportionalHazardsTestMatchesR(_ index: Int) throws {
    let c = Self.cases[index]
    let result = try Self.fit(c)
    let reference = try SurvivalReference.rows("ref_cox_zph.csv").filter { $0["case"] == c.name }
    #expect(reference.count == result.proportionalHazards.count)
    for (row, test) in zip(reference, result.proportionalHazards) {
      #expect(
        test.name == "ph_"
          + (row["term"] ?? "").lowercased().replacingOccurrences(
            of: "global", with: "global"))
      #expect(
        relativeError(test.statistic, SurvivalReference.number(row["chisq"])) < 1e-8,
        "\(c.name) \(test.name): \(test.statistic) vs \(row["chisq"] ?? "")")
      #expect(Double(test.degreesOfFreedom) == SurvivalReference.number(row["df"]))
    }
  }

  @Test func collinearCovariateIsAliased() throws {
    let data = try SurvivalReference.rows("lung.csv")
    let age = SurvivalReference.numbers(data, "age")
    let x = Matrix(columns: [age, SurvivalReference.numbers(data, "sex"), age.map { 2 * $0 + 1 }])
    let result = try CoxRegression.fit(
      SurvivalReference.spells(data), covariates: x, names: ["age", "sex", "age2"])
    #expect(result.coefficients.names == ["age", "sex"])
    #expect(result.dropped.collinearTerms == ["age2"])
    #expect(result.warnings.contains { $0.contains("age2") })
  }

  @Test func noEventsIsAnError() throws {
    let spells = try SurvivalSpells(exit: [1, 2, 3], event: [false, false, false])
    #expect(throws: SurvivalError.self) {
      try CoxRegression.fit(spells, covariates: Matrix(columns: [[1, 2, 3]]), names: ["x"])
    }
  }
}

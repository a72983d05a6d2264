import Foundation
import Testing
import VETStat

/// The README's library example, run as written on the bundled sample, so it cannot drift.
@Suite struct ReadmeExampleTests {
  @Test func libraryExampleRuns() throws {
    // The package root, three levels above this file (Tests/VETStatTests/...).
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let path = root.appendingPathComponent("datasets/vet_learners_sample.csv")
    let table = try CSVReader.read(path: path.path)

    let ols = try OLS.fit(
      "stem_score ~ female + migrant + ses + C(track) + C(year)", data: table,
      vcov: .cluster("school_id"))
    #expect(ols.coefficients["female"] != nil)
    #expect(ols.confidenceIntervals(level: 0.95).count == ols.coefficients.count)
    let hc3 = try ols.withCovariance(.heteroskedastic(.hc3))
    let fixestLike = try ols.withCovariance(.cluster(["school_id", "year"], .fixest))
    #expect(hc3.coefficients == ols.coefficients && fixestLike.clusterCounts.count == 2)

    let logit = try GLM.fit(
      "stem_enrolled ~ female * year + ses", data: table, family: .binomial(.logit),
      vcov: .cluster("school_id"))
    let ame = try logit.marginalEffects(at: .average, variables: ["female"])
    let wald = try WaldTest(logit, hypotheses: "female = 0, female:year = 0")
    #expect(ame.count == 1 && wald.pValue < 0.05)

    let fe = try FixedEffects.fit("stem_score ~ treated | learner_id + year", data: table)
    #expect(fe.coefficients["treated"] != nil)

    let panel = try PanelIndex(data: table, unit: "learner_id", time: "year", group: "school_id")
    #expect(panel.summary().units == 5000)
  }
}

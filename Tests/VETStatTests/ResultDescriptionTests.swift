import Foundation
import Testing
import VETStat

/// `print(fit)` shows the coefficient table, as R's `print`, not megabytes of stored vectors.
@Suite struct ResultDescriptionTests {
  let table: DataTable

  init() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    table = try CSVReader.read(
      path: root.appendingPathComponent("datasets/vet_learners_sample.csv").path)
  }

  @Test func olsPrintsItsCoefficientTable() throws {
    let ols = try OLS.fit("stem_score ~ female + ses + C(track)", data: table)
    let text = String(describing: ols)
    let lines = text.split(separator: "\n")
    #expect(lines.first == "ols: stem_score ~ female + ses + C(track)")
    let female = String(format: "%.5g", ols.coefficients["female"] ?? .nan)
    #expect(lines.contains { $0.hasPrefix("female ") && $0.contains(female) })
    // Header, observations, column heads, one line per term, covariance, fit measures.
    #expect(lines.count <= ols.terms.count + 8)
    #expect(text.utf8.count < 4_000)
  }

  @Test func aliasedTermsPrintAsNA() throws {
    let ses = try #require(try table.column(named: "ses").doubles())
    let doubled = Column(name: "ses2", values: .double(ses.map { 2 * $0 }))
    let fit = try OLS.fit("stem_score ~ ses + ses2", data: try table.adding(doubled))
    let text = String(describing: fit)
    #expect(text.contains("ses2") && text.contains("NA"))
  }

  @Test func glmAndFixedEffectsPrintConcisely() throws {
    let logit = try GLM.fit(
      "stem_enrolled ~ female + ses", data: table, family: .binomial(.logit))
    #expect(String(describing: logit).hasPrefix("logit: stem_enrolled ~ female + ses"))
    let fe = try FixedEffects.fit("stem_score ~ treated | learner_id + year", data: table)
    let text = String(describing: fe)
    #expect(text.contains("treated") && text.utf8.count < 4_000)
  }
}

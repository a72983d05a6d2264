import Foundation
import Studies
import Testing

/// Counts in learners (issue 13): `min_cell` counts distinct learners, not learner-years, in the
/// describe and indicator kinds and for regression coefficients and observation counts. The data
/// (Tests/Fixtures/specs/leaks/learners.csv) has a track of 3 learners x 5 years (15 rows), a
/// track x region cell of 2 learners (10 rows) and a region of one learner (5 rows).
@Suite struct LearnerCountTests {
  /// Runs a spec over the leak fixture data and returns results.json and the output folder.
  static func run(
    _ body: String, minCell: Int = 10, filter: String? = nil, derive: String? = nil
  ) throws -> (
    json: [String: Any], folder: URL
  ) {
    let data = try String(
      contentsOf: LeakFixtures.folder.appendingPathComponent("learners.csv"), encoding: .utf8)
    let (_, spec) = try StudyFixtures.make(
      spec: """
        study: Learner counts
        data:
          path: data/learners.csv
          panel: {unit: learner_id, time: year, group: school_id}
          types: {track: category, region: category}
        """ + (filter.map { "\n  filter: \"\($0)\"" } ?? "")
          + (derive.map { "\nderive:\n  \($0)" } ?? "") + """

            disclosure: {min_cell: \(minCell)}
            analyses:
            \(body)
            outputs: {folder: out, formats: [markdown, json, csv, svg]}
            """, files: ["learners.csv": data])
    let (_, folder) = try Study.run(spec: spec)
    let object = try JSONSerialization.jsonObject(
      with: Data(contentsOf: folder.appendingPathComponent("results.json")))
    return (object as? [String: Any] ?? [:], folder)
  }

  /// The result document of the analysis called `name`.
  static func result(_ json: [String: Any], _ name: String) -> [String: Any] {
    let analyses = json["analyses"] as? [[String: Any]] ?? []
    return analyses.first { $0["name"] as? String == name }?["result"] as? [String: Any] ?? [:]
  }

  @Test func aTrackOfThreeLearnersOverFiveYearsIsSuppressed() throws {
    let (json, folder) = try Self.run(
      """
        - {name: means, kind: indicator, measure: "mean(score)", by: [track]}
        - {name: profile, kind: describe, variables: [score], by: [track]}
        - {name: cells, kind: indicator, measure: "count()", by: [track, region]}
      """)
    let cells = Self.result(json, "means")["cells"] as? [[String: Any]] ?? []
    let rare = cells.first { ($0["by"] as? [String: Any])?["track"] as? String == "rare" }
    #expect(rare?["suppressed"] as? Bool == true, "15 learner-years of 3 learners: \(cells)")
    #expect(rare?["n"] is NSNull && rare?["estimate"] is NSNull)
    let big = cells.filter { ($0["by"] as? [String: Any])?["track"] as? String != "rare" }
    // One complement is withheld with it (the rest of the table would give it away).
    #expect(big.count == 2 && big.contains { $0["suppressed"] as? Bool == false })
    let described = Self.result(json, "profile")["variables"] as? [[String: Any]] ?? []
    let rareRow = described.first {
      ($0["by"] as? [String: Any])?["track"] as? String == "rare"
    }
    #expect(rareRow?["suppressed"] as? Bool == true && rareRow?["mean"] is NSNull)
    // rare x Limburg: 2 learners, 10 rows (published before, when rows were counted).
    let crossed = Self.result(json, "cells")["cells"] as? [[String: Any]] ?? []
    let twoLearners = crossed.first {
      let by = $0["by"] as? [String: Any]
      return by?["track"] as? String == "rare" && by?["region"] as? String == "Limburg"
    }
    #expect(twoLearners?["suppressed"] as? Bool == true, "\(crossed)")
    let disclosure = Self.result(json, "cells")["disclosure"] as? [String: Any]
    #expect(disclosure?["counted_in"] as? String == "learners")
    let table = try String(
      contentsOf: folder.appendingPathComponent("tables/means.csv"), encoding: .utf8)
    #expect(table.contains("rare,[c]"), "\(table)")
    let report = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(report.contains("distinct learners"))
  }

  @Test func aFactorLevelWithOneLearnerHasNoPublishedCoefficient() throws {
    let (json, folder) = try Self.run(
      """
        - {name: gap, kind: ols, formula: "score ~ female + ses + C(region)"}
      """)
    let result = Self.result(json, "gap")
    let rows = result["coefficients"] as? [[String: Any]] ?? []
    let brussel = rows.first { ($0["term"] as? String)?.contains("Brussel") == true }
    #expect(brussel != nil, "\(rows.map { $0["term"] ?? "" })")
    #expect(brussel?["estimate"] is NSNull && brussel?["std_error"] is NSNull)
    #expect(brussel?["suppressed"] as? Bool == true)
    let female = rows.first { $0["term"] as? String == "female" }
    #expect(female?["estimate"] is Double, "levels with many learners stay published")
    #expect(result["nobs"] as? Int == 300)
    let table = try String(
      contentsOf: folder.appendingPathComponent("tables/regressions.csv"), encoding: .utf8)
    let line = table.split(separator: "\n").first { $0.contains("Brussel") }.map(String.init)
    #expect(line?.contains("[c]") == true, "\(table)")
    let figure = try String(
      contentsOf: folder.appendingPathComponent("figures/coefficients.svg"), encoding: .utf8)
    #expect(!figure.contains("Brussel"))
  }

  @Test func aWithheldLevelLeavesNoTraceInMarginalEffectsSeparationOrWarnings() throws {
    // The one Brussel learner's 5 rows all have hi = 0: quasi-complete separation, whose check
    // and warning would otherwise quote the level's observations.
    let (json, folder) = try Self.run(
      """
        - name: lg
          kind: logit
          formula: "hi ~ female + C(region)"
          marginal_effects: [female, region]
      """, derive: "hi: \"if_else(score > 65, 1, 0)\"")
    let text = try String(
      contentsOf: folder.appendingPathComponent("results.json"), encoding: .utf8)
    let result = Self.result(json, "lg")
    let effects = result["marginal_effects"] as? [[String: Any]] ?? []
    let brussel = effects.first { ($0["term"] as? String)?.contains("Brussel") == true }
    #expect(brussel?["estimate"] is NSNull && brussel?["suppressed"] as? Bool == true)
    #expect(effects.contains { $0["estimate"] is Double })
    let warnings = result["warnings"] as? [String] ?? []
    #expect(!warnings.contains { $0.contains("Brussel") }, "\(warnings)")
    #expect(!text.contains("\"observations\": 5"))
    let margins = try String(
      contentsOf: folder.appendingPathComponent("tables/lg_marginal_effects.csv"), encoding: .utf8)
    let line = margins.split(separator: "\n").first { $0.contains("Brussel") }.map(String.init)
    #expect(line?.hasSuffix("[c],[c],[c],[c],[c]") == true, "\(margins)")
  }

  @Test func theFitsRowsAreRebuiltExactlyWhenWeightsAndFixedEffectsDropRows() throws {
    // Zero weights (2019) and learners whose outcome never varies (dropped by the FE logit):
    // the rebuilt sample must number the fit's nobs, or every coefficient would be withheld.
    let (json, _) = try Self.run(
      """
        - {name: weighted, kind: wls, formula: "score ~ ses + female", weights: w}
        - {name: within, kind: logit, formula: "hi ~ year_c | learner_id"}
      """,
      derive: "w: \"if_else(year == 2019, 0, 1)\"\n  year_c: \"year - 2021\"\n"
        + "  hi: \"if_else(score > 68, 1, 0)\"")
    for name in ["weighted", "within"] {
      let result = Self.result(json, name)
      let nobs = result["nobs"] as? Int ?? 0
      #expect(nobs > 0 && nobs < 300, "\(name): rows were dropped (\(nobs))")
      let disclosure = result["coefficient_disclosure"] as? [String: Any]
      #expect(disclosure?["checked"] as? Bool == true, "\(name): \(disclosure ?? [:])")
      let rows = result["coefficients"] as? [[String: Any]] ?? []
      #expect(rows.contains { $0["estimate"] is Double })
    }
  }

  @Test func aSmallReferenceLevelWithholdsTheContrastsAgainstIt() throws {
    // '0rare' (3 learners) sorts first, so C(t2)'s coefficients compare A and B with it.
    let data = try String(
      contentsOf: LeakFixtures.folder.appendingPathComponent("learners.csv"), encoding: .utf8)
    let (_, spec) = try StudyFixtures.make(
      spec: """
        study: Reference level
        data:
          path: data/learners.csv
          panel: {unit: learner_id, time: year}
        derive:
          t2: "if_else(track == 'rare', '0rare', track)"
        analyses:
          - {name: gap, kind: ols, formula: "score ~ female + C(t2)"}
        outputs: {folder: out, formats: [json]}
        """, files: ["learners.csv": data])
    let (run, _) = try Study.run(spec: spec)
    let column = try #require(run.outcomes.first?.outcome.regression)
    let levels = column.rows.filter { $0.term.contains("t2[") }
    #expect(levels.count == 2 && levels.allSatisfy { $0.suppressed && $0.estimate == nil })
    #expect(column.rows.first { $0.term == "female" }?.estimate != nil)
  }

  @Test func aModelOnTooFewLearnersPublishesNoCountAndNoCoefficient() throws {
    // School 800 holds 10 learners (50 rows): above min_cell 20 in rows, below it in learners.
    let (json, folder) = try Self.run(
      """
        - {name: gap, kind: ols, formula: "score ~ female + ses"}
      """, minCell: 20, filter: "school_id == 800")
    let result = Self.result(json, "gap")
    #expect(result["nobs"] is NSNull)
    let rows = result["coefficients"] as? [[String: Any]] ?? []
    #expect(!rows.isEmpty && rows.allSatisfy { $0["estimate"] is NSNull })
    let report = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(!report.contains("50 observations"))
    #expect(report.contains("withheld"))
    // The filter's result (50 rows of 10 learners) is itself a count below min_cell learners.
    #expect(!report.contains("(50 ") && report.contains("a number of rows withheld by disclosure control"))
    let provenance = json["provenance"] as? [String: Any]
    #expect(provenance?["rows_used"] is NSNull && provenance?["rows_read"] as? Int == 300)
  }
}

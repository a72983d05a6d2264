import Foundation
import Models
import Studies
import Testing

/// `results.json` and `vetstat fit --json` read back with `JSONDecoder` into typed records.
@Suite struct ResultRecordTests {
  @Test func bundledStudyResultsDecode() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vetstat-records-\(UUID().uuidString)")
    let run = try Study.run(spec: StudyRunTests.bundled, out: out.path)
    let record = try StudyResultsRecord.read(
      path: run.folder.appendingPathComponent("results.json").path)
    #expect(record.schema == "vetstat.study/1")
    #expect(record.provenance.specSha256.count == 64 && record.provenance.seed == 2030)
    let gap = try #require(record[analysis: "score_gap"]?.result)
    #expect(gap.schema == "vetstat.result/1" && gap.model == "ols")
    let female = try #require(gap[term: "female"])
    let low = try #require(female.confLow)
    let high = try #require(female.confHigh)
    let estimate = try #require(female.estimate)
    #expect(low < estimate && estimate < high)
    #expect(gap.fit?["r_squared"] != nil && gap.converged == true)
    // Round trip: encoding the record and decoding it again changes nothing.
    let again = try JSONDecoder().decode(
      StudyResultsRecord.self, from: try JSONEncoder().encode(record))
    #expect(again == record)
  }

  @Test func fitDocumentDecodesWithNullsForAliasedTerms() throws {
    let json = """
      {"schema": "vetstat.result/1", "model": "ols", "formula": "y ~ x + x2", "nobs": 10,
       "df_residual": 8, "coefficients": [
        {"term": "x", "estimate": 1.5, "std_error": 0.5, "statistic": 3, "p_value": 0.01,
         "conf_low": 0.4, "conf_high": 2.6},
        {"term": "x2", "estimate": null, "std_error": null, "statistic": null, "p_value": null,
         "conf_low": null, "conf_high": null, "aliased": true}],
       "fit": {"r_squared": 0.5, "deviance": null}, "new_key_of_a_later_kind": [1, 2]}
      """
    let record = try JSONDecoder().decode(ResultRecord.self, from: Data(json.utf8))
    #expect(record[term: "x"]?.standardError == 0.5)
    #expect(record[term: "x2"]?.aliased == true && record[term: "x2"]?.estimate == nil)
    #expect(record.fit?["deviance"] == .some(nil))
  }
}

import DataTable
import Foundation
import Studies
import Testing

/// An analysis's own `filter:` (issue 15: the girls' share among STEM-track learners) applies
/// to that analysis only, on top of the study-wide filter.
@Suite struct AnalysisFilterTests {
  static func study(_ analyses: String) throws -> String {
    var text = "female,track,score\n"
    for i in 0..<40 { text += "\(i % 2),\(i % 4 == 0 ? "STEM" : "care"),\(Double(i % 9) + 0.5)\n" }
    let spec = """
      study: Own filters
      data:
        path: data/d.csv
      analyses:
      \(analyses)
      """
    return try StudyFixtures.make(spec: spec, files: ["d.csv": text]).spec
  }

  @Test func filterKeepsTheAnalysisRowsOnly() throws {
    let path = try Self.study(
      """
        - {name: all, kind: ols, formula: "score ~ female"}
        - {name: stem, kind: ols, formula: "score ~ 1", filter: "track == 'STEM'"}
      """)
    let prepared = try Study.validate(spec: path)
    #expect(prepared.data.rowCount == 40)
    #expect(prepared.analysisData["stem"]?.rowCount == 10)
    #expect(prepared.analysisData["all"] == nil)
  }

  @Test func badFiltersAreReportedWithKeyPath() throws {
    for filter in ["\"trak == 'STEM'\"", "\"track\"", "\"score > 100\""] {
      let path = try Self.study(
        "  - {name: stem, kind: ols, formula: \"score ~ 1\", filter: \(filter)}")
      do {
        _ = try Study.validate(spec: path)
        Issue.record("expected a SpecError for \(filter)")
      } catch let error as SpecError {
        #expect("\(error)".contains("analyses[0].filter"), "\(error)")
      }
    }
  }
}

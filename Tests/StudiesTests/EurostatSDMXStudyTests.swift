import Foundation
import Studies
import Testing

/// A Eurostat SDMX-CSV file as a study's data: read in the TSV's long form, so `kind: trend`
/// gives the same document from either file and honours the `b` flags as breaks.
@Suite struct EurostatSDMXStudyTests {
  func document(_ file: String) throws -> String {
    let path = StudyFixtures.root.appendingPathComponent("Tests/Fixtures/trend/\(file)").path
    let spec = """
      study: Eurostat
      data: {path: \(path), filter: "geo == 'BE2' && sex == 'T'"}
      analyses:
        - {name: be2, kind: trend, value: value, time: time, flags: flags, hac_lag: 1, prewhite: false}
      outputs: {folder: out, formats: [json]}
      """
    let (_, specPath) = try StudyFixtures.make(spec: spec, files: [:])
    let (result, _) = try Study.run(spec: specPath)
    return try #require(result.outcomes.first?.outcome.document.serialized())
  }

  @Test func sdmxCSVAndTSVGiveTheSameTrend() throws {
    let sdmx = try document("trng_lfse_04_BE_EU_subset.sdmx.csv")
    #expect(sdmx == (try document("trng_lfse_04_BE_EU_subset.tsv")))
    let json = try JSONSerialization.jsonObject(with: Data(sdmx.utf8)) as? [String: Any] ?? [:]
    let fit = try #require((json["trend"] as? [[String: Any]])?.first)
    #expect((fit["breaks"] as? [Double]) == [2004, 2006, 2017])
    let estimates = (fit["coefficients"] as? [[String: Any]] ?? []).compactMap {
      ($0["estimate"] as? NSNumber)?.doubleValue
    }
    let expected =
      (TrendStudyTests.reference["segmented3_nw_lag1"] as? [String: Any])?[
        "estimate"] as? [Double] ?? []
    #expect(estimates.count == expected.count && !expected.isEmpty)
    let worst = zip(estimates, expected).map { abs($0 - $1) }.max() ?? .infinity
    print("SDMX-CSV segmented trend vs R lm, max abs difference:", worst)
    #expect(worst < 1e-8)
  }

  @Test func aMalformedRowIsRefusedWithFileLineAndColumn() throws {
    let csv = """
      DATAFLOW,LAST UPDATE,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG
      ESTAT:X(1.0),,BE2,2019,7.5,
      ESTAT:X(1.0),,BE2,2020,7.x,

      """
    let spec = """
      study: Bad SDMX
      data: {path: data/x.csv}
      analyses:
        - {name: t, kind: trend, value: value, time: time}
      outputs: {folder: out, formats: [json]}
      """
    let (_, path) = try StudyFixtures.make(spec: spec, files: ["x.csv": csv])
    do {
      _ = try Study.run(spec: path)
      Issue.record("a malformed SDMX-CSV row was read")
    } catch {
      #expect("\(error)".contains("x.csv:3:5: column 'OBS_VALUE', value \"7.x\""))
    }
  }
}

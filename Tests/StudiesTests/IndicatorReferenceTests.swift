import Foundation
import Studies
import Testing

/// The indicator kind's intervals against R 4.2.2 (`t.test`, `prop.test(correct = FALSE)`), values
/// from Tests/Fixtures/studies/indicator_reference.R on the demo panel's 2015 women. The share
/// (7 of 46 in STEM) reveals a count of 7, so `min_cell` is 5 here; at 10 it is withheld
/// (ShareCountProtectionTests).
@Suite struct IndicatorReferenceTests {
  @Test func meanAndShareIntervalsMatchR() throws {
    let data = StudyFixtures.root.appendingPathComponent("datasets/demo/stem_scores_demo.csv").path
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vetstat-ind-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let spec = folder.appendingPathComponent("spec.yaml")
    try Data(
      """
      study: Indicator reference
      data: {path: \(data)}
      analyses:
        - {name: mean, kind: indicator, measure: "mean(score)", by: [year, female]}
        - {name: share, kind: indicator, measure: "share(stem_enrolled)", by: [year, female]}
      disclosure: {min_cell: 5}
      outputs: {folder: out, formats: [json]}
      """.utf8
    ).write(to: spec)
    let (result, _) = try Study.run(spec: spec.path)
    func cell(_ analysis: Int) -> [String: Any]? {
      let text = result.outcomes[analysis].outcome.document.serialized()
      let json = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
      let cells = json?["cells"] as? [[String: Any]] ?? []
      return cells.first {
        ($0["by"] as? [String: Any]).map { $0["year"] as? Int == 2015 && $0["female"] as? Int == 1 }
          ?? false
      }
    }
    let mean = try #require(cell(0))
    #expect(mean["n"] as? Int == 46)
    for (key, reference) in [
      ("estimate", 43.863597826087), ("conf_low", 40.5872015421381),
      ("conf_high", 47.1399941100358),
    ] {
      let value = try #require(mean[key] as? Double)
      #expect(abs(value - reference) < 1e-9 * abs(reference), "\(key)")
    }
    let share = try #require(cell(1))
    for (key, reference) in [
      ("estimate", 0.152173913043478), ("conf_low", 0.0757228222780547),
      ("conf_high", 0.28224139552061),
    ] {
      let value = try #require(share[key] as? Double)
      #expect(abs(value - reference) < 1e-9 * abs(reference), "\(key)")
    }
  }
}

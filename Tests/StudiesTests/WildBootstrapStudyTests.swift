import Foundation
import Studies
import Testing

/// `vcov: {cluster: ..., bootstrap: wild, reps: ...}` in study specs: the bootstrap section in the
/// result document for kinds ols and fe, and spec errors naming the key otherwise.
@Suite struct WildBootstrapStudyTests {
  static func castle() throws -> String {
    try String(
      contentsOf: StudyFixtures.root.appendingPathComponent("Tests/Fixtures/bacon/castle.csv"),
      encoding: .utf8)
  }

  static func spec(_ analysis: String) -> String {
    """
    study: Castle doctrine
    data: {path: data/castle.csv}
    analyses:
      - \(analysis)
    outputs: {folder: out}
    """
  }

  @Test func fixedEffectsKindReportsTheBootstrap() throws {
    let (_, spec) = try StudyFixtures.make(
      spec: Self.spec(
        "{name: twfe, kind: fe, formula: \"l_homicide ~ post | state + year\","
          + " vcov: {cluster: state, bootstrap: wild, reps: 999, seed: 4}}"),
      files: ["castle.csv": try Self.castle()])
    let (_, out) = try Study.run(spec: spec)
    let text = try String(contentsOf: out.appendingPathComponent("results.json"), encoding: .utf8)
    let root = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    let result = (root["analyses"] as? [[String: Any]])?.first?["result"] as? [String: Any] ?? [:]
    #expect(result["vcov"] as? String == "cluster(state)")
    let rows = result["wild_bootstrap"] as? [[String: Any]] ?? []
    #expect(rows.count == 1)
    #expect(rows.first?["term"] as? String == "post")
    #expect(rows.first?["reps"] as? Int == 999)
    let p = rows.first?["p_value"] as? Double ?? -1
    #expect(p > 0.05 && p < 0.5)
  }

  @Test func bootstrapKeysAreCheckedWithTheirPaths() throws {
    let cases = [
      (
        "{name: a, kind: fe, formula: \"l_homicide ~ post | state\","
          + " vcov: {cluster: state, bootstrap: wyld}}", "analyses[0].vcov.bootstrap"
      ),
      (
        "{name: a, kind: ols, formula: \"l_homicide ~ post\","
          + " vcov: {cluster: state, bootstrap: wild, reps: 5}}", "analyses[0].vcov.reps"
      ),
      (
        "{name: a, kind: ols, formula: \"l_homicide ~ post\", vcov: {cluster: state, reps: 99}}",
        "analyses[0].vcov.reps"
      ),
      (
        "{name: a, kind: ols, formula: \"l_homicide ~ post\", vcov: {type: hc1, bootstrap: wild}}",
        "analyses[0].vcov.cluster"
      ),
      (
        "{name: a, kind: poisson, formula: \"year ~ post\","
          + " vcov: {cluster: state, bootstrap: wild}}", "analyses[0].vcov.bootstrap"
      ),
    ]
    for (analysis, path) in cases {
      let (_, spec) = try StudyFixtures.make(
        spec: Self.spec(analysis), files: ["castle.csv": try Self.castle()])
      #expect(performing: { try Study.validate(spec: spec) }, throws: { "\($0)".contains(path) })
    }
  }
}

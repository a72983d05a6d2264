import Foundation
import Testing
import VETStat

/// The bundled study's `report.md` and `results.json`, held byte for byte (numbers to a relative
/// 1e-9) with the provenance timestamp fixed.
@Suite struct StudySnapshotTests {
  @Test func bundledStudyReportIsUnchanged() throws {
    let spec = Snapshot.repositoryRoot.appendingPathComponent("notebooks-md/stem_gender_gap.yaml")
    let out = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: out) }
    let (_, folder) = try Study.run(spec: spec.path, out: out.path, created: "2000-01-01T00:00:00Z")
    for name in ["report.md", "results.json"] {
      let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
      try Snapshot.check(text, named: "study-\(name)")
    }
  }
}

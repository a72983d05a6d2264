import Foundation
import Studies
import Testing

/// Every worked study in notebooks-md/ validates: its spec keys, data, formulas and output folder
/// (running them is the CLI's `render`; the bundled one runs in StudySnapshotTests).
@Suite struct NotebookTests {
  @Test func everyNotebookValidates() throws {
    let folder = StudyFixtures.root.appendingPathComponent("notebooks-md")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".md") || $0.hasSuffix(".yaml") }.sorted()
    #expect(names.count >= 4)
    for name in names {
      #expect(throws: Never.self, "\(name)") {
        _ = try Study.validate(spec: folder.appendingPathComponent(name).path)
      }
    }
  }
}

import Foundation

/// A scratch folder with a small copy of the bundled learner panel (`data.csv`, `schools.csv`),
/// so that fuzzed specs can name real files and columns. Made once per fuzzing process.
public enum FuzzWorkspace {
  /// The repository root (this file lives in Fuzz/Sources/FuzzSupport/).
  public static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The scratch folder, or `nil` when it cannot be made.
  public static let folder: URL? = {
    let manager = FileManager.default
    let folder = manager.temporaryDirectory.appendingPathComponent(
      "vetstat-fuzz-\(ProcessInfo.processInfo.processIdentifier)")
    let datasets = repository.appendingPathComponent("datasets")
    do {
      try manager.createDirectory(at: folder, withIntermediateDirectories: true)
      let learners = try String(
        contentsOf: datasets.appendingPathComponent("vet_learners_sample.csv"), encoding: .utf8)
      let head = learners.split(separator: "\n", omittingEmptySubsequences: false).prefix(301)
      try (head.joined(separator: "\n") + "\n").write(
        to: folder.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
      let schools = try String(
        contentsOf: datasets.appendingPathComponent("vet_schools_sample.csv"), encoding: .utf8)
      try schools.write(
        to: folder.appendingPathComponent("schools.csv"), atomically: true, encoding: .utf8)
      return folder
    } catch {
      return nil
    }
  }()

  /// Writes `text` as the spec file of this case and returns its path.
  public static func writeSpec(_ text: String) -> String? {
    guard let folder else { return nil }
    let url = folder.appendingPathComponent("spec.yaml")
    do {
      try Data(text.utf8).write(to: url)
      return url.path
    } catch {
      return nil
    }
  }
}

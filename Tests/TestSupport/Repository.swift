import Foundation

/// Where the repository's files are, found from this file's path so that tests need neither
/// bundled resources nor a particular working directory.
public enum Repository {
  /// The package root (three levels above `Tests/TestSupport/Repository.swift`).
  public static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// A file or folder under `Tests/Fixtures`.
  /// - Parameter relative: its path below `Tests/Fixtures`.
  /// - Returns: its URL.
  public static func fixture(_ relative: String) -> URL {
    root.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relative)
  }
}

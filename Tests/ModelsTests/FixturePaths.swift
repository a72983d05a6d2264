import Foundation

/// Locations of test fixtures: `Tests/Fixtures/...` in this repository and the shared public
/// reference data in `../shared/refdata/` beside it.
enum FixturePaths {
  /// The package root (three levels up from this file: Tests/ModelsTests/FixturePaths.swift).
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// A file under `Tests/Fixtures`.
  static func fixture(_ relative: String) -> URL {
    packageRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relative)
  }

  /// A file under `../shared/refdata`.
  static func refdata(_ relative: String) -> URL {
    packageRoot.deletingLastPathComponent().appendingPathComponent("shared/refdata")
      .appendingPathComponent(relative)
  }

  /// Parses a JSON fixture.
  static func json(_ relative: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(contentsOf: fixture(relative)))
  }
}

/// Relative difference |a - b| / max(|b|, tiny).
func relativeError(_ a: Double, _ b: Double) -> Double {
  abs(a - b) / max(abs(b), 1e-300)
}

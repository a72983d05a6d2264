import Foundation

/// Locations of test fixtures under `Tests/Fixtures` in this repository (the public reference
/// data the tests use is copied there, so nothing is read from outside the clone).
enum FixturePaths {
  /// The package root (three levels up from this file: Tests/ModelsTests/FixturePaths.swift).
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// A file under `Tests/Fixtures`.
  static func fixture(_ relative: String) -> URL {
    packageRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relative)
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

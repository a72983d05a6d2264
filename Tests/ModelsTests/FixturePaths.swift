import Foundation
@_exported import TestSupport

/// Locations of test fixtures under `Tests/Fixtures` in this repository (the public reference
/// data the tests use is copied there, so nothing is read from outside the clone).
enum FixturePaths {
  /// The package root (three levels up from this file: Tests/ModelsTests/FixturePaths.swift).
  static let packageRoot: URL = Repository.root

  /// A file under `Tests/Fixtures`.
  static func fixture(_ relative: String) -> URL { Repository.fixture(relative) }

  /// Parses a JSON fixture.
  static func json(_ relative: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(contentsOf: fixture(relative)))
  }
}

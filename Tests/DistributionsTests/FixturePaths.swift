import Foundation
@_exported import TestSupport

/// Locations of the committed reference fixtures, found from this file's path so the tests need
/// neither bundled resources nor a particular working directory.
enum FixturePaths {
  /// The package root: three levels above this file (Tests/DistributionsTests/FixturePaths.swift).
  static let packageRoot: URL = Repository.root

  /// `Tests/Fixtures`.
  static let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures")

  /// `Tests/Fixtures/distributions/reference.csv`, written by `generate.R` in the same folder.
  static let distributionsReference = fixtures.appendingPathComponent(
    "distributions/reference.csv")

  /// `Tests/Fixtures/distributions/highprecision.csv`: mpmath values written by `highprecision.py`.
  static let distributionsHighPrecision = fixtures.appendingPathComponent(
    "distributions/highprecision.csv")
}

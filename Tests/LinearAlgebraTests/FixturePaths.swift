import Foundation
@_exported import TestSupport

/// Locations of test data, computed from this file's path so tests need no bundled resources.
enum FixturePaths {
  /// The package root: three levels up from `Tests/LinearAlgebraTests/FixturePaths.swift`.
  static let packageRoot: URL = Repository.root

  /// `Tests/Fixtures/<topic>` inside the package.
  static func fixtures(_ topic: String) -> URL { Repository.fixture(topic) }

  /// Reads a numeric CSV with a header line; returns the header and the columns.
  static func readNumericCSV(_ url: URL) throws -> (header: [String], columns: [[Double]]) {
    let text = try String(contentsOf: url, encoding: .utf8)
    var lines = text.split(whereSeparator: \.isNewline).map(String.init)
    lines.removeAll { $0.trimmingCharacters(in: .whitespaces).isEmpty }
    guard let headerLine = lines.first else { return ([], []) }
    let header = headerLine.split(separator: ",").map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    var columns = [[Double]](repeating: [], count: header.count)
    for line in lines.dropFirst() {
      for (j, field) in line.split(separator: ",").enumerated() where j < header.count {
        guard let v = Double(field.trimmingCharacters(in: .whitespaces)) else {
          throw CocoaError(.fileReadCorruptFile)
        }
        columns[j].append(v)
      }
    }
    return (header, columns)
  }
}

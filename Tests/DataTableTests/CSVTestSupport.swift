import Foundation
import Testing

@testable import DataTable

/// A fresh temporary folder per call, for fixtures the tests write themselves.
func temporaryFolder() throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("vetstat-csv-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// Writes `text` (or raw bytes) to `name` in a temporary folder and returns its path.
func fixture(_ text: String, name: String = "data.csv") throws -> String {
  try fixture(bytes: Array(text.utf8), name: name)
}

/// Writes raw bytes to `name` in a temporary folder and returns its path.
func fixture(bytes: [UInt8], name: String = "data.csv") throws -> String {
  let url = try temporaryFolder().appendingPathComponent(name)
  try Data(bytes).write(to: url)
  return url.path
}

/// Reads CSV text from memory.
func readCSV(_ text: String, name: String = "mem.csv", options: CSVOptions = CSVOptions()) throws
  -> DataTable
{
  try CSVReader.read(bytes: Array(text.utf8), name: name, options: options)
}

/// The `DataError` thrown by `body`, or `nil` when it succeeds or throws something else.
func dataError(_ body: () throws -> Void) -> DataError? {
  do {
    try body()
    return nil
  } catch let error as DataError {
    return error
  } catch {
    return nil
  }
}

extension Column {
  /// Integer storage, or `nil`.
  var intValues: [Int]? { if case .int(let v) = values { return v } else { return nil } }
  /// Double storage, or `nil`.
  var doubleValues: [Double]? { if case .double(let v) = values { return v } else { return nil } }
  /// Bool storage, or `nil`.
  var boolValues: [Bool]? { if case .bool(let v) = values { return v } else { return nil } }
  /// All values as optional strings.
  var strings: [String?] { (0..<count).map { stringValue($0) } }
  /// Text levels, or `nil`.
  var levels: [String]? { if case .text(_, let l) = values { return l } else { return nil } }
}

/// Expects equal tables, comparing doubles bit for bit (NaN payloads included).
func expectSameTable(_ a: DataTable, _ b: DataTable) {
  #expect(a.columnNames == b.columnNames)
  #expect(a.rowCount == b.rowCount)
  #expect(a.source == b.source)
  for (x, y) in zip(a.columns, b.columns) {
    #expect(x.type == y.type, "\(x.name)")
    #expect(x.missing == y.missing, "\(x.name)")
    switch (x.values, y.values) {
    case (.double(let u), .double(let v)):
      #expect(u.map(\.bitPattern) == v.map(\.bitPattern), "\(x.name)")
    default:
      #expect(x.values == y.values, "\(x.name)")
    }
  }
}

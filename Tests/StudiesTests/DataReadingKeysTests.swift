import DataTable
import Foundation
import Studies
import Testing

/// The spec's reading keys (`data.encoding`, `decimal`, `thousands`, `na`, `sheet`): a Latin-1
/// semicolon export with amounts like `2.687,86` and `-99` codes is read as declared, and wrong
/// values are reported with key path and line.
@Suite struct DataReadingKeysTests {
  static func latin1Study(data extra: String) throws -> String {
    let spec = """
      study: Latin-1 export
      data:
        path: data/export.csv
      \(extra)
      analyses:
        - {name: m, kind: ols, formula: "bedrag ~ score"}
      """
    let (folder, path) = try StudyFixtures.make(spec: spec, files: [:])
    var text = "gemeente;bedrag;score\n"
    for i in 0..<30 {
      text +=
        "\(i % 2 == 0 ? "Liège" : "Malmö");\(1 + i % 9).\(100 + i),\(i % 100);"
        + (i == 3 ? "-99" : "\(i % 7),5") + "\n"
    }
    let bytes = Array(text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
    try Data(bytes).write(to: folder.appendingPathComponent("data/export.csv"))
    return path
  }

  @Test func declaredKeysReadTheExport() throws {
    let path = try Self.latin1Study(
      data: """
          encoding: latin1
          decimal: ","
          thousands: "."
          na: ["", "NA", "-99"]
          columns: all
        """)
    // `columns: all`: the analysis uses `bedrag` and `score`; `gemeente` is read too.
    let prepared = try Study.validate(spec: path)
    let table = prepared.data
    #expect(table["gemeente"]?.stringValue(0) == "Liège")
    #expect(table["bedrag"]?.stringValue(0) == "1100")
    #expect(table["score"]?.isMissing(3) == true)
    #expect(table["score"]?.type == .double)
  }

  @Test func perColumnMissingCodes() throws {
    let path = try Self.latin1Study(data: "  na: {score: [\"-99\"]}")
    let table = try Study.validate(spec: path).data
    #expect(table["score"]?.isMissing(3) == true)
    #expect(table["bedrag"]?.type == .double)
  }

  @Test func wrongValuesAreReportedWithKeyPath() throws {
    let path = try Self.latin1Study(
      data: """
          encoding: latin2
          thousands: ";"
        """)
    do {
      _ = try Study.validate(spec: path)
      Issue.record("expected a SpecError")
    } catch let error as SpecError {
      let text = "\(error)"
      #expect(text.contains("data.encoding"))
      #expect(text.contains("data.thousands"))
    }
  }
}

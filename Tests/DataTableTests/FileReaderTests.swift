import Foundation
import Testing

@testable import DataTable

/// Reads every fixture of Tests/Fixtures/readers (written by pyreadstat, openpyxl and R haven:
/// make_fixtures.py, make_fixtures.R) and compares values, types, variable labels and missing
/// counts with what the writers wrote (expected.json, expected_haven.json).
@Suite struct FileReaderTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/readers")

  static func expectations(_ file: String) -> [(String, [String: Any])] {
    guard let data = try? Data(contentsOf: folder.appendingPathComponent(file)),
      let json = try? JSONSerialization.jsonObject(with: data) as? [String: [String: Any]]
    else { return [] }
    return json.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }

  static let cases =
    (expectations("expected.json") + expectations("expected_haven.json")
    + expectations("expected_dta_versions.json")).map {
      $0.0
    }

  @Test(arguments: cases)
  func readsAsWritten(_ key: String) throws {
    let all =
      Self.expectations("expected.json") + Self.expectations("expected_haven.json")
      + Self.expectations("expected_dta_versions.json")
    let expected = try #require(all.first { $0.0 == key }?.1)
    let parts = key.split(separator: "#").map(String.init)
    var options = CSVOptions()
    if parts.count > 1 { options.sheet = parts[1] }
    let loaded = try DataReader.load(
      path: Self.folder.appendingPathComponent(parts[0]).path, options: options)
    let table = loaded.table
    let columns = try #require(expected["columns"] as? [String: [Any]])
    #expect(Set(table.columnNames) == Set(columns.keys))
    let types = expected["types"] as? [String: String] ?? [:]
    for (name, values) in columns {
      let column = try #require(table[name], "column \(name) of \(key)")
      #expect(column.count == values.count, "\(key) \(name)")
      if let type = types[name] { #expect(column.type.rawValue == type, "\(key) \(name) type") }
      for (row, value) in values.enumerated() where row < column.count {
        switch value {
        case is NSNull:
          #expect(column.isMissing(row), "\(key) \(name)[\(row)] should be missing")
        case let text as String:
          #expect(column.stringValue(row) == text, "\(key) \(name)[\(row)]")
        case let number as NSNumber:
          let got = column.stringValue(row).flatMap(Double.init)
          let want = number.doubleValue
          #expect(
            got.map { abs($0 - want) <= 1e-12 * max(1, abs(want)) } == true,
            "\(key) \(name)[\(row)]: \(String(describing: got)) vs \(want)")
        default:
          Issue.record("unexpected JSON value in \(key)")
        }
      }
    }
    let missing = expected["missing"] as? [String: [String: Int]] ?? [:]
    for (name, kinds) in missing {
      let note = loaded.report[column: name]
      let got = Dictionary(
        uniqueKeysWithValues: (note?.missingByKind ?? []).map { ($0.kind, $0.count) })
      let want = kinds.filter { $0.key != "empty" || parts[0].hasSuffix(".xlsx") }
      #expect(got == want, "\(key) \(name) missing kinds")
    }
    for (name, label) in expected["labels"] as? [String: String] ?? [:] {
      #expect(loaded.report[column: name]?.label == label, "\(key) \(name) label")
    }
    for (name, pairs) in expected["value_labels"] as? [String: [[String]]] ?? [:] {
      let got = loaded.report[column: name]?.valueLabels.map { [$0.code, $0.label] }
      #expect(got == pairs, "\(key) \(name) value labels")
    }
  }

  @Test func latin1AndOtherTwinsEqualTheUTF8Table() throws {
    let utf8 = try DataReader.read(
      path: Self.folder.appendingPathComponent("amounts_utf8.csv").path)
    for name in [
      "amounts_latin1.csv", "amounts_cp1252.csv", "amounts_utf16.csv", "amounts_utf8.csv.gz",
      "amounts_utf8.csv.zst", "amounts_utf8_frames.csv.zst",
    ] {
      let path = Self.folder.appendingPathComponent(name).path
      let loaded = try DataReader.load(path: path)
      #expect(loaded.table.columns == utf8.columns, "\(name)")
    }
    let latin1 = try DataReader.load(
      path: Self.folder.appendingPathComponent("amounts_latin1.csv").path)
    #expect(latin1.report.encoding == .windows1252)
    #expect(latin1.report.encodingDetected)
    #expect(latin1.report.lines.contains { $0.contains("windows-1252 (detected") })
    #expect(latin1.report[column: "bedrag"]?.recognised?.contains("thousands '.'") == true)
  }

  @Test func declaredLatin1ReadsTheC1BytesAsLatin1() throws {
    var options = CSVOptions()
    options.encoding = .latin1
    let bytes: [UInt8] = Array("naam;n\nGent".utf8) + [0x80] + Array(";1\n".utf8)
    let table = try CSVReader.read(bytes: bytes, name: "l.csv", options: options)
    #expect(table["naam"]?.stringValue(0) == "Gent\u{80}")
    let detected = try CSVReader.read(bytes: bytes, name: "l.csv")
    #expect(detected["naam"]?.stringValue(0) == "Gent\u{20AC}")
  }

  @Test func bytesThatAreNeitherUTF8NorWindows1252AreRefusedWithTheLine() throws {
    let bytes: [UInt8] = Array("naam;n\nGent;1\nA".utf8) + [0x81] + Array(";2\n".utf8)
    let error = dataError { _ = try CSVReader.read(bytes: bytes, name: "x.csv") }
    guard case .undecodable(let file, let line, _, let reason) = error else {
      Issue.record("expected undecodable, got \(String(describing: error))")
      return
    }
    #expect(file == "x.csv" && line == 3)
    #expect(reason.contains("0x81"))
    #expect(error?.description.contains("--encoding") == true)
  }

  @Test func utf16WithoutBOMMustBeDeclaredWithOne() throws {
    var options = CSVOptions()
    options.encoding = .utf16
    let error = dataError {
      _ = try CSVReader.read(bytes: Array("a\n1\n".utf8), name: "u.csv", options: options)
    }
    guard case .undecodable = error else {
      Issue.record("expected undecodable, got \(String(describing: error))")
      return
    }
    let odd: [UInt8] = [0xFF, 0xFE, 0x61, 0x00, 0x0A]
    guard case .undecodable = dataError({ _ = try CSVReader.read(bytes: odd, name: "o.csv") })
    else {
      Issue.record("expected undecodable for an odd UTF-16 byte count")
      return
    }
  }

  @Test func unknownSheetNamesTheSheets() throws {
    var options = CSVOptions()
    options.sheet = "Scholen2"
    let path = Self.folder.appendingPathComponent("learners.xlsx").path
    let error = dataError { _ = try DataReader.read(path: path, options: options) }
    #expect(error?.description.contains("did you mean 'Scholen'") == true)
  }

  @Test func filesThatAreNotWhatTheirNameSaysAreRefused() throws {
    let notZip = try fixture("a,b\n1,2\n", name: "fake.xlsx")
    guard case .badFile = dataError({ _ = try DataReader.read(path: notZip) }) else {
      Issue.record("expected badFile for a text file named .xlsx")
      return
    }
    let notSav = try fixture("a,b\n1,2\n", name: "fake.sav")
    guard case .badFile = dataError({ _ = try DataReader.read(path: notSav) }) else {
      Issue.record("expected badFile for a text file named .sav")
      return
    }
    let notGzip = try fixture("a,b\n1,2\n", name: "fake.csv.gz")
    guard case .badFile = dataError({ _ = try DataReader.read(path: notGzip) }) else {
      Issue.record("expected badFile for a text file named .gz")
      return
    }
    let zipAsCSV = try fixture(bytes: [0x50, 0x4B, 0x03, 0x04, 0, 0, 0], name: "book.csv")
    #expect(
      dataError({ _ = try DataReader.read(path: zipAsCSV) })?.description.contains("xlsx") == true)
    let xls = try fixture("x", name: "old.xls")
    guard case .badFile = dataError({ _ = try DataReader.read(path: xls) }) else {
      Issue.record("expected badFile for .xls")
      return
    }
  }

  @Test func truncatedGzipIsRefused() throws {
    let path = Self.folder.appendingPathComponent("amounts_utf8.csv.gz").path
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    for cut in [bytes.count - 4, bytes.count / 2, 20] {
      let truncated = try fixture(bytes: Array(bytes.prefix(cut)), name: "t.csv.gz")
      guard case .badFile = dataError({ _ = try DataReader.read(path: truncated) }) else {
        Issue.record("expected badFile for gzip cut at \(cut)")
        continue
      }
    }
  }

  @Test func truncatedOrFakeZstdIsRefused() throws {
    let path = Self.folder.appendingPathComponent("amounts_utf8.csv.zst").path
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    for cut in [bytes.count - 3, bytes.count / 2, 6] {
      let truncated = try fixture(bytes: Array(bytes.prefix(cut)), name: "t.csv.zst")
      guard case .badFile = dataError({ _ = try DataReader.read(path: truncated) }) else {
        Issue.record("expected badFile for zstd cut at \(cut)")
        continue
      }
    }
    let notZstd = try fixture("a,b\n1,2\n", name: "fake.csv.zst")
    #expect(
      dataError({ _ = try DataReader.read(path: notZstd) })?.description.contains("not a zstd")
        == true)
    let zstdAsCSV = try fixture(bytes: bytes, name: "packed.csv")
    #expect(
      dataError({ _ = try DataReader.read(path: zstdAsCSV) })?.description.contains(".zst")
        == true)
    let loaded = try DataReader.load(path: path)
    #expect(loaded.report.format.hasSuffix("(zstd)"))
  }

  @Test func excelSerialDates() {
    #expect(ExcelDates.iso(1, date1904: false) == "1900-01-01")
    #expect(ExcelDates.iso(59, date1904: false) == "1900-02-28")
    #expect(ExcelDates.iso(61, date1904: false) == "1900-03-01")
    #expect(ExcelDates.iso(44440.5, date1904: false) == "2021-09-01T12:00:00")
    #expect(ExcelDates.iso(0, date1904: true) == "1904-01-01")
    #expect(ExcelDates.isDateFormat("dd/mm/yyyy"))
    #expect(!ExcelDates.isDateFormat("0.00"))
    #expect(!ExcelDates.isDateFormat("\"days\" 0"))
  }
}

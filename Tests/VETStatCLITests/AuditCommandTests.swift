import Foundation
import Testing

/// `vetstat audit OUT_DIR` on hand-written results.json files in the current format.
@Suite struct AuditCommandTests {
  /// A results.json with two count tables of the same rows: year x gender x region (one cell
  /// withheld) and its year x gender totals.
  static func results(totals: Bool, secondary: Bool) -> String {
    func cell(_ year: Int, _ gender: String, _ region: String, _ n: Int?, _ hidden: Bool) -> String
    {
      let count = n.map(String.init) ?? "null"
      return """
        {"by": {"year": \(year), "gender": "\(gender)", "region": "\(region)"}, "n": \(hidden ? "null" : count), \
        "estimate": null, "suppressed": \(hidden)}
        """
    }
    // 2017/female: West-Vlaanderen 9 = 108 - (31 + 15 + 33 + 20).
    let regions = [
      ("Antwerpen", 31, 40), ("Limburg", 15, 22), ("Oost-Vlaanderen", 33, 35),
      ("Vlaams-Brabant", 20, 26), ("West-Vlaanderen", 9, 30),
    ]
    var cells: [String] = []
    for (region, female, male) in regions {
      cells.append(cell(2017, "female", region, female, female < 10))
      let hideMale = secondary && region == "West-Vlaanderen"
      cells.append(cell(2017, "male", region, male, hideMale))
    }
    if secondary {
      // Withhold a second pair so that the 9 lies in a wide interval.
      cells[2] = cell(2017, "female", "Limburg", 15, true)
      cells[3] = cell(2017, "male", "Limburg", 22, true)
    }
    let totalsTable = """
      , {"name": "by_year_gender", "kind": "indicator", "result": {"schema": "vetstat.result/1", \
      "model": "indicator", "measure": "count()", "by": ["year", "gender"], "cells": [\
      {"by": {"year": 2017, "gender": "female"}, "n": 108, "suppressed": false}, \
      {"by": {"year": 2017, "gender": "male"}, "n": 153, "suppressed": false}]}}
      """
    return """
      {"schema": "vetstat.study/1", "study": "leak", "provenance": {"disclosure": {"min_cell": 10, \
      "complementary": true}}, "analyses": [{"name": "by_year_gender_region", "kind": "indicator", \
      "result": {"schema": "vetstat.result/1", "model": "indicator", "measure": "count()", \
      "by": ["year", "gender", "region"], "cells": [\(cells.joined(separator: ", "))]}}\
      \(totals ? totalsTable : "")]}
      """
  }

  static func folder(_ json: String) throws -> URL {
    let dir = try CLIRunner.temporaryDirectory()
    try Data(json.utf8).write(to: dir.appendingPathComponent("results.json"))
    return dir
  }

  @Test func cellRecoveredFromAnotherTablesTotalFailsWithExitOne() throws {
    let dir = try Self.folder(Self.results(totals: true, secondary: false))
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = try CLIRunner.run(["audit", dir.path])
    #expect(out.status == 1 && !out.crashed)
    #expect(out.stdout.contains("RECOVERABLE"))
    #expect(out.stdout.contains("region=West-Vlaanderen] in [9, 9]"), "\(out.stdout)")
  }

  @Test func withoutTheOtherTableTheCellIsProtected() throws {
    let dir = try Self.folder(Self.results(totals: false, secondary: false))
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = try CLIRunner.run(["audit", dir.path])
    #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
    #expect(out.stdout.contains("every interval is at least 10 wide"))
  }

  @Test func secondaryCellsAcrossTablesProtect() throws {
    let dir = try Self.folder(Self.results(totals: true, secondary: true))
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = try CLIRunner.run(["audit", dir.path])
    // West-Vlaanderen female: 9 + Limburg female 15 = 24 over two cells -> [0, 24].
    #expect(out.status == 0, "\(out.stdout)")
    #expect(
      out.stdout.contains("gender=female, region=West-Vlaanderen] in [0, 24]"), "\(out.stdout)")
  }

  @Test func missingOrMalformedResultsExitTwo() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let missing = try CLIRunner.run(["audit", dir.path])
    #expect(missing.status == 2 && missing.stderr.contains("results.json"))
    try Data("{\"schema\": \"vetstat.study/1\", \"analyses\": []}".utf8).write(
      to: dir.appendingPathComponent("results.json"))
    let noMinCell = try CLIRunner.run(["audit", dir.path])
    #expect(noMinCell.status == 2 && noMinCell.stderr.contains("min_cell"))
    try Data("not json".utf8).write(to: dir.appendingPathComponent("results.json"))
    let bad = try CLIRunner.run(["audit", dir.path])
    #expect(bad.status == 2 && !bad.crashed)
  }
}

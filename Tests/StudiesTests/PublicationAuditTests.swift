import Foundation
import Testing

@testable import Studies

/// The runner audits the written report before renaming it into place (issue 13): a report
/// whose withheld cell can be recovered from what it publishes is refused, nothing is renamed,
/// the previous report stays and no temporary folder is left.
@Suite struct PublicationAuditTests {
  /// results.json of a 2 x 1 table with its total: the one withheld cell is 30 - 25 = 5.
  static func results(recoverable: Bool) -> String {
    let withheld = """
      {"by": {"g": "a"}, "n": null, "estimate": null, "suppressed": true},
      {"by": {"g": "b"}, "n": null, "estimate": null, "suppressed": true},
      {"by": {"g": "c"}, "n": 25, "estimate": 25, "suppressed": false}
      """
    let leaking = """
      {"by": {"g": "a"}, "n": null, "estimate": null, "suppressed": true},
      {"by": {"g": "b"}, "n": 20, "estimate": 20, "suppressed": false},
      {"by": {"g": "c"}, "n": 25, "estimate": 25, "suppressed": false}
      """
    return """
      {"schema": "vetstat.study/1", "study": "S",
       "provenance": {"rows_used": 50, "rows_used_population": "p1",
         "disclosure": {"min_cell": 10, "complementary": true, "populations": []}},
       "analyses": [{"name": "t", "kind": "indicator", "result": {
         "model": "indicator", "measure": "count()", "by": ["g"], "population": "p1",
         "cells": [\(recoverable ? leaking : withheld)]}}]}
      """
  }

  @Test func aRecoverableCellStopsPublicationAndLeavesNothing() throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vetstat-gate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: base) }
    let out = base.appendingPathComponent("report")
    func write(_ recoverable: Bool) throws {
      try OutputWriter.write(
        [
          ReportBuilder.File(path: "results.json", contents: Self.results(recoverable: recoverable))
        ],
        to: out, study: "S", check: { try PublicationAudit.check(folder: $0) })
    }
    // 5 = 50 - 20 - 25: refused, nothing written.
    #expect(throws: PublicationRefused.self) { try write(true) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).isEmpty)
    // Two withheld cells that sum to 25: each lies in [0, 25], protected.
    try write(false)
    let published = try String(
      contentsOf: out.appendingPathComponent("results.json"), encoding: .utf8)
    #expect(published.contains("\"n\": 25"))
    // A leaking report later never replaces the published one.
    #expect(throws: PublicationRefused.self) { try write(true) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["report"])
    let kept = try String(contentsOf: out.appendingPathComponent("results.json"), encoding: .utf8)
    #expect(kept == published)
    do {
      try write(true)
    } catch {
      #expect("\(error)".contains("narrowed to less than 10"), "\(error)")
    }
  }
}

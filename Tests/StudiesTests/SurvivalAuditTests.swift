import Foundation
import Studies
import Testing

/// The audit reads what a survival analysis publishes: spells and events per group, spells at
/// risk per group and risk time, and the counts their differences reveal (censored spells; without
/// delayed entry, spells leaving the risk set between two times).
@Suite struct SurvivalAuditTests {
  /// The lung data by sex (no delayed entry), min_cell 10: written, and audited by the runner.
  static func lungReport() throws -> URL {
    let (_, spec) = try StudyFixtures.make(
      spec: """
        study: Lung
        data: {path: data/lung.csv}
        disclosure: {min_cell: 10}
        analyses:
          - {name: km_sex, kind: survival, time: time, event: event, by: sex}
        outputs: [json]
        """,
      files: [
        "lung.csv": try String(
          contentsOf: SurvivalStudyTests.fixtures.appendingPathComponent("lung.csv"),
          encoding: .utf8)
      ])
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vetstat-survival-audit-\(UUID().uuidString)")
    return try Study.run(spec: spec, out: out.path).folder
  }

  /// Rewrites the survival result of `results.json` in `folder`.
  static func edit(_ folder: URL, _ change: (inout [String: Any]) -> Void) throws {
    let file = folder.appendingPathComponent("results.json")
    var root = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
    var analyses = try #require(root["analyses"] as? [[String: Any]])
    var result = try #require(analyses[0]["result"] as? [String: Any])
    change(&result)
    analyses[0]["result"] = result
    root["analyses"] = analyses
    try JSONSerialization.data(withJSONObject: root).write(to: file)
  }

  /// Sets `key` of the entries of `list` that match `match`.
  static func set(
    _ result: inout [String: Any], _ list: String, _ key: String, _ value: Any,
    where match: ([String: Any]) -> Bool
  ) {
    var entries = result[list] as? [[String: Any]] ?? []
    for i in entries.indices where match(entries[i]) { entries[i][key] = value }
    result[list] = entries
  }

  @Test func theNormalStudyPassesWithItsSurvivalTablesRead() throws {
    let folder = try Self.lungReport()
    defer { try? FileManager.default.removeItem(at: folder) }
    let audit = try StudyAudit.run(folder: folder)
    #expect(audit.passed, "\(audit.text())")
    // rows used, spells, events and the spells at risk at 0, 500 and 1000 days.
    #expect(audit.tableCount == 6)
    // Few are at risk at 1000 days: withheld, and bounded by nothing published.
    #expect(audit.cells.map(\.label).contains("km_sex/at_risk:1000 [sex=1]"))
  }

  @Test func aSmallDifferenceOfNumbersAtRiskIsRefusedNamingTheCell() throws {
    let folder = try Self.lungReport()
    defer { try? FileManager.default.removeItem(at: folder) }
    // 20 of sex 1 are at risk at 500 days; publishing 16 at 1000 reveals that 4 left between.
    try Self.edit(folder) { result in
      Self.set(&result, "risk_table", "n_risk", 16) {
        $0["group"] as? String == "1" && ($0["time"] as? NSNumber)?.intValue == 1000
      }
    }
    let audit = try StudyAudit.run(folder: folder)
    #expect(!audit.passed)
    #expect(audit.exposed.map(\.label) == ["km_sex/left:500-1000 [sex=1]"], "\(audit.text())")
    #expect(audit.exposed.first?.lower == 4)
    #expect(throws: PublicationRefused.self) { try PublicationAudit.check(folder: folder) }
  }

  @Test func aSmallPublishedCountAndFewCensoredAreRefused() throws {
    let folder = try Self.lungReport()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.edit(folder) { result in
      // A number at risk below min_cell, and 90 spells of sex 2 with 85 events: 5 censored.
      Self.set(&result, "risk_table", "n_risk", 7) {
        $0["group"] as? String == "2" && ($0["time"] as? NSNumber)?.intValue == 1000
      }
      Self.set(&result, "medians", "events", 85) { $0["group"] as? String == "2" }
    }
    let labels = try StudyAudit.run(folder: folder).exposed.map(\.label)
    #expect(labels.contains("km_sex/at_risk:1000 [sex=2]"), "\(labels)")
    #expect(labels.contains("km_sex/censored [sex=2]"), "\(labels)")
  }

  @Test func aWithheldGroupRecoverableFromTheTotalIsRefused() throws {
    let folder = try Self.lungReport()
    defer { try? FileManager.default.removeItem(at: folder) }
    // Spells of sex 1 withheld (and the same count at risk at time 0), but 226 in all less 90
    // of sex 2 gives them away.
    try Self.edit(folder) { result in
      Self.set(&result, "medians", "spells", NSNull()) { $0["group"] as? String == "1" }
      Self.set(&result, "risk_table", "n_risk", NSNull()) {
        $0["group"] as? String == "1" && ($0["time"] as? NSNumber)?.intValue == 0
      }
    }
    let audit = try StudyAudit.run(folder: folder)
    let cell = try #require(audit.cells.first { $0.label.hasPrefix("km_sex/spells") })
    #expect(cell.isExactlyRecoverable && cell.label.hasSuffix("[sex=1]"), "\(audit.text())")
    #expect(!audit.passed)
  }

  /// Curves of the exact counts give away the events of each step.
  ///
  /// As R's `survfit` publishes them, they reveal 3, 1, 2, ... events per step on lung: the
  /// audit solves every step and refuses them.
  @Test func exactCurvePointsAreRefusedNamingTheStep() throws {
    let folder = try Self.lungReport()
    defer { try? FileManager.default.removeItem(at: folder) }
    let reference = try SurvivalStudyTests.reference("ref_km.csv").filter {
      $0["case"] == "lung_sex" && $0["conf_type"] == "log" && $0["n_event"] != "0"
        && (Int($0["n_risk"] ?? "") ?? 0) >= 10
    }
    try Self.edit(folder) { result in
      result["curves"] = reference.map { row -> [String: Any] in
        let s = Double(row["surv"] ?? "") ?? .nan
        return [
          "group": String((row["strata"] ?? "").dropFirst(4)),
          "time": Double(row["time"] ?? "") ?? 0,
          "survival": s, "std_error": s * (Double(row["std_err"] ?? "") ?? .nan),
        ]
      }
    }
    let audit = try StudyAudit.run(folder: folder)
    #expect(!audit.passed)
    let first = try #require(audit.exposed.first { $0.label == "km_sex/curve:11 [sex=1] events" })
    #expect(first.lower == 3, "\(audit.text())")
    #expect(audit.exposed.filter { $0.label.hasSuffix("events") }.count > 50)
    #expect(throws: PublicationRefused.self) { try PublicationAudit.check(folder: folder) }
  }

  /// Cumulative incidence curves published with `min_cell: 1` give each outcome's events per
  /// step; audited against `min_cell: 10` they are refused, while the same study run with
  /// `min_cell: 10` (rounded counts) passes.
  @Test func exactIncidenceStepsAreRefusedAndRoundedOnesPass() throws {
    func run(_ minCell: Int) throws -> URL {
      let (_, spec) = try StudyFixtures.make(
        spec: """
          study: Competing outcomes
          data: {path: data/mgus2.csv}
          disclosure: {min_cell: \(minCell)}
          analyses:
            - {name: cif, kind: survival, method: cumulative-incidence, time: etime,
               event: code, by: sex}
          outputs: [json]
          """,
        files: [
          "mgus2.csv": try String(
            contentsOf: SurvivalStudyTests.fixtures.appendingPathComponent("mgus2.csv"),
            encoding: .utf8)
        ])
      let out = FileManager.default.temporaryDirectory.appendingPathComponent(
        "vetstat-cif-audit-\(UUID().uuidString)")
      return try Study.run(spec: spec, out: out.path).folder
    }
    let rounded = try run(10)
    defer { try? FileManager.default.removeItem(at: rounded) }
    #expect(try StudyAudit.run(folder: rounded).passed)
    let exact = try run(1)
    defer { try? FileManager.default.removeItem(at: exact) }
    let file = exact.appendingPathComponent("results.json")
    var root = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
    var provenance = try #require(root["provenance"] as? [String: Any])
    var disclosure = try #require(provenance["disclosure"] as? [String: Any])
    disclosure["min_cell"] = 10
    provenance["disclosure"] = disclosure
    root["provenance"] = provenance
    try JSONSerialization.data(withJSONObject: root).write(to: file)
    let audit = try StudyAudit.run(folder: exact)
    #expect(audit.minCell == 10)
    #expect(!audit.passed)
    #expect(
      audit.exposed.contains {
        $0.label.hasPrefix("cif/incidence:") && $0.label.contains("outcome 1")
      },
      "\(audit.text())")
  }
}

import Foundation
import Studies
import Testing

/// Identifiers by what they are (issue 13): every leak of the issue is refused at validate with
/// key path, line and reason; identifiers used as they may be (join, institution filter, cluster,
/// absorb) publish no learner id in any output file; the detection rule's boundary; the bundled
/// study's covariates are not flagged.
@Suite struct IdentifierPolicyTests {
  @Test(arguments: LeakFixtures.refusedSpecs) func leakIsRefusedAtValidate(_ name: String) throws {
    let (keyPath, line, reason) = try LeakFixtures.expectation(name)
    let spec = LeakFixtures.folder.appendingPathComponent(name).path
    #expect(line > 0)
    #expect {
      try Study.validate(spec: spec)
    } throws: { error in
      guard let error = error as? SpecError else { return false }
      let hit = error.issues.contains {
        $0.keyPath == keyPath && $0.line == line && $0.message.contains(reason)
      }
      if !hit { Issue.record("\(name): \(error)") }
      return hit
    }
  }

  @Test func everyIssueLeakIsCovered() {
    // derived by, a copied column, "P" + id, C(student), a filter on one learner.
    let names = Set(LeakFixtures.refusedSpecs)
    for needed in [
      "derived_by.yaml", "copied_column.yaml", "code_column.yaml", "factor_term.yaml",
      "filter_learner.yaml",
    ] {
      #expect(names.contains(needed))
    }
  }

  @Test func allowedUsesPublishNoLearnerIdentifierAnywhere() throws {
    let spec = LeakFixtures.folder.appendingPathComponent("allowed.yaml").path
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vetstat-ids-\(UUID().uuidString)")
    let (_, folder) = try Study.run(spec: spec, out: out.path)
    let files = try StudyFixtures.texts(under: folder).map(\.0)
    #expect(files.contains("report.md") && files.contains("results.json"))
    #expect(
      files.contains { $0.hasPrefix("tables/") } && files.contains { $0.hasPrefix("figures/") })
    let leaks = try LeakFixtures.leakingFiles(under: folder)
    #expect(leaks.isEmpty, "\(leaks)")
    let report = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
    // The institution filter is not echoed; the protection statement names what was withheld.
    #expect(!report.contains("school_id != 805") && report.contains("a filter on school_id"))
    #expect(!report.contains("No learner identifier appears"))
    for name in ["`learner_id`", "`student`", "`code`", "`school_id`"] {
      #expect(report.contains(name), "report does not name \(name) as withheld")
    }
    // The describe kind's default variables leave the copied identifiers out.
    let results = try String(
      contentsOf: folder.appendingPathComponent("results.json"), encoding: .utf8)
    #expect(!results.contains("\"student\"") && !results.contains("\"code\""))
  }

  @Test func columnsAreClassifiedByWhatTheyAre() throws {
    let spec = LeakFixtures.folder.appendingPathComponent("allowed.yaml").path
    let policy = try Study.validate(spec: spec).identifierPolicy
    #expect(policy.column("learner_id")?.kind == .learner)
    #expect(policy.column("student")?.kind == .learner)
    #expect(policy.column("code")?.kind == .learner)
    #expect(policy.column("school_id")?.kind == .institution)
    #expect(policy.names == ["learner_id", "student", "code", "school_id"])
  }

  @Test func bundledStudyCovariatesAreNotIdentifiers() throws {
    let policy = try Study.validate(spec: StudyRunTests.bundled).identifierPolicy
    #expect(policy.names == ["learner_id", "school_id"], "\(policy.columns)")
    #expect(policy.learnerNames == ["learner_id"])
  }

  @Test func detectionThresholdIsHalfTheLearnersAndAtLeastMinCell() throws {
    #expect(IdentifierPolicy.detectionThreshold(learners: 600, minCell: 10) == 300)
    #expect(IdentifierPolicy.detectionThreshold(learners: 601, minCell: 10) == 301)
    #expect(IdentifierPolicy.detectionThreshold(learners: 12, minCell: 10) == 10)
    // No panel: 24 rows, threshold max(10, 12) = 12. `k` has 12 distinct integers (flagged),
    // `m` 11 (not), `x` 24 distinct doubles (never: continuous covariates are not detected).
    var lines = ["k,m,x,t,y"]
    for i in 0..<24 {
      lines.append("\(i % 12),\(i % 11),\(Double(i) * 0.37 + 0.011),L\(i % 12),\(i % 2)")
    }
    let (_, spec) = try StudyFixtures.make(
      spec: """
        study: Detection
        data: {path: data/t.csv, columns: all}
        analyses:
          - {name: n, kind: indicator, measure: "count()", by: [y]}
        outputs: {folder: out}
        """, files: ["t.csv": lines.joined(separator: "\n") + "\n"])
    let policy = try Study.validate(spec: spec).identifierPolicy
    #expect(policy.names == ["k", "t"], "\(policy.columns)")
    #expect(policy.column("t")?.reason.contains("12 distinct values for 24 rows") == true)
  }

  @Test func thePanelTimeColumnIsNeverDetected() throws {
    // 12 learners seen once each, in 12 different years: `year` and its copy `k` both have 12
    // distinct integers (threshold 10); only the copy is an identifier.
    let rows = (0..<12).map { "\(9_100_001 + $0),\(2001 + $0),\(2001 + $0),\($0 % 2)" }
    let (_, spec) = try StudyFixtures.make(
      spec: """
        study: Time
        data: {path: data/t.csv, panel: {unit: learner_id, time: year}, columns: all}
        analyses:
          - {name: n, kind: indicator, measure: "count()", by: [y]}
        outputs: {folder: out}
        """, files: ["t.csv": (["learner_id,year,k,y"] + rows).joined(separator: "\n") + "\n"])
    let policy = try Study.validate(spec: spec).identifierPolicy
    #expect(policy.names == ["learner_id", "k"], "\(policy.columns)")
  }

  @Test func institutionFilterIsAllowedButLearnerFilterIsNot() throws {
    let allowed = try Study.validate(
      spec: LeakFixtures.folder.appendingPathComponent("allowed.yaml").path)
    #expect(allowed.data.rowCount == 250)
    #expect {
      try Study.validate(
        spec: LeakFixtures.folder.appendingPathComponent("filter_learner.yaml").path)
    } throws: { "\($0)".contains("data.filter") }
  }
}

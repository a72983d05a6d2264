import Foundation
import Studies
import Testing

/// Cluster-aware and weighted indicator cells, gaps, parity ratios and margins against R's
/// `survey` package (Tests/Fixtures/indicator_cluster/indicator_cluster.R) on the synthetic
/// sample panel.
@Suite struct IndicatorClusterReferenceTests {
  /// The reference values: `case` -> `key|stat` -> value.
  static func reference() throws -> [String: [String: Double]] {
    let path = StudyFixtures.root.appendingPathComponent(
      "Tests/Fixtures/indicator_cluster/reference.csv")
    let text = try String(contentsOf: path, encoding: .utf8)
    var out: [String: [String: Double]] = [:]
    for line in text.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: ",").map { $0.replacingOccurrences(of: "\"", with: "") }
      guard fields.count == 4, let value = Double(fields[3]) else { continue }
      out[fields[0], default: [:]]["\(fields[1])#\(fields[2])"] = value
    }
    return out
  }

  /// Runs the fixture spec and returns each analysis's result document as JSON.
  static func documents(_ analyses: String, disclosure: String = "") throws -> [String: [String:
    Any]]
  {
    let data = StudyFixtures.root.appendingPathComponent("datasets/vet_learners_sample.csv").path
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vetstat-indcl-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let spec = folder.appendingPathComponent("spec.yaml")
    try Data(
      """
      study: Indicator cluster reference
      data: {path: \(data)}
      \(disclosure)
      analyses:
      \(analyses)
      outputs: {folder: out, formats: [json]}
      """.utf8
    ).write(to: spec)
    let (result, _) = try Study.run(spec: spec.path)
    var out: [String: [String: Any]] = [:]
    for item in result.outcomes {
      let text = item.outcome.document.serialized()
      let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
      out[item.name] = json ?? [:]
    }
    return out
  }

  /// A cell's key as the R script writes it: the levels joined by `|`, `overall` for the total.
  static func key(_ levels: [String: Any], order: [String]) -> String {
    let parts = order.compactMap { name -> String? in
      guard let v = levels[name], !(v is NSNull) else { return nil }
      return "\(v)"
    }
    return parts.isEmpty ? "overall" : parts.joined(separator: "|")
  }

  static let analyses = """
      - {name: A_mean, kind: indicator, measure: "mean(stem_score)", by: [year, female], cluster: school_id, compare: female, reference: 0}
      - {name: A_share, kind: indicator, measure: "share(stem_enrolled)", by: [year], compare: female, reference: 0, cluster: school_id, margins: true}
      - {name: C_share, kind: indicator, measure: "share(stem_enrolled)", by: [region, female], weights: age, cluster: school_id, compare: female}
      - {name: D_mean, kind: indicator, measure: "mean(stem_score)", by: [female], weights: age}
      - {name: E_share, kind: indicator, measure: "share(stem_enrolled)", by: [year, female], compare: female, reference: 0}
    """

  @Test func cellsGapsAndRatiosMatchSurvey() throws {
    let reference = try Self.reference()
    let documents = try Self.documents(Self.analyses)
    var checked = 0
    var maxDiff: [String: Double] = [:]
    func check(_ case_: String, _ key: String, _ stat: String, _ value: Any?) {
      guard let expected = reference[case_]?["\(key)#\(stat)"] else { return }
      guard let got = value as? Double else {
        Issue.record("\(case_) \(key) \(stat): missing (expected \(expected))")
        return
      }
      let diff = abs(got - expected)
      maxDiff[stat] = max(maxDiff[stat] ?? 0, diff)
      #expect(
        diff <= 1e-9 * max(1, abs(expected)), "\(case_) \(key) \(stat): \(got) vs \(expected)")
      checked += 1
    }
    for (name, doc) in documents {
      let by = doc["by"] as? [String] ?? []
      for cell in doc["cells"] as? [[String: Any]] ?? [] {
        let key = Self.key(cell["by"] as? [String: Any] ?? [:], order: by)
        check(name, key, "estimate", cell["estimate"])
        check(name, key, "se", cell["std_error"])
        check(name, key, "low", cell["conf_low"])
        check(name, key, "high", cell["conf_high"])
      }
      let others = by.filter { $0 != "female" }
      for gap in doc["gaps"] as? [[String: Any]] ?? [] {
        let key = Self.key(gap["by"] as? [String: Any] ?? [:], order: others)
        for stat in [
          "gap", "gap_se", "gap_low", "gap_high", "ratio", "log_ratio_se", "ratio_low",
          "ratio_high",
        ] {
          check(name, key, stat, gap[stat])
        }
      }
    }
    let expectedCount = reference.values.reduce(0) { $0 + $1.count }
    // Every reference value is matched by a published value.
    #expect(checked == expectedCount, "checked \(checked) of \(expectedCount)")
    print("indicator_cluster max abs differences:", maxDiff.sorted { $0.key < $1.key })
  }

  @Test func marginsAreMarkedAndSeenByDisclosureControl() throws {
    // A min_cell that suppresses some region x track cells: a margin published next to a single
    // suppressed cell would reveal it, so secondary suppression must see the margins.
    let documents = try Self.documents(
      """
        - {name: M, kind: indicator, measure: "share(stem_enrolled)", by: [region, female], margins: true}
        - {name: T, kind: indicator, measure: "count()", by: [region, track], margins: true}
      """, disclosure: "disclosure: {min_cell: 400, complementary: true}")
    let doc = try #require(documents["T"])
    let cells = try #require(doc["cells"] as? [[String: Any]])
    let margins = cells.filter { $0["margin"] as? Bool == true }
    // 5 regions + 6 tracks + the overall total.
    #expect(margins.count == 12)
    #expect(cells.filter { $0["margin"] as? Bool == false }.count == 30)
    let hidden = cells.filter { $0["suppressed"] as? Bool == true }
    #expect(!hidden.isEmpty)
    // No line (a region, or a track, with its margin) has exactly one withheld count.
    for variable in ["region", "track"] {
      var lines: [String: [Bool]] = [:]
      for cell in cells {
        let levels = cell["by"] as? [String: Any] ?? [:]
        guard let level = levels[variable], !(level is NSNull) else { continue }
        lines["\(level)", default: []].append(cell["suppressed"] as? Bool == true)
      }
      for (level, flags) in lines {
        #expect(flags.filter { $0 }.count != 1, "\(variable) = \(level)")
      }
    }
    let share = try #require(documents["M"])
    let overall = (share["cells"] as? [[String: Any]] ?? []).first {
      ($0["by"] as? [String: Any]).map { $0.values.allSatisfy { $0 is NSNull } } ?? false
    }
    #expect(overall?["margin"] as? Bool == true)
  }

  @Test func theOverallGapIsStatedAndSuppressedGapsAreNull() throws {
    let data = StudyFixtures.root.appendingPathComponent("datasets/vet_learners_sample.csv").path
    let (_, path) = try StudyFixtures.make(
      spec: """
        study: Gap findings
        data: {path: \(data), panel: {unit: learner_id, time: year}}
        disclosure: {min_cell: 300}
        analyses:
          - {name: g, kind: indicator, measure: "share(stem_enrolled)", by: [region], compare: female, reference: 0, cluster: school_id, margins: true}
        outputs: {folder: out, formats: [json]}
        """, files: [:])
    let (result, _) = try Study.run(spec: path)
    let outcome = try #require(result.outcomes.first?.outcome)
    #expect(
      outcome.findings.contains { $0.hasPrefix("g: the gap (female 1 minus 0) is -0.275 overall") })
    #expect(outcome.tables.map(\.id) == ["g", "g_gaps"])
    let json = try JSONSerialization.jsonObject(with: Data(outcome.document.serialized().utf8))
    let gaps = try #require((json as? [String: Any])?["gaps"] as? [[String: Any]])
    let hidden = gaps.filter { $0["suppressed"] as? Bool == true }
    // Limburg's cells fall below 300 learners: its gap is withheld, the overall one is not.
    #expect(!hidden.isEmpty)
    #expect(hidden.allSatisfy { $0["gap"] is NSNull && $0["ratio"] is NSNull })
    #expect(
      gaps.contains { ($0["by"] as? [String: Any])?["region"] is NSNull && $0["gap"] is Double })
  }

  @Test(arguments: [
    ("by: [year], compare: region", "compare: 'region' must have exactly two levels"),
    ("by: [year], compare: female, reference: 2", "reference: '2' is not a level of 'female'"),
    ("by: [year], weights: ses", "weights: column 'ses'"),
  ])
  func badCompareAndWeightsAreRefused(keys: String, message: String) throws {
    do {
      _ = try Self.documents(
        "  - {name: X, kind: indicator, measure: \"share(stem_enrolled)\", \(keys)}")
      Issue.record("no error for \(keys)")
    } catch {
      #expect("\(error)".contains(message), "\(error)")
    }
  }
}

/// Spec errors of the new indicator keys name the key.
@Suite struct IndicatorDesignSpecErrorTests {
  func keyPaths(_ analysis: String) throws -> [String] {
    try StudyFixtures.validationIssues(of: analysis).map(\.keyPath)
  }

  @Test func newKeysAreChecked() throws {
    #expect(
      try keyPaths("{name: i, kind: indicator, measure: \"count()\", by: [year], weights: score}")
        == ["analyses[0].weights"])
    #expect(
      try keyPaths(
        "{name: i, kind: indicator, measure: \"mean(score)\", by: [year], reference: 0}")
        == ["analyses[0].reference"])
    #expect(
      try keyPaths(
        "{name: i, kind: indicator, measure: \"mean(score)\", by: [year], cluster: schol}")
        == ["analyses[0].cluster"])
    #expect(
      try keyPaths(
        "{name: i, kind: indicator, measure: \"mean(score)\", by: [year], compare: female}")
        == [])
  }
}

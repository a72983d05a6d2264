import Foundation
import Testing

@testable import Studies

/// A share published with its N reveals two more counts: p·N learners at 1 and N - p·N at 0
/// (issue 13). A share of 3 learners in STEM among 40 is as sensitive as a count of 3, so it is
/// withheld with its N, in indicators, describe means of a 0/1 column and trend points; and the
/// audit rebuilds those counts from what is published, so a report that shows such a share is
/// refused.
@Suite struct ShareCountProtectionTests {
  /// 40 learners per group, one row each: group a has 3 in STEM (and 37 not), b 20, c 25.
  static let data: String = {
    var lines = ["learner_id,g,stem,year"]
    var id = 700_001
    for (group, ones) in [("a", 3), ("b", 20), ("c", 25)] {
      for i in 0..<40 {
        lines.append("\(id),\(group),\(i < ones ? 1 : 0),\(2020 + i % 4)")
        id += 1
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }()

  /// Runs the analyses on `data` (default: the three groups) with min_cell 10.
  static func run(_ analyses: String, data: String = data) throws -> (
    json: [String: Any], folder: URL
  ) {
    let (_, spec) = try StudyFixtures.make(
      spec: """
        study: Share counts
        data: {path: data/d.csv, panel: {unit: learner_id, time: year}}
        disclosure: {min_cell: 10}
        analyses:
        \(analyses)
        outputs: {folder: out, formats: [markdown, json, csv]}
        """, files: ["d.csv": data])
    let (_, folder) = try Study.run(spec: spec)
    let object = try JSONSerialization.jsonObject(
      with: Data(contentsOf: folder.appendingPathComponent("results.json")))
    return (object as? [String: Any] ?? [:], folder)
  }

  /// The entry of group `g` in a list of cells keyed by `by`.
  static func entry(_ list: Any?, group: String) -> [String: Any]? {
    (list as? [[String: Any]] ?? []).first {
      ($0["by"] as? [String: Any])?["g"] as? String == group
    }
  }

  @Test func aShareOfThreeAmongFortyIsWithheldBesideItsN() throws {
    let (json, folder) = try Self.run(
      """
        - {name: share, kind: indicator, measure: "share(stem)", by: [g]}
      """)
    defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
    let result = LearnerCountTests.result(json, "share")
    let a = try #require(Self.entry(result["cells"], group: "a"))
    #expect(a["suppressed"] as? Bool == true)
    #expect(a["estimate"] is NSNull && a["conf_low"] is NSNull, "\(a)")
    // Its N (40 learners) is no secret and stays published, as the plan leaves it.
    #expect(a["n"] as? Int == 40)
    let b = try #require(Self.entry(result["cells"], group: "b"))
    #expect(b["suppressed"] as? Bool == false)
    #expect(abs((b["estimate"] as? Double ?? 0) - 0.5) < 1e-12)
    let binary = try #require(result["binary"] as? [String: Any])
    #expect(binary["variable"] as? String == "stem")
    #expect(binary["levels"] as? [String] == ["0", "1"])
    // Nothing in the written report shows 3/40 = 0.075 or 7.5%.
    for (path, text) in try StudyFixtures.texts(under: folder) {
      #expect(!text.contains("0.075") && !text.contains("7.5%"), "\(path)")
    }
  }

  @Test func theAuditRebuildsTheRevealedCountsAndRefusesAnUnprotectedShare() throws {
    let (_, folder) = try Self.run(
      """
        - {name: share, kind: indicator, measure: "share(stem)", by: [g]}
      """)
    defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
    try PublicationAudit.check(folder: folder)
    // Publish group a as an intruder would want it: N 40 and share 0.075 reveal 3 in STEM.
    let url = folder.appendingPathComponent("results.json")
    var text = try String(contentsOf: url, encoding: .utf8)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let cells = LearnerCountTests.result(object, "share")["cells"] as? [[String: Any]] ?? []
    #expect(cells.count == 3)
    text = Self.publishing(text, group: "a", n: 40, estimate: 0.075)
    try Data(text.utf8).write(to: url)
    let refusal = #expect(throws: PublicationRefused.self) {
      try PublicationAudit.check(folder: folder)
    }
    #expect(refusal?.reason.contains("share/binary [g=a, stem=1] = 3") == true, "\(refusal)")
  }

  @Test func aDescribeMeanOfAZeroOneColumnIsProtectedLikeAShare() throws {
    let (json, folder) = try Self.run(
      """
        - {name: profile, kind: describe, variables: [stem], by: [g]}
      """)
    defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
    let result = LearnerCountTests.result(json, "profile")
    let a = try #require(Self.entry(result["variables"], group: "a"))
    #expect(a["suppressed"] as? Bool == true)
    #expect(a["mean"] is NSNull && a["sd"] is NSNull, "\(a)")
    // describe also publishes the mean over all groups (48 of 120): a's 3 would be 48 - 20 - 25,
    // so one more mean is withheld: another group's, or the one over all groups (both withhold
    // the fewest cells; which one depends on the optimal dual solutions the LPs find).
    let others = ["b", "c"].compactMap { Self.entry(result["variables"], group: $0) }
    let all = (result["variables"] as? [[String: Any]] ?? []).filter {
      ($0["by"] as? [String: Any])?["g"] is NSNull
    }
    #expect(
      (others + all).filter { $0["mean"] is NSNull }.count == 1, "\(others), \(all)")
    for shown in others where !(shown["mean"] is NSNull) {
      let mean = try #require(shown["mean"] as? Double)
      #expect(abs(mean - 0.5) < 1e-12 || abs(mean - 0.625) < 1e-12, "\(mean)")
    }
    #expect((result["binary"] as? [[String: Any]])?.first?["variable"] as? String == "stem")
    try PublicationAudit.check(folder: folder)
  }

  @Test func aShareAndAMeanOfTheSameColumnAreProtectedTogether() throws {
    // describe publishes stem's mean by g, the indicator its share by g: the same counts.
    let (json, folder) = try Self.run(
      """
        - {name: share, kind: indicator, measure: "share(stem)", by: [g]}
        - {name: profile, kind: describe, variables: [stem], by: [g]}
      """)
    defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
    let share = LearnerCountTests.result(json, "share")
    let profile = LearnerCountTests.result(json, "profile")
    #expect(Self.entry(share["cells"], group: "a")?["suppressed"] as? Bool == true)
    #expect(Self.entry(profile["variables"], group: "a")?["suppressed"] as? Bool == true)
    try PublicationAudit.check(folder: folder)
  }

  @Test func aTrendOfAShareWithholdsAYearWithFewLearnersAtOne() throws {
    // 30 learners a year over 2016-2023, half in STEM, except 2 in 2019.
    var lines = ["learner_id,year,stem"]
    var id = 800_001
    for year in 2016...2023 {
      for i in 0..<30 {
        lines.append("\(id),\(year),\(i < (year == 2019 ? 2 : 15) ? 1 : 0)")
        id += 1
      }
    }
    let (json, folder) = try Self.run(
      """
        - {name: trend, kind: trend, measure: "share(stem)", time: year}
      """, data: lines.joined(separator: "\n") + "\n")
    defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
    let cells = LearnerCountTests.result(json, "trend")["cells"] as? [[String: Any]] ?? []
    #expect(cells.count == 8)
    for cell in cells {
      let year = ((cell["by"] as? [String: Any])?["year"] as? NSNumber)?.intValue
      #expect((cell["suppressed"] as? Bool == true) == (year == 2019), "\(cell)")
    }
  }

  @Test func aShareTableAboveTheSplitLimitStillWithholdsSmallCountsAndSaysSo() throws {
    // 50 x h groups (just over the limit once split into 3 count cells each) of 20 learners,
    // 10 in STEM, except group (g0, h0) with 2.
    let hs = (BinarySplit.maximumCountCells / 3) / 50 + 1
    var lines = ["learner_id,g,h,stem,year"]
    var id = 900_001
    for g in 0..<50 {
      for h in 0..<hs {
        for i in 0..<20 {
          lines.append("\(id),g\(g),h\(h),\(i < (g == 0 && h == 0 ? 2 : 10) ? 1 : 0),2020")
          id += 1
        }
      }
    }
    #expect(50 * hs * 3 > BinarySplit.maximumCountCells)
    let (json, folder) = try Self.run(
      """
        - {name: share, kind: indicator, measure: "share(stem)", by: [g, h]}
      """, data: lines.joined(separator: "\n") + "\n")
    defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
    let result = LearnerCountTests.result(json, "share")
    let cells = result["cells"] as? [[String: Any]] ?? []
    let small = try #require(
      cells.first {
        ($0["by"] as? [String: Any]).map {
          $0["g"] as? String == "g0" && $0["h"] as? String == "h0"
        }
          ?? false
      })
    #expect(small["estimate"] is NSNull, "\(small)")
    #expect((result["binary"] as? [String: Any])?["protected"] as? Bool == false)
    let report = try String(
      contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(report.contains("too large"))
  }

  /// `results.json` text with group `group`'s cell published as `n` and `estimate`.
  static func publishing(_ text: String, group: String, n: Int, estimate: Double) -> String {
    guard
      var object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
      var analyses = object["analyses"] as? [[String: Any]],
      var result = analyses.first?["result"] as? [String: Any],
      var cells = result["cells"] as? [[String: Any]],
      let k = cells.firstIndex(where: { ($0["by"] as? [String: Any])?["g"] as? String == group })
    else { return text }
    cells[k]["n"] = n
    cells[k]["estimate"] = estimate
    cells[k]["suppressed"] = false
    result["cells"] = cells
    analyses[0]["result"] = result
    object["analyses"] = analyses
    guard let data = try? JSONSerialization.data(withJSONObject: object) else { return text }
    return String(decoding: data, as: UTF8.self)
  }
}

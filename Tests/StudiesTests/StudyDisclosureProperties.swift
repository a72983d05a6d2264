import Foundation
import Studies
import Testing

/// Random studies through the runner (issue 13).
///
/// 1 to 4 grouping variables with rare and empty combinations and missing values, several count
/// tables of the same data (indicators without margins, describe tables with totals, shares and
/// means of a 0/1 variable), a panel of 1 to 3 rows per learner. Every run must publish (the
/// runner's audit passed), `vetstat audit` must pass on the folder, and no published count, nor
/// a count at 0 or 1 that a published share reveals, may cover fewer than `min_cell` learners
/// (recounted from the data). 150 studies by default, 3,000 with `VETSTAT_SLOW_TESTS=1`.
@Suite struct StudyDisclosureProperties {
  struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// One random data set: rows of (learner, year, v0...v3, x); `nil` is missing.
  struct Data {
    var rows: [(learner: Int, values: [String?], x: Double?, b: Double?)]
    let variables: [String]

    init(using rng: inout Generator) {
      variables = ["v0", "v1", "v2", "v3"]
      let learners = Int.random(in: 20...160, using: &rng)
      let levelCounts = variables.map { _ in Int.random(in: 2...3, using: &rng) }
      let ones = Double.random(in: 0.03...0.6, using: &rng)
      // Skewed level shares: some levels rare, some combinations empty.
      let weights = levelCounts.map { k in
        (0..<k).map { _ in pow(Double.random(in: 0.02...1, using: &rng), 2) }
      }
      rows = []
      for learner in 0..<learners {
        let fixed: [String?] = variables.indices.map { v in
          if Double.random(in: 0..<1, using: &rng) < 0.02 { return nil }
          let total = weights[v].reduce(0, +)
          var u = Double.random(in: 0..<total, using: &rng)
          for (l, w) in weights[v].enumerated() {
            if u < w { return "l\(l)" }
            u -= w
          }
          return "l\(levelCounts[v] - 1)"
        }
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
          let x: Double? =
            Double.random(in: 0..<1, using: &rng) < 0.05
            ? nil : (Double.random(in: 0..<100, using: &rng) * 100).rounded() / 100
          let b: Double? =
            Double.random(in: 0..<1, using: &rng) < 0.05
            ? nil : Double.random(in: 0..<1, using: &rng) < ones ? 1 : 0
          rows.append((learner, fixed, x, b))
        }
      }
    }

    var csv: String {
      var lines = ["learner_id,year," + variables.joined(separator: ",") + ",x,b"]
      var year: [Int: Int] = [:]
      for row in rows {
        let y = 2020 + year[row.learner, default: 0]
        year[row.learner] = (year[row.learner] ?? 0) + 1
        lines.append(
          "\(7_000_000 + row.learner),\(y),"
            + row.values.map { $0 ?? "" }.joined(separator: ",") + ",\(row.x.map { "\($0)" } ?? "")"
            + ",\(row.b.map { "\(Int($0))" } ?? "")")
      }
      return lines.joined(separator: "\n") + "\n"
    }

    /// Distinct learners among the rows with the given levels (`nil`: any value, missing too),
    /// when `present` names `x`, `b` or a grouping variable, a value of it present, and when
    /// `b` is given, that value of `b`.
    func learners(_ levels: [String: String?], present: String?, b: Double? = nil) -> Int {
      var seen = Set<Int>()
      for row in rows {
        var match = true
        for (name, level) in levels {
          guard let v = variables.firstIndex(of: name) else { continue }
          if let level, row.values[v] != level { match = false }
        }
        if let present {
          if present == "x", row.x == nil { match = false }
          if present == "b", row.b == nil { match = false }
          if let v = variables.firstIndex(of: present), row.values[v] == nil { match = false }
        }
        if let b, row.b != b { match = false }
        if match { seen.insert(row.learner) }
      }
      return seen.count
    }
  }

  static func spec(using rng: inout Generator, data: Data) -> String {
    var analyses: [String] = []
    for a in 0..<Int.random(in: 1...4, using: &rng) {
      let by = data.variables.filter { _ in Bool.random(using: &rng) }
      let list = "[" + by.joined(separator: ", ") + "]"
      switch Int.random(in: 0..<4, using: &rng) {
      case 0:
        analyses.append("  - {name: a\(a), kind: indicator, measure: \"count()\", by: \(list)}")
      case 1:
        analyses.append("  - {name: a\(a), kind: indicator, measure: \"mean(x)\", by: \(list)}")
      case 2:
        analyses.append("  - {name: a\(a), kind: indicator, measure: \"share(b)\", by: \(list)}")
      default:
        let others = data.variables.filter { !by.contains($0) }
        let described =
          ["x"] + (Bool.random(using: &rng) ? ["b"] : [])
          + others.filter { _ in Bool.random(using: &rng) }
        analyses.append(
          "  - {name: a\(a), kind: describe, variables: [\(described.joined(separator: ", "))], by: \(list)}"
        )
      }
    }
    return """
      study: Random
      data:
        path: data/d.csv
        panel: {unit: learner_id, time: year}
        types: {v0: category, v1: category, v2: category, v3: category}
      disclosure: {min_cell: 5}
      analyses:
      \(analyses.joined(separator: "\n"))
      outputs: {folder: out, formats: [json]}
      """
  }

  /// A published count: its levels, the variable it requires and, for the counts a share of
  /// `b` reveals (round(p·N) at 1, the rest at 0), the value of `b`.
  typealias PublishedCount = (levels: [String: String?], n: Int, present: String?, b: Double?)

  /// Every published count of results.json, and every count a published share of `b` reveals.
  static func publishedCounts(_ json: [String: Any]) -> [PublishedCount] {
    var out: [PublishedCount] = []
    func revealed(_ l: [String: String?], n: Int, share: Any?) {
      guard let p = share as? Double else { return }
      let ones = Int((p * Double(n)).rounded())
      out.append((l, ones, "b", 1))
      out.append((l, n - ones, "b", 0))
    }
    func levels(_ by: Any?) -> [String: String?] {
      var result: [String: String?] = [:]
      for (k, v) in by as? [String: Any] ?? [:] { result[k] = v as? String }
      return result
    }
    for analysis in json["analyses"] as? [[String: Any]] ?? [] {
      let result = analysis["result"] as? [String: Any] ?? [:]
      if analysis["kind"] as? String == "indicator" {
        let measure = result["measure"] as? String
        let present = measure == "count()" ? nil : measure == "share(b)" ? "b" : "x"
        for cell in result["cells"] as? [[String: Any]] ?? [] {
          guard let n = cell["n"] as? Int else { continue }
          out.append((levels(cell["by"]), n, present, nil))
          if present == "b" { revealed(levels(cell["by"]), n: n, share: cell["estimate"]) }
        }
      } else {
        for entry in result["variables"] as? [[String: Any]] ?? [] {
          guard let n = entry["n"] as? Int else { continue }
          let variable = entry["variable"] as? String
          let l = levels(entry["by"])
          out.append((l, n, variable, nil))
          if variable == "b" { revealed(l, n: n, share: entry["mean"]) }
        }
        for entry in result["levels"] as? [[String: Any]] ?? [] {
          guard let n = entry["n"] as? Int, let variable = entry["variable"] as? String else {
            continue
          }
          var l = levels(entry["by"])
          if let level = entry["level"] as? String { l[variable] = level }
          out.append((l, n, variable, nil))
        }
      }
    }
    return out
  }

  @Test("Random studies publish, pass the audit, and publish no count below min_cell learners")
  func randomStudies() throws {
    var rng = Generator(state: 2026)
    var withheld = 0
    let trials = ProcessInfo.processInfo.environment["VETSTAT_SLOW_TESTS"] == "1" ? 3_000 : 150
    for trial in 0..<trials {
      let data = Data(using: &rng)
      let (_, specPath) = try StudyFixtures.make(
        spec: Self.spec(using: &rng, data: data), files: ["d.csv": data.csv])
      let (_, folder) = try Study.run(spec: specPath)
      let audit = try StudyAudit.run(folder: folder)
      #expect(audit.passed, "trial \(trial): \(audit.text())")
      withheld += audit.cells.count
      let json =
        try JSONSerialization.jsonObject(
          with: Foundation.Data(contentsOf: folder.appendingPathComponent("results.json")))
        as? [String: Any] ?? [:]
      for count in Self.publishedCounts(json) {
        let learners = data.learners(count.levels, present: count.present, b: count.b)
        #expect(learners >= 5, "trial \(trial): \(count) covers \(learners) learners")
      }
    }
    #expect(withheld > 100, "the random studies withhold cells")
  }
}

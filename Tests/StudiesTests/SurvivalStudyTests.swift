import Foundation
import Studies
import Testing

/// `kind: survival` in a study spec: the counting-process heart data with patients as the panel
/// unit (Tests/Fixtures/survival/leaving.yaml), the lung data without a panel (a day-count time
/// column that looks like an identifier by its values), and the spec mistakes it reports.
@Suite struct SurvivalStudyTests {
  static let fixtures = StudyFixtures.root.appendingPathComponent("Tests/Fixtures/survival")

  static func run(_ spec: String) throws -> (root: [String: Any], folder: URL) {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vetstat-survival-\(UUID().uuidString)")
    let run = try Study.run(spec: spec, out: out.path)
    let data = try Data(contentsOf: run.folder.appendingPathComponent("results.json"))
    return (
      try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]), run.folder
    )
  }

  static func reference(_ file: String) throws -> [[String: String]] {
    let text = try String(contentsOf: fixtures.appendingPathComponent(file), encoding: .utf8)
    var lines = text.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.replacingOccurrences(of: "\"", with: "")
      }
    }
    let header = lines.removeFirst()
    return lines.map { Dictionary(uniqueKeysWithValues: zip(header, $0).map { ($0, $1) }) }
  }

  /// A Cox or discrete-hazard coefficient resting on fewer than min_cell learners is withheld with
  /// its standard error, in results.json and in the report's tables, as any model's coefficients
  /// are (a person-period row counts for its spell's learner).
  @Test(arguments: ["cox", "discrete-hazard"])
  func modelCoefficientsOfFewLearnersAreWithheld(method: String) throws {
    let data = StudyFixtures.root.appendingPathComponent("datasets/vet_learners_sample.csv").path
    let made = try StudyFixtures.make(
      spec: """
        study: Cox disclosure
        data: {path: \(data), panel: {unit: learner_id, time: year}}
        derive:
          rich: "if_else(ses > 2.3, 1, 0)"
        disclosure: {min_cell: 10}
        analyses:
          - {name: leaving, kind: survival, method: \(method), time: age, event: early_leaver,
             formula: "female + rich + ses", filter: "year == 2024"}
        outputs: [json, csv]

        """, files: [:])
    let (root, folder) = try Self.run(made.spec)
    let analyses = try #require(root["analyses"] as? [[String: Any]])
    let result = try #require(analyses.first?["result"] as? [String: Any])
    let model = try #require(
      result[method == "cox" ? "cox" : "discrete_hazard"] as? [String: Any])
    let coefficients = try #require(model["coefficients"] as? [[String: Any]])
    let rich = try #require(coefficients.first { $0["term"] as? String == "rich" })
    #expect(rich["estimate"] is NSNull && rich["std_error"] is NSNull)
    #expect(rich["suppressed"] as? Bool == true)
    let female = try #require(coefficients.first { $0["term"] as? String == "female" })
    #expect(female["estimate"] is Double)
    let disclosure = try #require(result["coefficient_disclosure"] as? [String: Any])
    let suppressed = disclosure["suppressed_terms"] as? [String] ?? []
    #expect(suppressed.contains("rich") && !suppressed.contains("female"))
    // The discrete hazard's last periods hold few learners too: their dummies go as well.
    #expect(suppressed.allSatisfy { $0 == "rich" || $0.hasPrefix("period[") })
    for file in ["tables/regressions.csv", "tables/leaving.csv"] {
      let table = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      let row = try #require(table.split(separator: "\n").first { $0.hasPrefix("rich,") })
      #expect(row.split(separator: ",").dropFirst().allSatisfy { $0 == "[c]" }, "\(file): \(row)")
    }
  }

  @Test func heartSpellsCountLearnersAndMatchR() throws {
    let (root, folder) = try Self.run(Self.fixtures.appendingPathComponent("leaving.yaml").path)
    let analyses = try #require(root["analyses"] as? [[String: Any]])
    let km = try #require(analyses.first?["result"] as? [String: Any])
    // 172 spells of 103 patients.
    #expect(km["spells"] as? Int == 172)
    let risk = try #require(km["risk_table"] as? [[String: Any]])
    #expect(risk.count == 8)
    let curves = try #require(km["curves"] as? [[String: Any]])
    #expect(!curves.isEmpty && curves.allSatisfy { $0["n_risk"] == nil })
    let cox = try #require((analyses[1]["result"] as? [String: Any])?["cox"] as? [String: Any])
    let coefficients = try #require(cox["coefficients"] as? [[String: Any]])
    let expected = try Self.reference("ref_cox_coef.csv").filter { $0["case"] == "heart_cluster" }
    #expect(coefficients.count == expected.count)
    for (row, reference) in zip(coefficients, expected) {
      #expect(row["term"] as? String == reference["term"])
      let estimate = Double(reference["estimate"] ?? "") ?? .nan
      let robust = Double(reference["robust_se"] ?? "") ?? .nan
      #expect(abs((row["estimate"] as? Double ?? .nan) - estimate) < 1e-8 * max(1, abs(estimate)))
      #expect(abs((row["std_error"] as? Double ?? .nan) - robust) < 1e-8 * max(1, robust))
    }
    // Curve points carry estimates only: no per-spell or per-patient field reaches the output.
    #expect(
      curves.allSatisfy {
        Set($0.keys) == ["group", "time", "survival", "std_error", "conf_low", "conf_high"]
      })
    // Cells resting on fewer than min_cell (10) patients are withheld.
    #expect(risk.contains { $0["n_risk"] is NSNull })
    #expect(
      FileManager.default.fileExists(
        atPath: folder.appendingPathComponent("figures/km_surgery.svg").path))
  }

  /// The lung study by sex with `min_cell`: its survival result.
  static func lung(minCell: Int) throws -> [String: Any] {
    let (_, spec) = try StudyFixtures.make(
      spec: """
        study: Lung
        data: {path: data/lung.csv}
        disclosure: {min_cell: \(minCell)}
        analyses:
          - {name: km_sex, kind: survival, time: time, event: event, by: sex, conf_type: log-log}
        outputs: [json]
        """,
      files: [
        "lung.csv": try String(
          contentsOf: Self.fixtures.appendingPathComponent("lung.csv"), encoding: .utf8)
      ])
    let (root, _) = try Self.run(spec)
    let analyses = try #require(root["analyses"] as? [[String: Any]])
    return try #require(analyses.first?["result"] as? [String: Any])
  }

  /// The number at risk and the events each published step implies: S / S' = 1 - d / n and
  /// (SE / S)^2 - (SE' / S')^2 = d / (n (n - d)) (Greenwood), solved for n and d.
  static func impliedSteps(_ rows: [[String: Any]]) -> [(time: Double, n: Double, d: Double)] {
    var before = 1.0
    var variance = 0.0
    var steps: [(time: Double, n: Double, d: Double)] = []
    for row in rows {
      let s = row["survival"] as? Double ?? .nan
      let se = row["std_error"] as? Double ?? .nan
      let q = 1 - s / before
      let v = (se / s) * (se / s)
      let n = q / ((v - variance) * (1 - q))
      steps.append((row["time"] as? Double ?? .nan, n, q * n))
      before = s
      variance = v
    }
    return steps
  }

  /// With `min_cell: 1` nothing is rounded: the curves are R's `survfit` at every event time.
  @Test func lungCurvesWithMinCellOneEqualR() throws {
    let result = try Self.lung(minCell: 1)
    let curves = try #require(result["curves"] as? [[String: Any]])
    let reference = try Self.reference("ref_km.csv").filter {
      $0["case"] == "lung_sex" && $0["conf_type"] == "log-log" && $0["n_event"] != "0"
    }
    #expect(curves.count == reference.count)
    for (row, expected) in zip(curves, reference) {
      #expect("sex=\(row["group"] as? String ?? "")" == expected["strata"])
      #expect(row["time"] as? Double == Double(expected["time"] ?? ""))
      #expect(
        abs((row["survival"] as? Double ?? .nan) - (Double(expected["surv"] ?? "") ?? 0)) < 1e-12)
      #expect(
        abs((row["conf_low"] as? Double ?? .nan) - (Double(expected["lower"] ?? "") ?? 0)) < 1e-12)
    }
  }

  /// With `min_cell: 10` the curves are the Kaplan-Meier estimates of R's counts with the
  /// cumulative events and censored exits of each group rounded to multiples of 10 (computed
  /// here from `ref_km.csv`), published while 10 learners are at risk and the rounded curve
  /// stays above 0, so every step implies multiples of 10; the log-rank test still uses the
  /// exact counts.
  @Test func lungCurvesArePublishedFromRoundedCounts() throws {
    let result = try Self.lung(minCell: 10)
    let curves = try #require(result["curves"] as? [[String: Any]])
    let reference = try Self.reference("ref_km.csv").filter {
      $0["case"] == "lung_sex" && $0["conf_type"] == "log-log"
    }
    func nearest(_ n: Int) -> Int { (n + 5) / 10 * 10 }
    var expected: [(group: String, time: Double, s: Double, se: Double)] = []
    var worstFromR = 0.0
    for group in ["1", "2"] {
      let rows = reference.filter { $0["strata"] == "sex=\(group)" }
      let total = nearest(Int(rows.first?["n_risk"] ?? "") ?? 0)
      var (events, censored, publishedEvents, publishedCensored) = (0, 0, 0, 0)
      var (s, greenwood) = (1.0, 0.0)
      var open = true
      for row in rows {
        let n = total - publishedEvents - publishedCensored
        events += Int(row["n_event"] ?? "") ?? 0
        censored += Int(row["n_censor"] ?? "") ?? 0
        var d = nearest(events) - publishedEvents
        var c = nearest(censored) - publishedCensored
        let cutCensored = min(c, max(0, d + c - n))
        c -= cutCensored
        d -= min(d, max(0, d + c - n))
        publishedEvents += d
        publishedCensored += c
        guard d > 0 else { continue }
        open = open && d < n
        s *= 1 - Double(d) / Double(n)
        greenwood += Double(d) / (Double(n) * Double(n - d))
        open = open && (Int(row["n_risk"] ?? "") ?? 0) >= 10
        guard open else { continue }
        expected.append((group, Double(row["time"] ?? "") ?? .nan, s, s * greenwood.squareRoot()))
        // The distance from R's curve in steps of 10 learners at risk at that time.
        let atRisk = Double(row["n_risk"] ?? "") ?? .nan
        worstFromR = max(worstFromR, abs(s - (Double(row["surv"] ?? "") ?? .nan)) * atRisk / 10)
      }
    }
    #expect(curves.count == expected.count)
    for (row, want) in zip(curves, expected) {
      #expect(row["group"] as? String == want.group)
      #expect(row["time"] as? Double == want.time)
      #expect(abs((row["survival"] as? Double ?? .nan) - want.s) < 1e-12)
      #expect(abs((row["std_error"] as? Double ?? .nan) - want.se) < 1e-12)
    }
    // Rounding moves the curve by less than one step of 10 of those at risk (at most 0.49 of
    // one here: 0.115 at 15 at risk).
    #expect(worstFromR > 0 && worstFromR < 1, "\(worstFromR)")
    for group in ["1", "2"] {
      let steps = Self.impliedSteps(curves.filter { $0["group"] as? String == group })
      #expect(steps.count >= 5)
      for (k, step) in steps.enumerated() {
        #expect(abs(step.d / 10 - (step.d / 10).rounded()) < 1e-6 && step.d > 9.5, "\(step)")
        #expect(abs(step.n / 10 - (step.n / 10).rounded()) < 1e-6 && step.n > 9.5, "\(step)")
        if k > 0 {
          let censored = steps[k - 1].n - steps[k - 1].d - step.n
          #expect(abs(censored / 10 - (censored / 10).rounded()) < 1e-6, "\(step)")
        }
      }
    }
    // The medians are those of the published rounded curves (the first step below one half).
    let medians = try #require(result["medians"] as? [[String: Any]])
    for group in ["1", "2"] {
      let median = medians.first { $0["group"] as? String == group }?["median"] as? Double
      #expect(median == expected.first { $0.group == group && $0.s < 0.5 }?.time)
    }
    let tests = try #require(result["tests"] as? [[String: Any]])
    #expect(abs((tests.first?["statistic"] as? Double ?? .nan) - 9.88639084425536) < 1e-9)
  }

  @Test func cumulativeIncidenceAndDiscreteHazardRunFromASpec() throws {
    // lung with time in 100-day periods up to 9, as generate_discrete.R.
    let lung = try String(
      contentsOf: Self.fixtures.appendingPathComponent("lung.csv"), encoding: .utf8)
    var lines = lung.split(separator: "\n").map(String.init)
    let header = lines[0].split(separator: ",").map { $0.replacingOccurrences(of: "\"", with: "") }
    let timeIndex = try #require(header.firstIndex(of: "time"))
    lines[0] += ",period_end"
    for i in 1..<lines.count {
      let days = Double(lines[i].split(separator: ",")[timeIndex]) ?? .nan
      lines[i] += ",\(Int(min((days / 100).rounded(.up), 9)))"
    }
    let (_, lungSpec) = try StudyFixtures.make(
      spec: """
        study: Discrete time
        data: {path: data/lung.csv}
        analyses:
          - {name: dth, kind: survival, method: discrete-hazard, time: period_end, event: event,
             formula: "age + sex", link: cloglog}
        outputs: [json]
        """,
      files: ["lung.csv": lines.joined(separator: "\n") + "\n"])
    let (cifRoot, folder) = try Self.run(
      try StudyFixtures.make(
        spec: """
          study: Competing outcomes
          data: {path: data/mgus2.csv}
          disclosure: {min_cell: 1}
          analyses:
            - {name: cif, kind: survival, method: cumulative-incidence, time: etime,
               event: code, by: sex}
          outputs: [json, svg]
          """,
        files: [
          "mgus2.csv": try String(
            contentsOf: Self.fixtures.appendingPathComponent("mgus2.csv"), encoding: .utf8)
        ]
      ).spec)
    let cif = try #require(
      (cifRoot["analyses"] as? [[String: Any]])?.first?["result"] as? [String: Any])
    let rows = try #require(cif["cumulative_incidence"] as? [[String: Any]])
    let states = [1: "pcm", 2: "death"]
    let reference = try Self.reference("ref_cif.csv")
    // With min_cell 1 every event time (where an outcome's incidence rises) is published.
    var eventTimes: Set<String> = []
    var last: [String: String] = [:]
    for row in reference {
      let key = "\(row["strata"] ?? "")/\(row["state"] ?? "")"
      if let value = row["pstate"], value != last[key, default: "0"] {
        eventTimes.insert("\(row["strata"] ?? "")/\(row["time"] ?? "")")
      }
      last[key] = row["pstate"]
    }
    let eventRows = reference.filter {
      eventTimes.contains("\($0["strata"] ?? "")/\($0["time"] ?? "")")
    }
    #expect(rows.count == eventRows.count)
    var worst = 0.0
    for row in rows {
      let match = try #require(
        reference.first {
          $0["strata"] == "sex=\(row["group"] as? String ?? "")"
            && $0["state"] == states[row["outcome"] as? Int ?? 0]
            && Double($0["time"] ?? "") == row["time"] as? Double
        })
      worst = max(
        worst, abs((row["incidence"] as? Double ?? .nan) - (Double(match["pstate"] ?? "") ?? 0)))
      worst = max(
        worst, abs((row["std_error"] as? Double ?? .nan) - (Double(match["std_err"] ?? "") ?? 0)))
    }
    #expect(worst < 1e-12)
    #expect(
      FileManager.default.fileExists(atPath: folder.appendingPathComponent("figures/cif.svg").path))
    let (hazardRoot, _) = try Self.run(lungSpec)
    let hazardResult = try #require(
      (hazardRoot["analyses"] as? [[String: Any]])?.first?["result"] as? [String: Any])
    let hazard = try #require(hazardResult["discrete_hazard"] as? [String: Any])
    let coefficients = try #require(hazard["coefficients"] as? [[String: Any]])
    let expected = try Self.reference("ref_discrete.csv").filter { $0["link"] == "cloglog" }
    #expect(coefficients.count == expected.count)
    // Coefficients resting on fewer than min_cell patients (late periods) are withheld; every
    // published one equals R.
    let withheld = Set(
      (hazardResult["coefficient_disclosure"] as? [String: Any])?["suppressed_terms"] as? [String]
        ?? [])
    var published = 0
    for (row, reference) in zip(coefficients, expected) {
      let term = row["term"] as? String ?? ""
      if withheld.contains(term) {
        #expect(row["estimate"] is NSNull && row["suppressed"] as? Bool == true, "\(term)")
        continue
      }
      published += 1
      let value = Double(reference["estimate"] ?? "") ?? .nan
      #expect(abs((row["estimate"] as? Double ?? .nan) - value) < 1e-6 * max(1, abs(value)))
    }
    #expect(published > coefficients.count / 2)
    #expect(!withheld.isEmpty && withheld.allSatisfy { $0.hasPrefix("period[") })
  }

  static func validate(_ analysis: String) throws -> String {
    let (_, spec) = try StudyFixtures.make(
      spec: """
        study: Survival mistakes
        data: {path: data/heart.csv, panel: {unit: id, time: stop}}
        analyses:
          - \(analysis)
        """,
      files: [
        "heart.csv": try String(
          contentsOf: Self.fixtures.appendingPathComponent("heart.csv"), encoding: .utf8)
      ])
    do {
      try Study.validate(spec: spec)
      return ""
    } catch {
      return "\(error)"
    }
  }

  @Test func specMistakesAreReported() throws {
    #expect(try Self.validate("{name: a, kind: survival, time: stop, event: event}").isEmpty)
    #expect(
      try Self.validate("{name: a, kind: survival, time: stop, event: event, by: id}")
        .contains("analyses[0].by"))
    #expect(
      try Self.validate("{name: a, kind: survival, time: id, event: event}")
        .contains("analyses[0].time"))
    #expect(
      try Self.validate("{name: a, kind: survival, method: cox, time: stop, event: event}")
        .contains("needs a formula"))
    #expect(
      try Self.validate("{name: a, kind: survival, method: kaplan-meir, time: stop, event: event}")
        .contains("did you mean 'kaplan-meier'"))
  }
}

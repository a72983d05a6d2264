import Foundation
import Studies
import Testing

/// `kind: did` in a study spec: the mpdta study of Tests/Fixtures/mpdta/impact.yaml end to end
/// (result document, tables, event-study figure), and the spec mistakes it reports.
@Suite struct DiDStudyTests {
  static let spec = StudyFixtures.root.appendingPathComponent("Tests/Fixtures/mpdta/impact.yaml")

  @Test func mpdtaStudyWritesDocumentTablesAndFigure() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vetstat-did-\(UUID().uuidString)")
    let run = try Study.run(spec: Self.spec.path, out: out.path)
    let data = try Data(contentsOf: run.folder.appendingPathComponent("results.json"))
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let analyses = try #require(root["analyses"] as? [[String: Any]])
    let first = try #require(analyses.first?["result"] as? [String: Any])
    #expect(first["model"] as? String == "did")
    let cells = try #require(first["att_gt"] as? [[String: Any]])
    #expect(cells.count == 12)
    #expect(
      Set(cells[0].keys).isSuperset(of: [
        "group", "time", "att", "std_error", "conf_low", "conf_high",
      ]))
    let aggregates = try #require(first["aggregates"] as? [[String: Any]])
    let simple = try #require(aggregates.first { $0["type"] as? String == "simple" })
    // R did 2.5.0, never-treated, doubly robust: simple ATT and SE.
    #expect(abs((simple["estimate"] as? Double ?? .nan) + 0.0399512751551763) < 1e-9)
    #expect(abs((simple["std_error"] as? Double ?? .nan) - 0.0120340127701854) < 1e-9)
    let dynamic = aggregates.filter {
      $0["type"] as? String == "dynamic" && $0["event_time"] is Double
    }
    #expect(dynamic.count == 7)
    #expect(
      dynamic.allSatisfy { ($0["band_low"] as? Double ?? 0) < ($0["conf_low"] as? Double ?? 0) })
    let pretest = try #require(first["pretest"] as? [String: Any])
    #expect(abs((pretest["statistic"] as? Double ?? .nan) - 7.79123662720035) < 1e-6)
    let svg = try String(
      contentsOf: run.folder.appendingPathComponent("figures/cs_notyet.svg"),
      encoding: .utf8)
    #expect(svg.contains("uniform band") && svg.contains("reference"))
    let table = try String(
      contentsOf: run.folder.appendingPathComponent("tables/cs_never.csv"),
      encoding: .utf8)
    #expect(table.contains("dynamic"))
  }

  static func validate(_ analysis: String) throws -> String {
    let (folder, spec) = try StudyFixtures.make(
      spec: """
        study: DiD mistakes
        data: {path: data.csv, panel: {unit: countyreal, time: year}}
        analyses:
          - \(analysis)
        """, files: [:])
    let csv = try String(
      contentsOf: StudyFixtures.root.appendingPathComponent("Tests/Fixtures/mpdta/mpdta.csv"),
      encoding: .utf8)
    try Data(csv.utf8).write(to: folder.appendingPathComponent("data.csv"))
    do {
      try Study.validate(spec: spec)
      return ""
    } catch {
      return "\(error)"
    }
  }

  /// The regression methods through a spec on mpdta: the TWFE event study and Sun-Abraham
  /// equal pyfixest (Tests/Fixtures/did_twfe), the Bacon weights add up to the TWFE estimate of
  /// R bacondecomp (Tests/Fixtures/bacon/mpdta_bacon.csv).
  @Test func regressionMethodsRunFromASpec() throws {
    let (folder, spec) = try StudyFixtures.make(
      spec: """
        study: DiD regression methods
        data: {path: data.csv, panel: {unit: countyreal, time: year}}
        analyses:
          - {name: es, kind: did, method: twfe, outcome: lemp, first_treated: first.treat}
          - {name: sa, kind: did, method: sun-abraham, outcome: lemp, first_treated: first.treat}
          - {name: bd, kind: did, method: bacon, outcome: lemp, first_treated: first.treat}
        outputs: [markdown, json, csv, svg]
        """, files: [:])
    let csv = try String(
      contentsOf: StudyFixtures.root.appendingPathComponent("Tests/Fixtures/mpdta/mpdta.csv"),
      encoding: .utf8)
    try Data(csv.utf8).write(to: folder.appendingPathComponent("data.csv"))
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vetstat-did-methods-\(UUID().uuidString)")
    let run = try Study.run(spec: spec, out: out.path)
    let data = try Data(contentsOf: run.folder.appendingPathComponent("results.json"))
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let analyses = try #require(root["analyses"] as? [[String: Any]])
    func estimate(_ index: Int, _ term: String) -> Double? {
      let result = analyses[index]["result"] as? [String: Any]
      let rows = result?["coefficients"] as? [[String: Any]] ?? []
      return rows.first { $0["term"] as? String == term }?["estimate"] as? Double
    }
    // pyfixest 0.60: feols("lemp ~ i(rel, treat, ref=-1) | countyreal + year").
    let twfe = try #require(estimate(0, "event_time[-4]"))
    #expect(abs(twfe - 0.0035493269194323755) < 1e-10)
    // pyfixest saturated event study, aggregated to event time -4.
    let sunAbraham = try #require(estimate(1, "event_time[-4]"))
    #expect(abs(sunAbraham - 0.0033063566925125376) < 1e-10)
    let bacon = try #require(analyses[2]["result"] as? [String: Any])
    let comparisons = try #require(bacon["comparisons"] as? [[String: Any]])
    #expect(comparisons.count == 9)
    let weights = comparisons.compactMap { $0["weight"] as? Double }
    #expect(abs(weights.reduce(0, +) - 1) < 1e-12)
    // R bacondecomp: sum of weight x estimate over the nine comparisons.
    #expect(abs((bacon["twfe_estimate"] as? Double ?? .nan) + 0.03654893667404639) < 1e-10)
    let figure = run.folder.appendingPathComponent("figures/bd.svg")
    #expect(FileManager.default.fileExists(atPath: figure.path))
  }

  @Test func regressionMethodsRefuseWhatTheyCannotDo() throws {
    let covariates = try Self.validate(
      "{name: a, kind: did, method: twfe, outcome: lemp, first_treated: first.treat, "
        + "covariates: [lpop]}")
    #expect(covariates.contains("analyses[0].covariates"))
    let control = try Self.validate(
      "{name: a, kind: did, method: sun-abraham, outcome: lemp, first_treated: first.treat, "
        + "control: not-yet-treated}")
    #expect(control.contains("analyses[0].control") && control.contains("never-treated"))
  }

  @Test func misspeltOptionsAndColumnsAreNamed() throws {
    let estimator = try Self.validate(
      "{name: a, kind: did, estimator: drr, outcome: lemp, first_treated: first.treat}")
    #expect(estimator.contains("analyses[0].estimator") && estimator.contains("'dr'"))
    let column = try Self.validate(
      "{name: a, kind: did, outcome: lemp, first_treated: first_treat}")
    #expect(column.contains("analyses[0].first_treated") && column.contains("first.treat"))
    let missing = try Self.validate("{name: a, kind: did, outcome: lemp}")
    #expect(missing.contains("analyses[0].first_treated"))
    let valid = try Self.validate(
      "{name: a, kind: did, outcome: lemp, first_treated: first.treat, control: not-yet-treated}")
    #expect(valid.isEmpty)
  }
}

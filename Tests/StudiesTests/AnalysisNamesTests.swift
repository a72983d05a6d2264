import Foundation
import Testing

@testable import Studies

/// Issue 17: report file names are unique by construction. Names are checked at validate
/// (length, characters, reserved stems, derived names of other analyses), so a spec that
/// validates never has two outputs with one path, and every kind names its outputs by the rule.
@Suite struct AnalysisNamesTests {
  static let demo = OutputFolderPolicyTests.demo

  /// One analysis of each kind over the demo data, with every output it can make.
  static let templates: [String: String] = [
    "ols": "formula: \"score ~ female + ses\"",
    "wls": "formula: \"score ~ female + ses\", weights: age",
    "logit": "formula: \"stem_enrolled ~ female + ses\", marginal_effects: [female]",
    "probit": "formula: \"stem_enrolled ~ female + ses\", marginal_effects: [female]",
    "poisson": "formula: \"early_leaver ~ female + ses\", marginal_effects: [female]",
    "fe": "formula: \"score ~ ses | school_id\"",
    "re": "formula: \"score ~ female + ses\"",
    "fd": "formula: \"score ~ ses + age\"",
    "between": "formula: \"score ~ female + ses\"",
    "lmm": "formula: \"score ~ female + ses + (1 | school_id)\"",
    "glmm": "formula: \"stem_enrolled ~ female + ses + (1 | school_id)\"",
    "cox": "time: age, event: early_leaver, formula: \"female + ses\"",
    "describe": "variables: [score, track], by: [year]",
    "indicator": "measure: \"mean(score)\", by: [year], trend: {target: {year: 2030, value: 60}}",
    "trend":
      "measure: \"share(stem_enrolled)\", compare: female, breaks: [2020], hac: true, "
      + "target: {year: 2030, value: 0.4}, mann_kendall: true",
    "did":
      "outcome: score, first_treated: adopt, sample: unbalanced-panel, control: not-yet-treated, "
      + "bootstrap: {reps: 99}",
    "decomposition": "formula: \"score ~ ses + age\", group: female, threefold: true",
    "survival":
      "method: cox, time: age, event: early_leaver, by: female, formula: \"female + ses\"",
  ]

  static func spec(_ analyses: [(name: String, kind: String)]) throws -> String {
    var text =
      "study: Names\ndata: {path: \(demo), panel: {unit: learner_id, time: year}}\n"
    // `kind: did` needs a first-treated year: two cohorts and never-treated learners.
    if analyses.contains(where: { $0.kind == "did" }) {
      text +=
        "derive: {adopt: \"if_else(learner_id < 100200, 2019, "
        + "if_else(learner_id < 100400, 2021, 0))\"}\n"
    }
    text += "analyses:\n"
    for (name, kind) in analyses {
      text += "  - {name: \"\(name)\", kind: \(kind), \(templates[kind] ?? "")}\n"
    }
    text += "outputs: [markdown, json, csv, latex, svg]\n"
    return try StudyFixtures.make(spec: text, files: [:]).spec
  }

  /// The verdict the rule promises, computed here from the rule's words (not the checker).
  static func shouldCollide(_ names: [String]) -> Bool {
    let suffixes = ["", "_numeric", "_levels", "_marginal_effects", "_att_gt", "_trend"]
    var used: Set<String> = []
    for name in names {
      let stems = Set(suffixes.map { (name + $0).lowercased() })
      if !stems.isDisjoint(with: ["regressions", "coefficients"]) { return true }
      if !stems.isDisjoint(with: used) { return true }
      used.formUnion(stems)
    }
    return false
  }

  /// Names built from every reserved stem and suffix combination, with case variants.
  static let generatedNames: [String] = {
    let suffixes = AnalysisNames.derivedSuffixes
    var names = ["prof", "Prof", "gap", "regressions", "coefficients", "Coefficients", "other"]
    for base in ["prof", "regressions", "coefficients", "gap"] {
      names += suffixes.map { base + $0 }
      names += suffixes.flatMap { first in suffixes.map { base + first + $0 } }
    }
    names += ["regression", "coefficient", "regressions-", "prof-numeric", "prof_Levels"]
    return names
  }()

  @Test func nameRulesAreCheckedAtValidateWithKeyPathAndLine() throws {
    let bad = [
      String(repeating: "a", count: 300), String(repeating: "b", count: 65), "a b", "a/b",
      ".hidden", "_x", "-x", "caf\u{e9}", "tab\there", "semi;colon",
    ]
    #expect(AnalysisNames.problem("") != nil)
    for name in bad {
      let spec = try Self.spec([("fine", "ols"), (name, "ols")])
      #expect {
        try Study.validate(spec: spec)
      } throws: { error in
        guard let error = error as? SpecError else { return false }
        return error.issues.contains { $0.keyPath == "analyses[1].name" && $0.line == 5 }
          && "\(error)".contains("ASCII letters, digits, '_' and '-'")
      }
    }
    #expect(AnalysisNames.problem(String(repeating: "c", count: 64)) == nil)
    #expect(AnalysisNames.problem("Gap_2020-v2") == nil)
  }

  @Test func everyPairOfGeneratedNamesIsRefusedExactlyWhenItWouldCollide() throws {
    let kinds = ["describe", "indicator", "logit", "ols"]
    var refused = 0
    var accepted = 0
    let names = Self.generatedNames
    for (i, first) in names.enumerated() {
      for second in names[(i + 1)...] where first != second {
        let diagnostics = SpecDiagnostics()
        let specs = [first, second].enumerated().map { k, name in
          AnalysisSpec(
            name: name, kind: kinds[(i + k) % kinds.count], index: k,
            node: SpecNode(.scalar(name, quoted: false), line: 10 + k))
        }
        AnalysisNames.checkCollisions(specs, diagnostics: diagnostics)
        let collide = Self.shouldCollide([first, second])
        #expect(diagnostics.isEmpty == !collide, "\(first), \(second): \(diagnostics.issues)")
        #expect(diagnostics.issues.allSatisfy { $0.keyPath.hasSuffix(".name") })
        if collide { refused += 1 } else { accepted += 1 }
      }
    }
    #expect(refused > 100 && accepted > 50, "\(refused) refused, \(accepted) accepted")
  }

  @Test func acceptedGeneratedSetsNeverWriteTwoFilesToOnePath() throws {
    let kinds = ["describe", "indicator", "logit", "ols"]
    var state: UInt64 = 17
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    var runs = 0
    var refusals = 0
    for _ in 0..<80 where runs < 5 || refusals < 5 {
      var chosen: [(name: String, kind: String)] = []
      for _ in 0..<(2 + next(3)) {
        let name = Self.generatedNames[next(Self.generatedNames.count)]
        if chosen.contains(where: { $0.name == name }) { continue }
        chosen.append((name, kinds[next(kinds.count)]))
      }
      let spec = try Self.spec(chosen)
      let collide = Self.shouldCollide(chosen.map(\.name))
      guard !collide else {
        #expect(throws: SpecError.self, "\(chosen)") { try Study.validate(spec: spec) }
        refusals += 1
        continue
      }
      let out = try OutputFolderPolicyTests.temporary().appendingPathComponent("report")
      let (result, folder) = try Study.run(spec: spec, out: out.path)
      let files = try ReportBuilder.files(result)
      let paths = files.map { $0.path.lowercased() }
      #expect(Set(paths).count == paths.count, "\(chosen.map(\.name)): \(paths)")
      // Every file on disk holds what the builder made for it: nothing was overwritten.
      for file in files {
        let text = try String(
          contentsOf: folder.appendingPathComponent(file.path), encoding: .utf8)
        #expect(text == file.contents, "\(file.path) of \(chosen.map(\.name))")
      }
      runs += 1
    }
    #expect(runs >= 5 && refusals >= 5, "\(runs) runs, \(refusals) refusals")
  }

  @Test func everyKindNamesItsOutputsByTheRule() throws {
    var analyses: [(name: String, kind: String)] = []
    for kind in AnalysisRegistry.kindNames {
      guard Self.templates[kind] != nil else {
        Issue.record("kind '\(kind)' has no template here: add one so its file names are checked")
        continue
      }
      analyses.append(("a_\(kind)", kind))
    }
    let spec = try Self.spec(analyses)
    let out = try OutputFolderPolicyTests.temporary().appendingPathComponent("report")
    let (result, _) = try Study.run(spec: spec, out: out.path)
    var tables = 0
    var figures = 0
    for item in result.outcomes {
      let allowed = Set(AnalysisNames.stems(of: item.name))
      for id in item.outcome.tables.map(\.id) + item.outcome.figures.map(\.id) {
        #expect(allowed.contains(id.lowercased()), "\(item.kind) '\(item.name)' writes \(id)")
      }
      tables += item.outcome.tables.count
      figures += item.outcome.figures.count
    }
    #expect(tables >= 4 && figures >= 1, "outputs of every shape were made")
    let own = try ReportBuilder.files(result).map(\.path).filter { path in
      !result.outcomes.contains { item in path.contains("/\(item.name)") }
    }
    for path in own where path.hasPrefix("tables/") || path.hasPrefix("figures/") {
      let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
      #expect(AnalysisNames.reservedStems.contains(stem), "the report's own \(path) is reserved")
    }
  }
}

import Foundation
import Studies
import Testing

/// Running studies through the library: reproducible results.json, suppression of small cells,
/// no identifiers in any output, joins and lagged variables.
@Suite struct StudyRunTests {
  static let bundled = StudyFixtures.root.appendingPathComponent(
    "notebooks-md/stem_gender_gap.yaml"
  ).path

  /// results.json without the `created` line.
  static func withoutTimestamp(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).filter {
      !$0.contains("\"created\"")
    }
    .joined(separator: "\n")
  }

  @Test func secondRunGivesTheSameResultsApartFromTheTimestamp() throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vetstat-repeat-\(UUID().uuidString)")
    let first = try Study.run(spec: Self.bundled, out: base.appendingPathComponent("a").path)
    let second = try Study.run(spec: Self.bundled, out: base.appendingPathComponent("b").path)
    let a = try String(
      contentsOf: first.folder.appendingPathComponent("results.json"), encoding: .utf8)
    let b = try String(
      contentsOf: second.folder.appendingPathComponent("results.json"), encoding: .utf8)
    #expect(a.contains("\"created\""))
    #expect(Self.withoutTimestamp(a) == Self.withoutTimestamp(b))
    #expect(a.contains("\"schema\": \"vetstat.study/1\"") && a.contains("\"spec_sha256\""))
    // Rerunning into the same folder replaces it whole.
    let third = try Study.run(spec: Self.bundled, out: base.appendingPathComponent("a").path)
    let c = try String(
      contentsOf: third.folder.appendingPathComponent("results.json"), encoding: .utf8)
    #expect(Self.withoutTimestamp(a) == Self.withoutTimestamp(c))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: base.path).filter {
      $0.hasPrefix(".")
    }
    #expect(leftovers.isEmpty)
  }

  static let smallCellSpec = """
    study: Small cells
    data:
      path: data/panel.csv
      panel: {unit: learner_id, time: year, group: school_id}
    disclosure: {min_cell: 10}
    analyses:
      - {name: counts, kind: indicator, measure: "count()", by: [track, year]}
      - {name: means, kind: indicator, measure: "mean(score)", by: [track, female]}
      - {name: profile, kind: describe, variables: [score, female], by: [track]}
    outputs: {folder: out, formats: [markdown, json, csv, latex, svg]}
    """

  @Test func noSmallCountIsEverShown() throws {
    // Schools (tracks) of 3, 7, 12, 25 and 40 learners: tracks 0 and 1 fall below min_cell.
    let (folder, spec) = try StudyFixtures.make(
      spec: Self.smallCellSpec,
      files: ["panel.csv": StudyFixtures.smallCellPanel(sizes: [3, 7, 12, 25, 40])])
    let (_, out) = try Study.run(spec: spec)
    #expect(out.path.hasPrefix(folder.path))
    let json = try JSONSerialization.jsonObject(
      with: Data(contentsOf: out.appendingPathComponent("results.json")))
    var counts: [Int] = []
    var suppressed = 0
    func visit(_ value: Any) {
      if let object = value as? [String: Any] {
        if let n = object["n"] as? Int { counts.append(n) }
        if object["suppressed"] as? Bool == true {
          suppressed += 1
          // A withheld share (or mean of a 0/1 variable) may keep its N, never a small one.
          #expect(object["n"] is NSNull || (object["n"] as? Int ?? 0) >= 10, "\(object)")
          #expect(
            (object["estimate"] ?? NSNull()) is NSNull && (object["mean"] ?? NSNull()) is NSNull)
        }
        object.values.forEach(visit)
      } else if let array = value as? [Any] {
        array.forEach(visit)
      }
    }
    visit(json)
    #expect(suppressed > 0)
    #expect(!counts.isEmpty && counts.allSatisfy { $0 >= 10 }, "\(counts.filter { $0 < 10 })")
    // Tables: every N column holds the marker or a count >= 10.
    for (path, text) in try StudyFixtures.texts(under: out.appendingPathComponent("tables"))
    where path.hasSuffix(".csv") {
      let lines = text.split(separator: "\n").map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      }
      guard let header = lines.first, let nColumn = header.firstIndex(of: "N") else { continue }
      for row in lines.dropFirst() {
        let cell = row[nColumn]
        #expect(cell == "[c]" || (Int(cell) ?? 0) >= 10, "\(path): \(row)")
      }
    }
    let report = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(report.contains("[c]"))
  }

  @Test func secondarySuppressionProtectsOnlyAgainstWhatIsPublished() throws {
    // A 2 x 2 table with one small cell: without margins nothing reveals it, so it is withheld
    // alone; with every margin published, the minimum is 4 cells (the whole interior).
    let population = Population(rows: 0..<124, description: "all rows")
    let interior = [("2022", "f", 4), ("2022", "m", 50), ("2023", "f", 30), ("2023", "m", 40)]
    func cell(_ a: String?, _ b: String?, _ n: Int) -> CountCell {
      CountCell(levels: [a, b], count: n, learners: n)
    }
    let bare = CountTable(
      id: "t", population: population, variables: ["year", "gender"],
      cells: interior.map { cell($0.0, $0.1, $0.2) })
    let plain = try StudyProtection(tables: [bare], settings: .default)
    #expect(plain.suppressed == [[true, false, false, false]])
    let margins = [
      cell("2022", nil, 54), cell("2023", nil, 70), cell(nil, "f", 34), cell(nil, "m", 90),
      cell(nil, nil, 124),
    ]
    let full = CountTable(
      id: "t", population: population, variables: ["year", "gender"],
      cells: bare.cells + margins)
    let protected = try StudyProtection(tables: [full], settings: .default)
    #expect(protected.suppressed[0].prefix(4).allSatisfy { $0 }, "\(protected.suppressed)")
    #expect(protected.populations.first?.secondary == 3)
    let off = try StudyProtection(
      tables: [full], settings: DisclosureSettings(minCell: 10, complementary: false))
    #expect(off.suppressed[0] == [true] + Array(repeating: false, count: 8))
  }

  @Test func noIdentifierAppearsInAnyOutput() throws {
    let panel = StudyFixtures.smallCellPanel(sizes: [12, 15, 20])
    let (_, spec) = try StudyFixtures.make(
      spec: """
        study: Identifiers
        data:
          path: data/panel.csv
          panel: {unit: learner_id, time: year}
        analyses:
          - {name: all, kind: describe}
          - {name: means, kind: indicator, measure: "mean(score)", by: [year]}
          - {name: gap, kind: ols, formula: "score ~ female + C(track)", vcov: {cluster: school_id}}
        outputs: {folder: out}
        """, files: ["panel.csv": panel])
    let (_, out) = try Study.run(spec: spec)
    let learnerIDs = Set(
      panel.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) })
    let schoolIDs = Set(
      panel.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[1]) })
    for (path, text) in try StudyFixtures.texts(under: out) {
      if path != "results.json" {  // results.json names the cluster column in its vcov text
        // The report names the withheld identifiers (by name only) in its protection statement.
        let mentions = text.split(separator: "\n").filter { $0.contains("learner_id") }
        #expect(
          mentions.allSatisfy { path == "report.md" && $0.hasPrefix("- Identifiers withheld:") },
          "\(path) mentions learner_id: \(mentions)")
      }
      let tokens = Set(text.components(separatedBy: CharacterSet.alphanumerics.inverted))
      #expect(tokens.isDisjoint(with: learnerIDs), "\(path) holds a learner identifier")
      #expect(tokens.isDisjoint(with: schoolIDs), "\(path) holds a school identifier")
    }
  }

  @Test func identifiersCannotDefineCellsOrTerms() throws {
    let (_, spec) = try StudyFixtures.make(
      spec: """
        study: Identifiers as groups
        data: {path: data/panel.csv, panel: {unit: learner_id, time: year}}
        analyses:
          - {name: bylearner, kind: indicator, measure: "mean(score)", by: [learner_id]}
          - {name: terms, kind: ols, formula: "score ~ C(school_id)"}
        outputs: {folder: out}
        """, files: ["panel.csv": StudyFixtures.smallCellPanel(sizes: [12])])
    #expect {
      try Study.validate(spec: spec)
    } throws: { error in
      let text = "\(error)"
      return text.contains("analyses[0].by") && text.contains("analyses[1].formula")
    }
  }

  @Test func joinBringsSchoolColumnsAndLagRespectsGaps() throws {
    let learners = """
      learner_id,school_id,year,score
      1,10,2020,50
      1,10,2021,52
      1,10,2023,60
      2,11,2020,40
      2,11,2021,41
      """
    let schools = "school_id,adoption_year\n10,2021\n11,NA\n"
    let (_, spec) = try StudyFixtures.make(
      spec: """
        study: Join and lag
        data:
          path: data/learners.csv
          panel: {unit: learner_id, time: year}
          join: {path: data/schools.csv, by: school_id}
        derive:
          event_time: "year - adoption_year"
          previous: "lag(score)"
          next2: "lead(score, 2)"
          treated: "if_else(is_missing(adoption_year), false, year >= adoption_year)"
        analyses:
          - {name: n, kind: indicator, measure: "count()"}
        outputs: {folder: out}
        """, files: ["learners.csv": learners, "schools.csv": schools])
    let study = try Study.validate(spec: spec)
    let table = study.data
    func values(_ name: String) -> [Double?] {
      (0..<table.rowCount).map { table[name]?.doubleValue($0) }
    }
    #expect(values("adoption_year") == [2021, 2021, 2021, nil, nil])
    #expect(values("event_time") == [-1, 0, 2, nil, nil])
    #expect(
      values("previous") == [nil, 50, nil, nil, 40],
      "2023 has no 2022 row: a gap, not the 2021 value")
    #expect(values("next2") == [nil, 60, nil, nil, nil])
    #expect(values("treated") == [0, 1, 1, 0, 0])
  }
}

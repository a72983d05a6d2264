import DataTable
import Foundation
import Testing

@testable import Studies

/// A study reads only the columns its spec names (`StudyDataColumns`): its results are those of
/// reading every column, its problems are reported as a full read reports them, `data.columns`
/// sets the columns read, and the data file's hash is computed on the reading pass.
@Suite struct StudyColumnSelectionTests {
  static let learners = StudyFixtures.root.appendingPathComponent(
    "datasets/vet_learners_sample.csv")
  static let schools = StudyFixtures.root.appendingPathComponent("datasets/vet_schools_sample.csv")

  /// A study of several kinds over the synthetic panel, with `columns` in its data block.
  static func spec(columns: String?) -> String {
    """
    study: Column selection
    data:
      path: \(learners.path)
      panel: {unit: learner_id, time: year, group: school_id}
      types: {track: category}
      join: {path: \(schools.path), by: school_id, columns: [adoption_year], prefix: school_}
      filter: "age >= 15"
    \(columns.map { "  columns: \($0)" } ?? "")
    derive:
      year_c: "year - 2020"
    disclosure: {min_cell: 10}
    analyses:
      - {name: stem_share, kind: indicator, measure: "share(stem_enrolled)", by: [year, female, region], margins: true}
      - {name: girls_stem, kind: indicator, measure: "mean(female)", by: [year], filter: "track == 'STEM-tech'"}
      - {name: scores, kind: ols, formula: "stem_score ~ female + ses + year_c", vcov: {cluster: school_id}}
      - {name: profile, kind: describe, variables: [ses, track], by: [year]}
    outputs: [json]
    """
  }

  /// results.json of a run of `spec`.
  static func results(_ spec: String) throws -> String {
    let made = try StudyFixtures.make(spec: spec, files: [:])
    let run = try Study.run(
      spec: made.spec, out: made.folder.appendingPathComponent("out").path,
      created: "2026-01-01T00:00:00Z")
    // The spec's own hash differs with its text; everything else must not.
    return try String(
      contentsOf: run.folder.appendingPathComponent("results.json"), encoding: .utf8
    ).split(separator: "\n").filter { !$0.contains("\"spec_sha256\"") }.joined(separator: "\n")
  }

  @Test func resultsEqualThoseOfReadingEveryColumn() throws {
    let spec = try SpecParser.parse(
      Self.spec(columns: nil), file: "spec.yaml",
      baseDirectory: FileManager.default.temporaryDirectory, diagnostics: SpecDiagnostics())
    let selected = try #require(StudyDataColumns.selection(spec))
    let header = try String(contentsOf: Self.learners, encoding: .utf8)
      .prefix { $0 != "\n" }.split(separator: ",").map(String.init)
    let read = Set(header).intersection(selected)
    // The spec names 10 of the 15 columns; the 5 others are not read.
    #expect(
      read == [
        "learner_id", "school_id", "year", "female", "ses", "track", "age", "region",
        "stem_enrolled", "stem_score",
      ])
    let some = try Self.results(Self.spec(columns: nil))
    let every = try Self.results(Self.spec(columns: "all"))
    #expect(some == every)
    // The hash computed on the reading pass is the file's.
    let hash = try SHA256.hex(fileAt: Self.learners)
    #expect(some.contains(hash))
  }

  @Test func listedColumnsAreTheOnlyOnesRead() throws {
    let made = try StudyFixtures.make(
      spec: Self.spec(columns: "[learner_id, school_id, year, female, region, stem_enrolled]"),
      files: [:])
    do {
      _ = try Study.validate(spec: made.spec)
      Issue.record("a formula on an unread column passed")
    } catch let error as SpecError {
      // The filter's `age` was not read.
      #expect(error.issues.contains { $0.keyPath == "data.filter" && $0.message.contains("age") })
    }
    let wrong = try StudyFixtures.make(
      spec: Self.spec(columns: "[learner_id, yeer]"), files: [:])
    do {
      _ = try Study.validate(spec: wrong.spec)
      Issue.record("an unknown listed column passed")
    } catch let error as SpecError {
      let issue = try #require(error.issues.first { $0.keyPath == "data.columns" })
      #expect(issue.message.contains("'yeer'") && issue.message.contains("'year'"))
    }
  }

  @Test func problemsAreReportedAsAFullReadReportsThem() throws {
    // `yeer` is misspelt; the suggestion `year` comes from every column of the file, although
    // the selection made from the spec would not read `year` (no analysis names it).
    let spec = """
      study: Misspelt
      data: {path: \(Self.learners.path)}
      analyses:
        - {name: m, kind: indicator, measure: "mean(ses)", by: [yeer]}
      outputs: [json]
      """
    let made = try StudyFixtures.make(spec: spec, files: [:])
    do {
      _ = try Study.validate(spec: made.spec)
      Issue.record("a misspelt column passed")
    } catch let error as SpecError {
      #expect(error.issues.contains { $0.message.contains("did you mean 'year'") })
    }
  }

  @Test func theDocumentedExampleRuns() throws {
    let doc = try String(
      contentsOf: StudyFixtures.root.appendingPathComponent(
        "Sources/Studies/Studies.docc/StudySpecs.md"), encoding: .utf8)
    let section = try #require(doc.range(of: "## Reading only the columns a study uses"))
    let rest = doc[section.upperBound...]
    let start = try #require(rest.range(of: "```yaml\n"))
    let end = try #require(rest[start.upperBound...].range(of: "```"))
    let yaml = String(rest[start.upperBound..<end.lowerBound])
      .replacingOccurrences(
        of: "../datasets", with: StudyFixtures.root.appendingPathComponent("datasets").path)
    #expect(yaml.contains("columns: ["))
    let listed = try Self.results(yaml)
    let every = try Self.results(
      yaml.replacingOccurrences(
        of: "columns: [learner_id, year, female, region, stem_enrolled]", with: "columns: all"))
    #expect(listed == every)
  }
}

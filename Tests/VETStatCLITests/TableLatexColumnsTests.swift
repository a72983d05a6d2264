import Foundation
import Testing

/// `vetstat table --latex-columns siunitx` and `--reference-levels` (issue 16): the bundled
/// study's table with siunitx `S` columns and the factors' reference rows, held byte for byte
/// (numbers to a relative 1e-9); the options are refused where they cannot apply.
@Suite struct TableLatexColumnsTests {
  static func run(_ arguments: [String]) throws -> CLIRunner.Output {
    try CLIRunner.run(arguments, in: Snapshot.repositoryRoot)
  }

  @Test func bundledStudySiunitxTableWithReferenceRowsIsUnchanged() throws {
    let result = try Self.run([
      "table", "--spec", "notebooks-md/stem_gender_gap.yaml", "--omit", "year[*]",
      "--rename", "female=Female", "--reference-levels", "--latex-columns", "siunitx",
      "--format", "tex",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("region: Antwerpen (ref.) & {---} &  &  \\\\"))
    #expect(!result.stdout.contains("year: "), "an omitted factor has no reference row")
    try Snapshot.check(result.stdout, named: "table-study-siunitx.tex")
  }

  @Test func referenceRowsInMarkdownFromFormulas() throws {
    let result = try Self.run([
      "table", "datasets/demo/stem_scores_demo.csv", "--formula", "score ~ female",
      "--formula", "score ~ female + C(track)", "--reference-levels",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("| track: STEM-tech (ref.) |  | — |"))
  }

  @Test func optionsAreRefusedWhereTheyCannotApply() throws {
    let spec = ["table", "--spec", "notebooks-md/stem_gender_gap.yaml"]
    let markdown = try Self.run(spec + ["--latex-columns", "siunitx", "--format", "md"])
    #expect(markdown.status == 2 && markdown.stderr.contains("--latex-columns is for LaTeX"))
    let unknown = try Self.run(spec + ["--latex-columns", "dcolumn", "--format", "tex"])
    #expect(unknown.status == 2 && unknown.stderr.contains("unknown --latex-columns 'dcolumn'"))
    let results = try Self.run([
      "table", "notebooks-md/stem_gender_gap_files/results.json", "--reference-levels",
    ])
    #expect(results.status == 2 && results.stderr.contains("--reference-levels needs the fits"))
  }
}

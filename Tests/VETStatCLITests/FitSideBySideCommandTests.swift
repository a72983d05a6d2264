import Foundation
import Testing
import VETStat

/// `vetstat fit` with several `--formula` (issue 16): one side-by-side table equal to R's `lm` +
/// `vcovCL`, the same table `vetstat table` writes, result documents equal to one fit each, and
/// clear refusals of what does not apply to several models.
@Suite struct FitSideBySideCommandTests {
  static let demo = TableCommandTests.demo

  static func run(_ arguments: [String]) throws -> CLIRunner.Output {
    try CLIRunner.run(arguments, in: Snapshot.repositoryRoot)
  }

  @Test func twoFormulasGiveRsLmSideBySideAndTheTableCommandsTable() throws {
    let layout = ["--cluster", "school_id", "--format", "csv", "--digits", "6"]
    let fit = try Self.run(["fit", Self.demo] + TableCommandTests.formulas + layout)
    #expect(fit.status == 0, "\(fit.stderr)")
    try TableCommandTests.expectEqualsRsLm(TableCommandTests.csvRows(fit.stdout))
    let table = try Self.run(["table", Self.demo] + TableCommandTests.formulas + layout)
    #expect(table.status == 0, "\(table.stderr)")
    #expect(fit.stdout == table.stdout)
  }

  @Test func jsonIsTheArrayOfEachFormulasOwnDocument() throws {
    let formulas = ["score ~ female", "score ~ female + ses | school_id"]
    let both = try Self.run(
      ["fit", Self.demo, "--json", "--cluster", "school_id"]
        + formulas.flatMap { ["--formula", $0] })
    #expect(both.status == 0, "\(both.stderr)")
    let documents = try #require(
      try JSONSerialization.jsonObject(with: Data(both.stdout.utf8)) as? [Any])
    #expect(documents.count == 2)
    for (formula, document) in zip(formulas, documents) {
      let one = try Self.run([
        "fit", Self.demo, "--json", "--cluster", "school_id", "--formula", formula,
      ])
      #expect(one.status == 0, "\(one.stderr)")
      let single = try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? NSDictionary
      #expect(single == (document as? NSDictionary), "\(formula)")
    }
  }

  @Test func aFixedEffectsAndAMixedModelColumnNameTheirModelAndStatistics() throws {
    let fe = try Self.run(
      [
        "fit", Self.demo, "--cluster", "school_id", "--formula", "score ~ female", "--formula",
        "score ~ female + ses | school_id", "--omit", "ses", "--labels", "Raw,Within",
      ])
    #expect(fe.status == 0, "\(fe.stderr)")
    #expect(fe.stdout.contains("| Term | Raw | Within |"))
    #expect(fe.stdout.contains("| Model | OLS: score | OLS, fixed effects: score |"))
    #expect(fe.stdout.contains("| Fixed effects: school_id | No | Yes |"))
    #expect(!fe.stdout.contains("| ses |"))
    let lmm = try Self.run(
      [
        "fit", "datasets/vet_learners_sample.csv", "--model", "lmm", "--formula",
        "stem_score ~ female + (1 | learner_id)", "--formula",
        "stem_score ~ female + (1 | learner_id) + (1 | school_id)",
      ])
    #expect(lmm.status == 0, "\(lmm.stderr)")
    #expect(lmm.stdout.contains("| Model | LMM (REML): stem_score | LMM (REML): stem_score |"))
    #expect(lmm.stdout.contains("| Groups: learner_id | 5,000 | 5,000 |"))
    #expect(lmm.stdout.contains("| Groups: school_id |  | "))
    #expect(lmm.stdout.contains("| REML criterion |"))
  }

  @Test func whatDoesNotApplyToSeveralModelsIsRefused() throws {
    let two = TableCommandTests.formulas
    let cases: [([String], String)] = [
      (["--formula", "score ~ female", "--omit", "ses"], "--omit lays out the side-by-side table"),
      (two + ["--margins"], "--margins fit one model"),
      (two + ["--labels", "a,b,c"], "--labels names 3 columns for 2 formulas"),
      (two + ["--format", "docx"], "unknown --format 'docx'"),
      (["--model", "did", "--formula", "score ~ 1", "--formula", "score ~ ses"], "one --formula"),
    ]
    for (arguments, message) in cases {
      let result = try Self.run(["fit", Self.demo] + arguments)
      #expect(result.status == 2 && result.stderr.contains(message), "\(result.stderr)")
    }
    let failing = try Self.run(
      ["fit", Self.demo, "--formula", "score ~ female", "--formula", "score ~ nope"])
    #expect(failing.status == 2)
    #expect(failing.stderr.contains("model 2 (\"score ~ nope\") could not be fitted"))
    #expect(failing.stderr.contains("unknown column 'nope'"))
  }
}

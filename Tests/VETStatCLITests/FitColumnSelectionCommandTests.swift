import Foundation
import Testing

/// `vetstat fit` reads only the columns the model names: the result is the same as on a file that
/// holds just those columns, and mistakes are reported as before.
@Suite struct FitColumnSelectionCommandTests {
  static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("datasets/vet_learners_sample.csv").path

  /// Writes the sample with only `keep` columns (file order), and the full sample with a stray
  /// text value in the unused `adoption_year` column.
  static func files(keep: [String]) throws -> (full: String, restricted: String) {
    let text = try String(contentsOfFile: sample, encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    let header = lines[0].split(separator: ",").map(String.init)
    let positions = header.indices.filter { keep.contains(header[$0]) }
    let stray = header.firstIndex(of: "adoption_year") ?? 0
    var full = ""
    var restricted = ""
    for (r, line) in lines.enumerated() {
      var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      if r == 7 { fields[stray] = "unknown?" }
      full += fields.joined(separator: ",") + "\n"
      restricted += positions.map { fields[$0] }.joined(separator: ",") + "\n"
    }
    let folder = try CLIRunner.temporaryDirectory()
    let a = folder.appendingPathComponent("full.csv")
    let b = folder.appendingPathComponent("restricted.csv")
    try Data(full.utf8).write(to: a)
    try Data(restricted.utf8).write(to: b)
    return (a.path, b.path)
  }

  @Test(arguments: [
    [
      "--model", "fe", "--formula", "stem_score ~ stem_enrolled + early_leaver | learner_id + year",
      "--cluster", "school_id",
    ],
    ["--formula", "stem_score ~ female * ses + C(track)", "--weights", "age", "--vcov", "hc1"],
    ["--model", "logit", "--formula", "stem_enrolled ~ female + ses", "--cluster", "school_id"],
  ])
  func resultEqualsTheFileWithOnlyTheNamedColumns(_ arguments: [String]) throws {
    let keep = [
      "stem_score", "stem_enrolled", "early_leaver", "learner_id", "year", "school_id", "female",
      "ses", "track", "age",
    ]
    let (full, restricted) = try Self.files(keep: keep)
    let a = try CLIRunner.run(["fit", full] + arguments + ["--json"])
    let b = try CLIRunner.run(["fit", restricted] + arguments + ["--json"])
    #expect(a.status == 0, "\(a.stderr)")
    #expect(b.status == 0, "\(b.stderr)")
    #expect(!a.stdout.isEmpty)
    #expect(a.stdout == b.stdout)
  }

  @Test func misspeltColumnIsStillReportedWithTheFormulaPosition() throws {
    let result = try CLIRunner.run([
      "fit", Self.sample, "--formula", "stem_score ~ sess + female",
    ])
    #expect(result.status == 2)
    #expect(result.stderr.contains("sess"))
    #expect(result.stderr.contains("ses"))
  }
}

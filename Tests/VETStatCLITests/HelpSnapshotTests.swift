import Foundation
import Testing

/// `vetstat --help` and every subcommand's `--help`, held byte for byte.
@Suite struct HelpSnapshotTests {
  @Test(arguments: ["", "run", "validate", "render", "fit", "table", "describe", "simulate"])
  func helpIsUnchanged(_ subcommand: String) throws {
    let arguments = subcommand.isEmpty ? ["--help"] : [subcommand, "--help"]
    let result = try CLIRunner.run(arguments, in: Snapshot.repositoryRoot)
    #expect(result.status == 0, "\(result.stderr)")
    try Snapshot.check(
      result.stdout, named: "help-\(subcommand.isEmpty ? "vetstat" : subcommand).txt")
  }
}

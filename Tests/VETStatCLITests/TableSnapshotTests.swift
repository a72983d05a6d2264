import Foundation
import Testing

/// The bundled study's regression table in every text format of `vetstat table`, held byte for
/// byte (numbers to a relative 1e-9); the Word and Excel files are checked by `OfficeTableTests`
/// and `TableCommandTests`.
@Suite struct TableSnapshotTests {
  @Test(arguments: ["md", "csv", "tex", "html"])
  func bundledStudyTableIsUnchanged(_ format: String) throws {
    let result = try CLIRunner.run(
      [
        "table", "--spec", "notebooks-md/stem_gender_gap.yaml", "--omit", "year[*]",
        "--rename", "female=Female", "--format", format,
      ], in: Snapshot.repositoryRoot)
    #expect(result.status == 0, "\(result.stderr)")
    try Snapshot.check(result.stdout, named: "table-study.\(format)")
  }
}

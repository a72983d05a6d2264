import Foundation
import Testing
import VETStat

/// `vetstat simulate` and `vetstat describe --unit --time --group` end to end.
@Suite struct PanelCommandTests {
  @Test func simulateWritesTheLibraryBytes() throws {
    let directory = try CLIRunner.temporaryDirectory()
    let out = directory.appendingPathComponent("learners.csv")
    let schools = directory.appendingPathComponent("schools.csv")
    let result = try CLIRunner.run([
      "simulate", "--learners", "120", "--seed", "5", "--out", out.path, "--schools-out",
      schools.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let panel = try LearnerPanelSimulator.simulate(learners: 120, seed: 5)
    #expect(try Data(contentsOf: out) == Data(panel.learnersCSV()))
    #expect(try Data(contentsOf: schools) == Data(panel.schoolsCSV()))
    #expect(result.stdout.contains("120 learners"))
  }

  @Test func simulateRejectsBadCountsWithExitTwo() throws {
    let directory = try CLIRunner.temporaryDirectory()
    let result = try CLIRunner.run([
      "simulate", "--learners", "0", "--seed", "1", "--out",
      directory.appendingPathComponent("x.csv").path,
    ])
    #expect(result.status == 2 && !result.crashed)
    #expect(result.stderr.contains("--learners must be between 1"))
    let missingFolder = try CLIRunner.run([
      "simulate", "--learners", "3", "--seed", "1", "--out", "/nonexistent-folder/x.csv",
    ])
    #expect(missingFolder.status == 2 && !missingFolder.crashed, "\(missingFolder.stderr)")
  }

  @Test func describeShowsThePanel() throws {
    let directory = try CLIRunner.temporaryDirectory()
    let file = directory.appendingPathComponent("p.csv")
    try Data("id,year,school\n1,2015,a\n1,2017,a\n2,2015,a\n2,2016,b\n3,2016,b\n".utf8)
      .write(to: file)
    let result = try CLIRunner.run([
      "describe", file.path, "--unit", "id", "--time", "year", "--group", "school",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("panel: unit id, time year, group school"))
    #expect(result.stdout.contains("rows per unit        min 1, median 2, max 2"))
    #expect(result.stdout.contains("gaps                 1 missing periods in 1 units"))
    #expect(result.stdout.contains("units changing group 1"))
  }

  @Test func describeReportsDuplicatesAndBadDeclarations() throws {
    let directory = try CLIRunner.temporaryDirectory()
    let file = directory.appendingPathComponent("p.csv")
    try Data("id,year\n1,2015\n1,2015\n2,2016\n".utf8).write(to: file)
    let duplicate = try CLIRunner.run(["describe", file.path, "--unit", "id", "--time", "year"])
    #expect(duplicate.status == 2 && !duplicate.crashed)
    #expect(duplicate.stderr.contains("id=1, year=2015 (rows 1, 2)"))
    let typo = try CLIRunner.run(["describe", file.path, "--unit", "idd", "--time", "year"])
    #expect(typo.status == 2 && typo.stderr.contains("did you mean 'id'?"))
    let half = try CLIRunner.run(["describe", file.path, "--unit", "id"])
    #expect(half.status == 2 && half.stderr.contains("--unit and --time"))
  }
}

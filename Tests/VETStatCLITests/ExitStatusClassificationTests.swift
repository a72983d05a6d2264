import DataTable
import Foundation
import Models
import Testing
import VETStat

@testable import vetstat

/// Model errors map to the CLI contract's exit codes (DESIGN.md section 3): bad input is 2, an
/// analysis that could not be completed (no convergence) is 1. `ExitStatus` is the CLI's, so
/// these live with the CLI tests.
@Suite struct ExitStatusClassificationTests {
  @Test func aConstantOutcomeIsBadInput() throws {
    let table = try DataTable(columns: [.double("y", [0, 0, 0, 0]), .double("x", [1, 2, 3, 4])])
    do {
      _ = try GLM.fit("y ~ x", data: table, family: .logit)
      Issue.record("expected a model error")
    } catch let error as ModelError {
      #expect(ExitStatus.classify(error) == .badInput)
    }
  }

  @Test func nonConvergenceIsAnAnalysisFailure() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let path = root.appendingPathComponent("Tests/Fixtures/glm/spector.csv").path
    let data = try CSVReader.read(path: path)
    do {
      _ = try GLM.fit(
        "GRADE ~ GPA + TUCE + PSI", data: data, family: .probit,
        control: GLMControl(maxIterations: 2))
      Issue.record("expected a convergence error")
    } catch let error as ConvergenceError {
      #expect(ExitStatus.classify(error) == .analysisFailed)
    }
  }

  @Test func aRefusedPublicationIsAnAnalysisFailure() {
    #expect(ExitStatus.classify(PublicationRefused(reason: "test")) == .analysisFailed)
  }
}

import Foundation
import Testing
import VETStat

/// Errors read the same through Foundation's `localizedDescription` as the CLI prints them, so a
/// library user who writes `print(error.localizedDescription)` sees the reason, not "The
/// operation could not be completed. (Formula.FormulaError error 9.)".
@Suite struct ErrorMessageTests {
  @Test func thrownFormulaErrorExplainsItself() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let table = try CSVReader.read(
      path: root.appendingPathComponent("datasets/vet_learners_sample.csv").path)
    do {
      _ = try OLS.fit("stem_score ~ femal + ses", data: table)
      Issue.record("an unknown column must throw")
    } catch {
      let message = error.localizedDescription
      #expect(message == String(describing: error))
      #expect(message.contains("femal") && !message.contains("could not be completed"))
    }
  }

  @Test func everyModuleErrorUsesItsDescription() {
    let errors: [any Error] = [
      FormulaError.notNumeric(formula: "y ~ x", name: "x"),
      DataError.emptyFile(file: "learners.csv"),
      ModelError.tooFewClusters(column: "school_id", count: 1),
      LinearAlgebraError.notPositiveDefinite(leadingMinor: 3),
      SpecError(file: "study.yaml", issues: []),
    ]
    for error in errors {
      #expect(error.localizedDescription == String(describing: error))
      #expect(!error.localizedDescription.contains("could not be completed"))
    }
  }
}

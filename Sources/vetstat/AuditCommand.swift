import ArgumentParser
import Foundation
import VETStat

/// `vetstat audit OUT_DIR`.
struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: "Check that no withheld cell of a study's published tables can be recovered.",
    discussion: """
      Reads OUT_DIR/results.json (what the study published; never the data) and, for every
      withheld count, computes the interval of values it can take given every count published
      from the same rows (linear programming over the finest cross-classification, counts >= 0).
      A cell is protected when its interval is at least min_cell (from the provenance) wide.

      Exit codes: 0 every withheld cell is protected, 1 some interval is narrower than min_cell
      (the cells are listed), 2 results.json is missing or unreadable.

      Example:
        vetstat audit out/gender-gap
      """)

  @Argument(help: "A study's output folder (holding results.json).")
  var folder: String

  func run() throws {
    let audit: StudyAudit
    do {
      audit = try StudyAudit.run(folder: URL(fileURLWithPath: folder))
    } catch {
      FileHandle.standardError.write(Data("vetstat: error: \(error)\n".utf8))
      throw ExitCode(ExitStatus.badInput.rawValue)
    }
    let text = audit.text()
    if audit.passed {
      print(text)
      return
    }
    print(text)
    throw ExitCode(ExitStatus.analysisFailed.rawValue)
  }
}

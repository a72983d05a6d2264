import ArgumentParser
import Foundation
import VETStat

/// `vetstat`: the command-line face of VETStat.
///
/// Each subcommand only parses its options, calls the library and renders the result; exit codes
/// follow DESIGN.md (0 ok, 1 analysis failed, 2 bad input).
@main
struct Vetstat: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vetstat",
    abstract: "Statistics for longitudinal learner data (VET and lifelong learning).",
    discussion: """
      Examples (run from the repository root):
        vetstat fit datasets/demo/stem_scores_demo.csv \\
          --formula "score ~ female + ses + C(year)" --cluster school_id
        vetstat fit datasets/vet_learners_sample.csv \\
          --formula "stem_score ~ female + ses" --vcov hc1 --json
        vetstat table datasets/demo/stem_scores_demo.csv \\
          --formula "score ~ female" --formula "score ~ female + ses" \\
          --cluster school_id --out table.docx
        vetstat describe datasets/vet_learners_sample.csv --unit learner_id \\
          --time year --group school_id
        vetstat simulate --learners 500 --seed 2030 --out panel.csv
        vetstat run notebooks-md/stem_gender_gap.yaml
        vetstat validate notebooks-md/stem_gender_gap.yaml
        vetstat render notebooks-md/stem_gender_gap.md
      """,
    version: VETStatVersion.current,
    subcommands: [
      RunCommand.self, ValidateCommand.self, RenderCommand.self, FitCommand.self,
      TableCommand.self, DescribeCommand.self, SimulateCommand.self, AuditCommand.self,
    ]
  )

  /// Parses, runs, and maps every failure to exit code 1 or 2 with a one-line message on stderr.
  static func main() {
    BLASKernelSelection.reexecuteIfMisdetected()
    AllocatorTuning.preferHeapForLargeArrays()
    // VETStat parallelises its own hot loops (CSV parsing, QR blocks, cross products); OpenBLAS's
    // threads on top of those, or on a busy machine, spin and contend. One BLAS thread unless
    // the user sets OPENBLAS_NUM_THREADS.
    if ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] == nil { BLAS.setThreads(1) }
    if let problem = RepeatedOptionCheck.problem(Array(CommandLine.arguments.dropFirst())) {
      FileHandle.standardError.write(Data("Error: \(problem)\n".utf8))
      Foundation.exit(ExitStatus.badInput.rawValue)
    }
    let command: any ParsableCommand
    do {
      command = try parseAsRoot()
    } catch {
      // Help and version requests are "errors" that exit 0 through the parser's own path.
      let code = exitCode(for: error)
      if code == .success { exit(withError: error) }
      FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
      Foundation.exit(ExitStatus.badInput.rawValue)
    }
    do {
      var runnable = command
      try runnable.run()
    } catch let error as ExitCode {
      Foundation.exit(error.rawValue)
    } catch {
      // `--help` on a subcommand surfaces here, from the parser's help command.
      if exitCode(for: error) == .success { exit(withError: error) }
      FileHandle.standardError.write(Data("vetstat: error: \(error)\n".utf8))
      Foundation.exit(ExitStatus.classify(error).rawValue)
    }
  }
}

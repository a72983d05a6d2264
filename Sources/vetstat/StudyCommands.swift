import ArgumentParser
import Foundation
import VETStat

/// A progress line on stderr, only when stderr is a terminal.
enum Progress {
  static var enabled: Bool { isatty(STDERR_FILENO) == 1 }

  /// Shows what is being done before the analyses start (reading and checking large data files
  /// can take seconds); the next progress line overwrites it.
  static func note(_ text: String) {
    guard enabled else { return }
    FileHandle.standardError.write(Data("\r\(text)".utf8))
  }

  static func callback() -> (@Sendable (Int, Int, String) -> Void)? {
    guard enabled else { return nil }
    return { done, total, name in
      let line = "\r[\(done)/\(total)] \(name)" + (done == total ? "\n" : "")
      FileHandle.standardError.write(Data(line.utf8))
    }
  }
}

/// `vetstat run SPEC [--out DIR] [--force]`.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a study spec and write its report (report.md, results.json, tables, figures).",
    discussion: """
      SPEC is a YAML study spec or a Markdown notebook with one ```yaml study block. The report
      goes to DIR (default: the spec's outputs.folder, or out/<study name>; for a notebook
      <notebook>_files beside it). Files are written to a temporary folder and moved into place
      only when every analysis succeeded.

      DIR may be a new folder, an empty folder, or a report folder VETStat wrote before (it holds
      a .vetstat-report.json marker): the same study's report is replaced, another study's only
      with --force. A folder holding anything else is refused (exit 2) and left untouched, with
      or without --force; so are /, the home folder, the working directory and the folders of
      the spec and data files (and every folder above them).

      Exit codes: 0 success, 1 an analysis could not be completed, 2 bad spec, data or output
      folder.

      Examples:
        vetstat run notebooks-md/stem_gender_gap.yaml
        vetstat run notebooks-md/stem_gender_gap.yaml --out out/gender-gap
        vetstat run notebooks-md/stem_gender_gap.yaml --out out/other-study --force
        vetstat run notebooks-md/stem_gender_gap.md
      """)

  @Argument(help: "Study spec (.yaml) or notebook (.md).")
  var spec: String

  @Option(help: "Output folder (default: outputs.folder of the spec, or out/<study name>).")
  var out: String?

  @Flag(
    help: """
      Replace the output folder even when it holds another study's VETStat report (never a \
      folder VETStat did not write).
      """)
  var force = false

  func run() throws {
    Progress.note("reading and checking the data of \(spec) ...")
    let (result, folder) = try Study.run(
      spec: spec, out: out, force: force, progress: Progress.callback())
    print("\(result.study.spec.study): \(result.outcomes.count) analyses -> \(folder.path)")
  }
}

/// `vetstat validate SPEC [--out DIR] [--force]`.
struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check a study spec and its data without fitting anything.",
    discussion: """
      Reports every problem with the spec's file, line and key path (unknown keys with the
      nearest valid key, wrong types, unknown columns, impossible models, bad expressions,
      missing files, join keys, analysis names, output folders: the same checks as run, so a
      spec that validates cannot be refused by run). Exit code 2 when there is any.

      Examples:
        vetstat validate notebooks-md/stem_gender_gap.yaml
        vetstat validate notebooks-md/stem_gender_gap.yaml --out out/gender-gap
        vetstat validate notebooks-md/stem_gender_gap.md
      """)

  @Argument(help: "Study spec (.yaml) or notebook (.md).")
  var spec: String

  @Option(help: "Output folder to check (as for run).")
  var out: String?

  @Flag(help: "Check the output folder as run --force would.")
  var force = false

  func run() throws {
    Progress.note("reading and checking the data of \(spec) ...")
    let study = try Study.validate(spec: spec, out: out, force: force)
    if Progress.enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    print(
      "\(spec): ok (\(study.data.rowCount) rows, \(study.analyses.count) analyses: "
        + study.analyses.map { "\($0.spec.name) [\($0.spec.kind)]" }.joined(separator: ", ") + ")")
  }
}

/// `vetstat render NOTEBOOK.md`.
struct RenderCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "render",
    abstract: "Re-run a notebook's study and rewrite its output section in place.",
    discussion: """
      The notebook holds one ```yaml study block. Its generated section (between the
      vetstat:output markers, added after the block the first time) is replaced atomically;
      figures and tables go to <notebook>_files/ beside it.

      Example:
        vetstat render notebooks-md/stem_gender_gap.md
      """)

  @Argument(help: "Markdown notebook.")
  var notebook: String

  func run() throws {
    let folder = try Study.render(notebook: notebook)
    print("\(notebook): rendered (files in \(folder.path))")
  }
}

import Foundation

/// The whole job of `vetstat run`, `validate` and `render` as library calls.
///
/// ```swift
/// let outcome = try Study.run(spec: "notebooks-md/stem_gender_gap.yaml")
/// print(outcome.folder.path)  // out/<study slug>/report.md, results.json, tables/, figures/
/// ```
public enum Study {
  /// Checks a spec and its data without fitting, and that the report may be written to its
  /// output folder (`OutputFolderPolicy`).
  /// - Parameters:
  ///   - path: spec (YAML or notebook).
  ///   - out: `--out DIR`, if given.
  ///   - force: `--force`: the output folder may hold another study's report.
  /// - Returns: the prepared study.
  /// - Throws: `SpecError` listing every problem with key path and line.
  public static func validate(spec path: String, out: String? = nil, force: Bool = false) throws
    -> PreparedStudy
  {
    try StudyPlanner.prepare(
      path: path, outputOverride: out, defaultOutput: notebookFolder(path), force: force)
  }

  /// Runs a study and writes its report.
  /// - Parameters:
  ///   - path: spec (YAML or notebook).
  ///   - out: `--out DIR`, if given.
  ///   - force: `--force`: replace a report folder of another study (never a folder VETStat
  ///     did not write).
  ///   - created: provenance timestamp (tests fix it).
  ///   - progress: progress callback (done, total, analysis).
  /// - Returns: the result and the folder written.
  /// - Throws: `SpecError` (exit 2), `StudyRunError` (exit 1 or 2), `OutputFolderError` (exit 2
  ///   for a refused or impossible folder, else 1), `StudyIOError` (exit 1),
  ///   `StudyProtectionError` or `PublicationRefused` (exit 1: the disclosure audit of the
  ///   written report failed; nothing is published).
  @discardableResult
  public static func run(
    spec path: String, out: String? = nil, force: Bool = false, created: String? = nil,
    progress: (@Sendable (Int, Int, String) -> Void)? = nil
  ) throws -> (result: StudyResult, folder: URL) {
    let prepared = try validate(spec: path, out: out, force: force)
    let result = try StudyRunner.run(prepared, created: created, progress: progress)
    let prefix = notebookFolder(path).map { $0.lastPathComponent + "/" } ?? ""
    try OutputWriter.write(
      try ReportBuilder.files(result, linkPrefix: out == nil ? prefix : ""),
      to: prepared.outputDirectory, study: prepared.spec.study, force: force,
      producers: ReportFileOwners.owners(result),
      check: { folder in
        guard prepared.spec.disclosure.complementary else { return }
        try PublicationAudit.check(folder: folder)
      })
    return (result, prepared.outputDirectory)
  }

  /// Re-runs a notebook's study and rewrites its output section in place (atomically).
  ///
  /// The report files go to `<notebook>_files/` beside the notebook.
  /// - Returns: the folder of the report files.
  @discardableResult
  public static func render(notebook path: String, created: String? = nil) throws -> URL {
    let (result, folder) = try run(spec: path, created: created)
    let prefix = folder.lastPathComponent + "/"
    let files = try ReportBuilder.files(result, linkPrefix: prefix)
    guard let report = files.first(where: { $0.path == "report.md" })?.contents else {
      return folder
    }
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw StudyIOError.cannotRead(path)
    }
    // The notebook keeps its own title: the report's first heading is dropped, others move down.
    let body = report.components(separatedBy: "\n").dropFirst().map {
      $0.hasPrefix("#") ? "#" + $0 : $0
    }
    .joined(separator: "\n")
    try OutputWriter.replace(
      URL(fileURLWithPath: path), with: NotebookBlock.replacingOutput(in: text, with: body))
    return folder
  }

  /// For a notebook `dir/name.md`, the folder `dir/name_files` (its figures live beside it).
  static func notebookFolder(_ path: String) -> URL? {
    let lower = path.lowercased()
    guard lower.hasSuffix(".md") || lower.hasSuffix(".markdown") else { return nil }
    let url = URL(fileURLWithPath: path).standardizedFileURL
    return url.deletingLastPathComponent().appendingPathComponent(
      url.deletingPathExtension().lastPathComponent + "_files")
  }
}

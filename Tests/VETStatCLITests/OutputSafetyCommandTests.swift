import Foundation
import Testing

/// Issue 17 through the command line: `run --out` over foreign files exits 2 and leaves them
/// untouched (also with `--force`); input folders, `/`, home and the working directory are
/// refused by `validate` and `run`; an impossible folder exits 2; re-running into its own folder
/// works, another study's needs `--force`; long names fail at validate; CRLF notebooks run; a
/// quoted empty field in a number column is missing.
@Suite struct OutputSafetyCommandTests {
  static let demo = StudyCommandTests.root.appendingPathComponent(
    "datasets/demo/stem_scores_demo.csv"
  ).path

  /// A spec beside nothing else, in a fresh folder.
  static func spec(study: String = "Safety", name: String = "gap", in folder: URL? = nil) throws
    -> URL
  {
    let directory = try folder ?? CLIRunner.temporaryDirectory()
    let url = directory.appendingPathComponent("spec.yaml")
    let text = """
      study: \(study)
      data: {path: \(demo)}
      analyses:
        - {name: "\(name)", kind: ols, formula: "score ~ female + ses"}
      outputs: [json, csv]

      """
    try Data(text.utf8).write(to: url)
    return url
  }

  static func files(under folder: URL) -> [String: Data] {
    var out: [String: Data] = [:]
    guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [:] }
    for case let path as String in enumerator {
      let url = folder.appendingPathComponent(path)
      if let data = FileManager.default.contents(atPath: url.path) { out[path] = data }
    }
    return out
  }

  @Test func foreignFolderIsRefusedAndUntouchedWithOrWithoutForce() throws {
    let spec = try Self.spec().path
    let base = try CLIRunner.temporaryDirectory()
    let victim = base.appendingPathComponent("victim")
    try FileManager.default.createDirectory(
      at: victim.appendingPathComponent("sub"), withIntermediateDirectories: true)
    try Data("a".utf8).write(to: victim.appendingPathComponent("a.txt"))
    try Data("b".utf8).write(to: victim.appendingPathComponent("sub/b.txt"))
    let before = Self.files(under: victim)
    for arguments in [
      ["run", spec, "--out", victim.path], ["run", spec, "--out", victim.path, "--force"],
      ["validate", spec, "--out", victim.path],
      ["validate", spec, "--out", victim.path, "--force"],
    ] {
      let result = try CLIRunner.run(arguments)
      #expect(!result.crashed)
      #expect(result.status == 2, "\(arguments): \(result.stderr)")
      #expect(
        result.stderr.contains(victim.path) && result.stderr.contains("a.txt")
          && result.stderr.contains("--out"), "\(result.stderr)")
      #expect(Self.files(under: victim) == before)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["victim"])
  }

  @Test func inputFoldersRootHomeAndWorkingDirectoryAreRefused() throws {
    let specFolder = try CLIRunner.temporaryDirectory()
    let spec = try Self.spec(in: specFolder).path
    // The working directory is a folder two levels down, so its ancestors are temporary too.
    let work = try CLIRunner.temporaryDirectory().appendingPathComponent("a/b")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    let home = FileManager.default.homeDirectoryForCurrentUser.path
    let data = URL(fileURLWithPath: Self.demo).deletingLastPathComponent().path
    let outs = [
      specFolder.path, data, "/", "//", home, work.path, work.deletingLastPathComponent().path,
      ".", "..", "../..",
    ]
    for out in outs {
      for command in ["validate", "run"] {
        let result = try CLIRunner.run([command, spec, "--out", out, "--force"], in: work)
        #expect(!result.crashed)
        #expect(result.status == 2, "\(command) --out \(out): \(result.stderr)")
        #expect(result.stderr.contains("--out: the output folder"), "\(result.stderr)")
      }
    }
    #expect(FileManager.default.fileExists(atPath: spec))
    #expect(FileManager.default.fileExists(atPath: work.path))
  }

  @Test func impossibleOrUnwritableFolderExitsTwoNamingIt() throws {
    let spec = try Self.spec().path
    let base = try CLIRunner.temporaryDirectory()
    let file = base.appendingPathComponent("plain-file")
    try Data("x".utf8).write(to: file)
    var outs = [file.appendingPathComponent("report").path, file.path]
    if FileManager.default.fileExists(atPath: "/proc/self") {
      outs.append("/proc/vetstat-\(UUID().uuidString)/report")
    }
    if getuid() != 0 {
      let locked = base.appendingPathComponent("locked")
      try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
      try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked.path)
      outs.append(locked.appendingPathComponent("report").path)
    }
    for out in outs {
      let result = try CLIRunner.run(["run", spec, "--out", out])
      #expect(!result.crashed)
      #expect(result.status == 2, "\(out): \(result.stderr)")
      #expect(result.stderr.contains(out), "\(result.stderr)")
    }
    #expect(try String(contentsOf: file, encoding: .utf8) == "x")
  }

  @Test func ownFolderIsReplacedAnotherStudysNeedsForce() throws {
    let out = try CLIRunner.temporaryDirectory().appendingPathComponent("report")
    let first = try Self.spec(study: "First").path
    #expect(try CLIRunner.run(["run", first, "--out", out.path]).status == 0)
    let again = try CLIRunner.run(["run", first, "--out", out.path])
    #expect(again.status == 0, "\(again.stderr)")
    let second = try Self.spec(study: "Second").path
    for command in ["validate", "run"] {
      let refused = try CLIRunner.run([command, second, "--out", out.path])
      #expect(refused.status == 2 && refused.stderr.contains("--force"), "\(refused.stderr)")
    }
    let marker = out.appendingPathComponent(".vetstat-report.json")
    #expect(try String(contentsOf: marker, encoding: .utf8).contains("\"First\""))
    let forced = try CLIRunner.run(["run", second, "--out", out.path, "--force"])
    #expect(forced.status == 0, "\(forced.stderr)")
    #expect(try String(contentsOf: marker, encoding: .utf8).contains("\"Second\""))
    let help = try CLIRunner.run(["run", "--help"])
    #expect(help.stdout.contains("--force"))
  }

  @Test func longAnalysisNameFailsAtValidateNotAtRun() throws {
    let name = String(repeating: "n", count: 300)
    let spec = try Self.spec(name: name).path
    let out = try CLIRunner.temporaryDirectory().appendingPathComponent("report")
    for command in ["validate", "run"] {
      let result = try CLIRunner.run([command, spec, "--out", out.path])
      #expect(result.status == 2, "\(command): \(result.stderr)")
      #expect(result.stderr.contains("spec.yaml:4: analyses[0].name:"), "\(result.stderr)")
    }
    let reserved = try CLIRunner.run(["validate", try Self.spec(name: "regressions").path])
    #expect(reserved.status == 2 && reserved.stderr.contains("analyses[0].name"))
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  @Test func notebookWithCRLFLineEndsRuns() throws {
    let directory = try CLIRunner.temporaryDirectory()
    let notebook = directory.appendingPathComponent("crlf.md")
    let text = [
      "# CRLF notebook", "", "```yaml study", "study: CRLF", "data: {path: \(Self.demo)}",
      "analyses:", "  - {name: means, kind: indicator, measure: \"mean(score)\", by: [year]}",
      "```", "", "Closing prose.", "",
    ].joined(separator: "\r\n")
    try Data(text.utf8).write(to: notebook)
    let validate = try CLIRunner.run(["validate", notebook.path])
    #expect(validate.status == 0, "\(validate.stderr)")
    let render = try CLIRunner.run(["render", notebook.path])
    #expect(render.status == 0, "\(render.stderr)")
    let rendered = try String(contentsOf: notebook, encoding: .utf8)
    #expect(rendered.contains("vetstat:output begin") && rendered.contains("Closing prose."))
    let bytes = Array(rendered.utf8)
    let lone = zip(bytes.indices, bytes).filter {
      $0.1 == 10 && ($0.0 == 0 || bytes[$0.0 - 1] != 13)
    }
    #expect(lone.isEmpty, "the notebook keeps its CRLF line ends")
    // A CRLF error is still reported at the notebook's line of the key.
    let bad = text.replacingOccurrences(of: "by: [year]", with: "by: [yeer]")
    try Data(bad.utf8).write(to: notebook)
    let error = try CLIRunner.run(["validate", notebook.path])
    #expect(
      error.status == 2 && error.stderr.contains("crlf.md:7: analyses[0].by"), "\(error.stderr)")
  }

  @Test func renderRefusesAForeignFilesFolderAndLeavesTheNotebook() throws {
    let directory = try CLIRunner.temporaryDirectory()
    let notebook = directory.appendingPathComponent("nb.md")
    let text = [
      "# Notebook", "", "```yaml study", "study: Render safety", "data: {path: \(Self.demo)}",
      "analyses:", "  - {name: means, kind: indicator, measure: \"mean(score)\", by: [year]}",
      "```", "",
    ].joined(separator: "\n")
    try Data(text.utf8).write(to: notebook)
    let files = directory.appendingPathComponent("nb_files")
    try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
    try Data("mine".utf8).write(to: files.appendingPathComponent("draft.md"))
    let result = try CLIRunner.run(["render", notebook.path])
    #expect(result.status == 2 && result.stderr.contains("draft.md"), "\(result.stderr)")
    #expect(try String(contentsOf: notebook, encoding: .utf8) == text)
    #expect(Self.files(under: files) == ["draft.md": Data("mine".utf8)])
  }
}

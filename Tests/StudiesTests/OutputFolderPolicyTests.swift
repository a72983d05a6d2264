import Foundation
import Testing

@testable import Studies

/// Issue 17, outputs that never destroy: a report replaces only an empty folder or a report
/// folder VETStat wrote (of the same study, or of another with `force`); foreign files are never
/// touched; input folders, `/`, home and the working directory are refused however they are
/// spelled; failures leave neither a temporary folder nor a silent leftover.
@Suite struct OutputFolderPolicyTests {
  /// Bad input in the CLI's sense (exit 2): a spec error or a refused or impossible folder.
  static func isBadInput(_ error: any Error) -> Bool {
    if error is SpecError { return true }
    if let error = error as? OutputFolderError { return error.isBadInput }
    return false
  }

  static let demo = StudyFixtures.root.appendingPathComponent(
    "datasets/demo/stem_scores_demo.csv"
  ).path

  /// A spec over the demo data (absolute path), with the given study name and analyses.
  static func spec(study: String = "Policy study", analyses: String? = nil) throws -> String {
    let list =
      analyses ?? """
          - {name: means, kind: indicator, measure: "mean(score)", by: [year]}
          - {name: gap, kind: ols, formula: "score ~ female + ses"}
        """
    return try StudyFixtures.make(
      spec: "study: \(study)\ndata: {path: \(demo)}\nanalyses:\n\(list)\noutputs: [json, csv]\n",
      files: [:]
    ).spec
  }

  /// Every file under a folder with its bytes, by relative path.
  static func snapshot(_ folder: URL) throws -> [String: Data] {
    var out: [String: Data] = [:]
    guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [:] }
    for case let path as String in enumerator {
      let url = folder.appendingPathComponent(path)
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        out[path] = try Data(contentsOf: url)
      }
    }
    return out
  }

  static func temporary() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vetstat-policy-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The `--out` issues of a spec error (empty when the error is something else).
  static func outIssues(_ error: any Error) -> [SpecIssue] {
    (error as? SpecError)?.issues.filter { $0.keyPath == "--out" } ?? []
  }

  @Test func foreignFilesNestedOrNotAreNeverTouchedEvenWithForce() throws {
    let spec = try Self.spec()
    let base = try Self.temporary()
    let victim = base.appendingPathComponent("victim")
    try FileManager.default.createDirectory(
      at: victim.appendingPathComponent("sub/deeper"), withIntermediateDirectories: true)
    try Data("a".utf8).write(to: victim.appendingPathComponent("a.txt"))
    try Data("b".utf8).write(to: victim.appendingPathComponent("sub/b.txt"))
    try Data("c".utf8).write(to: victim.appendingPathComponent("sub/deeper/c.csv"))
    let before = try Self.snapshot(victim)
    for force in [false, true] {
      #expect {
        try Study.run(spec: spec, out: victim.path, force: force)
      } throws: { error in
        let issues = Self.outIssues(error)
        return Self.isBadInput(error) && issues.count == 1
          && issues[0].message.contains(victim.path) && issues[0].message.contains("a.txt")
          && issues[0].message.contains("sub/b.txt")
      }
      #expect(try Self.snapshot(victim) == before, "force \(force)")
    }
    // Only the victim is in the base folder: no temporary or previous folder was left.
    #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["victim"])
  }

  @Test func aFileVETStatDidNotListMakesItsOwnFolderForeign() throws {
    let spec = try Self.spec()
    let out = try Self.temporary().appendingPathComponent("report")
    try Study.run(spec: spec, out: out.path)
    let notes = out.appendingPathComponent("tables/my_notes.txt")
    try Data("keep me".utf8).write(to: notes)
    for force in [false, true] {
      #expect(throws: SpecError.self) { try Study.run(spec: spec, out: out.path, force: force) }
    }
    #expect(try String(contentsOf: notes, encoding: .utf8) == "keep me")
  }

  @Test func rerunReplacesItsOwnFolderWhole() throws {
    let base = try Self.temporary()
    let out = base.appendingPathComponent("report")
    let two = try Self.spec()
    try Study.run(spec: two, out: out.path)
    #expect(
      FileManager.default.fileExists(atPath: out.appendingPathComponent("tables/means.csv").path))
    // The same study with one analysis fewer: the folder is replaced, not merged.
    let one = try Self.spec(
      analyses: "  - {name: gap, kind: ols, formula: \"score ~ female + ses\"}")
    try Study.run(spec: one, out: out.path)
    let files = Set(try Self.snapshot(out).keys)
    #expect(
      files == ["results.json", "tables/regressions.csv", ReportFolderMarker.fileName],
      "\(files.sorted())")
    guard case .report(let study) = ReportFolderMarker.state(of: out) else {
      Issue.record("not recognised as a report folder")
      return
    }
    #expect(study == "Policy study")
    #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["report"])
  }

  @Test func anotherStudysFolderNeedsForce() throws {
    let out = try Self.temporary().appendingPathComponent("report")
    try Study.run(spec: try Self.spec(study: "First study"), out: out.path)
    let second = try Self.spec(study: "Second study")
    #expect {
      try Study.validate(spec: second, out: out.path)
    } throws: { error in
      Self.outIssues(error).first?.message.contains("'First study'") == true
    }
    #expect(throws: SpecError.self) { try Study.run(spec: second, out: out.path) }
    #expect(ReportFolderMarker.state(of: out) == .report(study: "First study"))
    _ = try Study.validate(spec: second, out: out.path, force: true)
    try Study.run(spec: second, out: out.path, force: true)
    #expect(ReportFolderMarker.state(of: out) == .report(study: "Second study"))
  }

  @Test func emptyFolderIsUsed() throws {
    let out = try Self.temporary().appendingPathComponent("empty")
    try FileManager.default.createDirectory(
      at: out.appendingPathComponent("only/empty/folders"), withIntermediateDirectories: true)
    #expect(ReportFolderMarker.state(of: out) == .empty)
    try Study.run(spec: try Self.spec(), out: out.path)
    #expect(ReportFolderMarker.state(of: out) == .report(study: "Policy study"))
  }

  @Test func inputFoldersRootHomeAndWorkingDirectoryAreAlwaysRefused() throws {
    let spec = try Self.spec()
    let specFolder = URL(fileURLWithPath: spec).deletingLastPathComponent()
    let dataFolder = URL(fileURLWithPath: Self.demo).deletingLastPathComponent()
    let cwd = FileManager.default.currentDirectoryPath
    let home = FileManager.default.homeDirectoryForCurrentUser.path
    let link = try Self.temporary().appendingPathComponent("link-to-data")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: dataFolder)
    let refused = [
      specFolder.path, specFolder.path + "/", specFolder.path + "/data/..",
      dataFolder.path, dataFolder.deletingLastPathComponent().path, link.path,
      link.path + "/../link-to-data", "/", "//", "/tmp/..", "/./", home, home + "//", cwd,
      (cwd as NSString).deletingLastPathComponent, ".", "..",
    ]
    for out in refused {
      for force in [false, true] {
        #expect(throws: SpecError.self, "\(out)") {
          try Study.validate(spec: spec, out: out, force: force)
        }
        #expect {
          try Study.run(spec: spec, out: out, force: force)
        } throws: { error in
          Self.isBadInput(error) && Self.outIssues(error).count == 1
        }
      }
    }
    #expect(FileManager.default.fileExists(atPath: spec))
    #expect(FileManager.default.fileExists(atPath: Self.demo))
  }

  /// A new subfolder of the data's folder is a fine place for the report; the data folder
  /// itself, and a folder holding an input, are not.
  @Test func reportMayGoIntoANewSubfolderOfTheDataFolder() throws {
    let base = try Self.temporary()
    let data = base.appendingPathComponent("data")
    try FileManager.default.createDirectory(
      at: data.appendingPathComponent("raw"), withIntermediateDirectories: true)
    let csv = data.appendingPathComponent("raw/panel.csv")
    try FileManager.default.copyItem(at: URL(fileURLWithPath: Self.demo), to: csv)
    let spec = base.appendingPathComponent("spec.yaml")
    try Data(
      """
      study: Beside the data
      data: {path: data/raw/panel.csv}
      analyses:
        - {name: means, kind: indicator, measure: "mean(score)", by: [year]}
      outputs: [json]

      """.utf8
    ).write(to: spec)
    let before = try Data(contentsOf: csv)
    let out = data.appendingPathComponent("report")
    try Study.run(spec: spec.path, out: out.path)
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("results.json").path))
    #expect(try Data(contentsOf: csv) == before)
    for refused in [data.appendingPathComponent("raw").path, data.path] {
      #expect(throws: SpecError.self, "\(refused)") {
        try Study.validate(spec: spec.path, out: refused, force: true)
      }
    }
  }

  @Test func canonicalPathsRemoveEverySpellingTrick() throws {
    #expect(OutputFolderPolicy.canonicalPath("//") == "/")
    #expect(OutputFolderPolicy.canonicalPath("/a//b/./c/../d/") == "/a/b/d")
    #expect(OutputFolderPolicy.canonicalPath("/../..") == "/")
    let base = try Self.temporary()
    let real = base.appendingPathComponent("real/inner")
    try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
    let link = base.appendingPathComponent("link")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
    let canonicalBase = OutputFolderPolicy.canonicalPath(base.path)
    // A link is resolved before a following `..` (POSIX): link/.. is real, not base.
    #expect(OutputFolderPolicy.canonicalPath(link.path + "/..") == canonicalBase + "/real")
    #expect(
      OutputFolderPolicy.canonicalPath(link.path + "/new/x") == canonicalBase + "/real/inner/new/x")
  }

  @Test func impossibleFoldersAreBadInput() throws {
    let spec = try Self.spec()
    let base = try Self.temporary()
    let file = base.appendingPathComponent("a-file")
    try Data().write(to: file)
    let long = base.appendingPathComponent(String(repeating: "x", count: 230)).path
    for out in [file.path + "/report", file.path, long] {
      #expect(throws: SpecError.self, "\(out)") { try Study.validate(spec: spec, out: out) }
    }
    // A parent that exists but cannot hold folders: the write itself fails, as bad input.
    let proc = "/proc/vetstat-\(UUID().uuidString)/report"
    if FileManager.default.fileExists(atPath: "/proc/self") {
      #expect {
        try Study.run(spec: spec, out: proc)
      } throws: { error in
        Self.isBadInput(error) && "\(error)".contains(proc)
      }
    }
    if getuid() != 0 {
      let locked = base.appendingPathComponent("locked")
      try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
      try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked.path)
      defer {
        try? FileManager.default.setAttributes(
          [.posixPermissions: 0o755], ofItemAtPath: locked.path)
      }
      #expect(throws: SpecError.self) {
        try Study.validate(spec: spec, out: locked.appendingPathComponent("report").path)
      }
    }
  }

  @Test func writerRefusesTwoFilesWithOnePathNamingBoth() throws {
    let base = try Self.temporary()
    let out = base.appendingPathComponent("report")
    let files = [
      ReportBuilder.File(path: "tables/regressions.csv", contents: "a"),
      ReportBuilder.File(path: "tables/Regressions.csv", contents: "b"),
    ]
    let producers = [
      "tables/regressions.csv": ["the report's regression table", "analysis 'Regressions'"]
    ]
    #expect {
      try OutputWriter.write(files, to: out, study: "S", producers: producers)
    } throws: { error in
      guard case .duplicatePath(_, let who) = error as? OutputFolderError else { return false }
      return who.count == 2 && !Self.isBadInput(error)
    }
    #expect(throws: OutputFolderError.self) {
      try OutputWriter.write(
        [ReportBuilder.File(path: ReportFolderMarker.fileName, contents: "{}")], to: out,
        study: "S")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).isEmpty)
  }

  @Test func writerChecksTheFolderAgainAtTheSwapAndLeavesNoTemporaryFolder() throws {
    let base = try Self.temporary()
    let out = base.appendingPathComponent("report")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    try Data("mine".utf8).write(to: out.appendingPathComponent("mine.txt"))
    let files = [ReportBuilder.File(path: "results.json", contents: "{}")]
    #expect {
      try OutputWriter.write(files, to: out, study: "S", force: true)
    } throws: { error in
      Self.isBadInput(error)
    }
    #expect(try Self.snapshot(out) == ["mine.txt": Data("mine".utf8)])
    #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["report"])
  }

  @Test func previousReportThatCannotBeRemovedIsReportedNotLeftSilently() throws {
    let base = try Self.temporary()
    let out = base.appendingPathComponent("report")
    let files = [ReportBuilder.File(path: "results.json", contents: "{\"run\": 1}")]
    try OutputWriter.write(files, to: out, study: "S")
    // A removal that always fails: the new report is in place, the leftover is named, exit 1.
    let second = [ReportBuilder.File(path: "results.json", contents: "{\"run\": 2}")]
    var leftover = ""
    #expect {
      try OutputWriter.write(
        second, to: out, study: "S", force: false, producers: [:],
        remove: { _ in throw CocoaError(.fileWriteNoPermission) })
    } throws: { error in
      guard case .previousNotRemoved(_, let left, _) = error as? OutputFolderError else {
        return false
      }
      leftover = left
      return !Self.isBadInput(error)
    }
    #expect(FileManager.default.fileExists(atPath: leftover))
    #expect(
      try String(contentsOf: out.appendingPathComponent("results.json"), encoding: .utf8)
        == "{\"run\": 2}")
    try FileManager.default.removeItem(atPath: leftover)
    // A removal that fails once and then works: retried, nothing left, no error.
    let attempts = Counter()
    try OutputWriter.write(
      files, to: out, study: "S", force: false, producers: [:],
      remove: { url in
        attempts.count += 1
        if attempts.count == 1 { throw CocoaError(.fileWriteNoPermission) }
        try FileManager.default.removeItem(at: url)
      })
    #expect(attempts.count == 2)
    #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["report"])
  }

  final class Counter: @unchecked Sendable { var count = 0 }
}

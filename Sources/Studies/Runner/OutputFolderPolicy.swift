import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a study's report may go (`--out`, `outputs.folder`, a notebook's `<name>_files`).
///
/// The folder may be new, an existing empty folder, or a report folder VETStat wrote before
/// (recognised by its `ReportFolderMarker`): its own study's is replaced, another study's only
/// with `--force`. Anything else that exists is refused, with or without `--force`. Always
/// refused: `/`, the home folder (or above it), the working directory or above it, and the folder
/// of any input file (spec, data, joins) or above it. A new subfolder of the data's folder (such
/// as `data/report/`) is allowed: it holds no input, and replacing it touches nothing else. Every
/// comparison uses the canonical path (`//`, `.` and `..` removed, links resolved), so no
/// spelling of a path slips past a rule. Problems are reported as spec errors (exit 2).
public enum OutputFolderPolicy {
  /// Longest name of the output folder itself, in bytes: the temporary folder beside it adds a
  /// dot and `.tmp-PID-RANDOM` and must stay within the 255-byte limit of file names.
  public static let maximumFolderNameBytes = 200

  /// The output folder of a study, checked against every rule above.
  /// - Parameters:
  ///   - spec: the parsed spec (its `outputs.folder`, data and joins).
  ///   - specPath: the spec file as given.
  ///   - override: `--out DIR` (relative to the working directory), if given.
  ///   - defaultOutput: the folder used when neither `--out` nor the spec names one.
  ///   - force: `--force`: another study's report folder may be replaced.
  ///   - diagnostics: where problems go, under the key path `--out` or `outputs.folder`.
  /// - Returns: the canonical output folder.
  static func outputFolder(
    _ spec: StudySpec, specPath: String, override: String?, defaultOutput: URL?, force: Bool,
    diagnostics: SpecDiagnostics
  ) -> URL {
    let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    let folder: URL
    let keyPath: String
    if let override {
      folder = SpecParser.resolve(override, base: cwd)
      keyPath = "--out"
    } else if let given = spec.outputs.folder {
      folder = given
      keyPath = "outputs.folder"
    } else {
      folder = defaultOutput ?? cwd.appendingPathComponent("out").appendingPathComponent(spec.slug)
      keyPath = "outputs.folder"
    }
    var inputs: [Input] = [
      Input(text: specPath, url: URL(fileURLWithPath: specPath), isData: false)
    ]
    if let data = spec.data {
      inputs.append(Input(text: data.pathText, url: data.path, isData: true))
      inputs += data.joins.map { Input(text: $0.pathText, url: $0.path, isData: true) }
    }
    for problem in problems(folder: folder.path, study: spec.study, inputs: inputs, force: force) {
      diagnostics.report(keyPath, line: spec.outputs.folderLine, problem)
    }
    return URL(fileURLWithPath: canonicalPath(folder.path), isDirectory: true)
  }

  /// An input file of the study.
  public struct Input: Sendable {
    /// The path as written (messages).
    public let text: String
    /// The file.
    public let url: URL
    /// True for data and join files.
    public let isData: Bool
  }

  /// Every reason why a report of `study` may not be written to `folder` (empty when it may).
  /// - Parameters:
  ///   - folder: the output folder as given (absolute or relative to the working directory).
  ///   - study: the study's name.
  ///   - inputs: the spec, data and join files.
  ///   - force: `--force`.
  /// - Returns: messages, each naming the folder.
  public static func problems(folder: String, study: String, inputs: [Input], force: Bool)
    -> [String]
  {
    let out = canonicalPath(folder)
    let named = "the output folder \(out)"
    if let reason = forbidden(out, inputs: inputs) { return ["\(named) \(reason)"] }
    if let reason = impossible(out) { return ["\(named) cannot be created: \(reason)"] }
    let state = ReportFolderMarker.state(of: URL(fileURLWithPath: out))
    if let reason = ReportFolderMarker.refusal(state, study: study, force: force) {
      return ["\(named) is refused: \(reason)"]
    }
    return []
  }

  /// Why `out` (canonical) is a folder that is never written, or `nil`.
  static func forbidden(_ out: String, inputs: [Input]) -> String? {
    if out == "/" { return "is the root folder; choose a new folder for the report" }
    let environment = ProcessInfo.processInfo.environment
    let homes: [String?] = [
      environment["HOME"], FileManager.default.homeDirectoryForCurrentUser.path,
    ]
    for case let home? in homes where !home.isEmpty {
      if isAncestorOrSelf(out, of: canonicalPath(home)) {
        return "is your home folder or a folder above it; choose a new folder for the report"
      }
    }
    if isAncestorOrSelf(out, of: canonicalPath(FileManager.default.currentDirectoryPath)) {
      return "is the working directory or a folder above it; choose a new folder for the report"
    }
    for input in inputs {
      let folder = canonicalPath(input.url.deletingLastPathComponent().path)
      if isAncestorOrSelf(out, of: folder) {
        return
          "holds the input file \(input.text) (it is that file's folder or a folder above it); "
          + "reports are never written over their inputs"
      }
    }
    return nil
  }

  /// Why the folder `out` (canonical) cannot be made, or `nil` when it looks possible.
  static func impossible(_ out: String) -> String? {
    if out.utf8.count > 3800 { return "the path is longer than the system allows" }
    if let name = out.split(separator: "/").last, name.utf8.count > maximumFolderNameBytes {
      return "its name has \(name.utf8.count) bytes (at most \(maximumFolderNameBytes))"
    }
    if let long = out.split(separator: "/").first(where: { $0.utf8.count > 255 }) {
      return "the folder name '\(long.prefix(40))...' is longer than 255 bytes"
    }
    // The report is written beside the folder and renamed into place: the nearest existing
    // folder above it must be writable.
    var probe = (out as NSString).deletingLastPathComponent
    while ReportFolderMarker.fileType(probe) == nil, probe != "/" {
      probe = (probe as NSString).deletingLastPathComponent
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: probe, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      return "\(probe) is not a folder"
    }
    if access(probe, W_OK | X_OK) != 0 {
      return "\(probe) is not writable (\(String(cString: strerror(errno))))"
    }
    return nil
  }

  /// True when `ancestor` is `path` or a folder above it (both canonical).
  static func isAncestorOrSelf(_ ancestor: String, of path: String) -> Bool {
    ancestor == path || path.hasPrefix(ancestor == "/" ? "/" : ancestor + "/")
  }

  /// The absolute path with `//`, `.` and `..` removed and every link resolved (POSIX order: a link
  /// is resolved before a following `..`).
  ///
  /// Parts that do not exist are kept as written.
  /// - Parameter path: absolute, or relative to the working directory; `~` is expanded.
  /// - Returns: the canonical path.
  public static func canonicalPath(_ path: String) -> String {
    let expanded = (path as NSString).expandingTildeInPath
    let absolute =
      expanded.hasPrefix("/")
      ? expanded : FileManager.default.currentDirectoryPath + "/" + expanded
    var parts: [String] = []
    var links = 0
    for component in absolute.split(separator: "/") {
      switch component {
      case ".": continue
      case "..": if !parts.isEmpty { parts.removeLast() }
      default:
        parts.append(String(component))
        let soFar = "/" + parts.joined(separator: "/")
        guard links < 64, ReportFolderMarker.fileType(soFar) == .typeSymbolicLink,
          let resolved = realpath(soFar, nil)
        else { continue }
        defer { free(resolved) }
        parts = String(cString: resolved).split(separator: "/").map(String.init)
        links += 1
      }
    }
    return "/" + parts.joined(separator: "/")
  }
}

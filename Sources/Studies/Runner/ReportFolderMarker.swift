import Foundation

/// The marker file VETStat writes into every report folder (`.vetstat-report.json`): the study's
/// name and every file of the report.
///
/// A folder is VETStat's own when it holds a valid marker and nothing beyond the files the marker
/// lists, so replacing it can never lose anything else.
public enum ReportFolderMarker {
  /// File name of the marker, at the top of the report folder.
  public static let fileName = ".vetstat-report.json"
  /// Schema of the marker document.
  public static let schema = "vetstat.report-folder/1"

  /// What is at an output folder now.
  public enum State: Sendable, Equatable {
    /// Nothing exists at the path.
    case absent
    /// An existing folder holding no files (empty sub-folders do not count).
    case empty
    /// A report folder of the named study, holding only the files its marker lists.
    case report(study: String)
    /// A folder holding files VETStat did not write: the first few (relative paths) and whether
    /// there are more.
    case foreign(files: [String], more: Bool)
    /// Something that is not a folder (a file, a link to a file, a device).
    case notAFolder
  }

  /// The marker for a report of `study` made of `files` (relative paths).
  public static func file(study: String, files: [String]) -> ReportBuilder.File {
    let document = JSONValue.object([
      ("schema", .string(schema)),
      ("study", .string(study)),
      ("files", .array(files.sorted().map { .string($0) })),
    ])
    return ReportBuilder.File(path: fileName, contents: document.serialized() + "\n")
  }

  /// Reads a marker: the study and the files it lists, or `nil` when it is not one.
  static func read(_ url: URL) -> (study: String, files: Set<String>)? {
    guard let data = FileManager.default.contents(atPath: url.path), data.count < 1 << 20,
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      object["schema"] as? String == schema, let study = object["study"] as? String,
      let files = object["files"] as? [String]
    else { return nil }
    return (study, Set(files))
  }

  /// Inspects an output folder without following links inside it.
  ///
  /// Stops after a few foreign files, so a large folder is not walked whole.
  /// - Parameter folder: the folder (already resolved).
  /// - Returns: what is there.
  public static func state(of folder: URL) -> State {
    let manager = FileManager.default
    guard let type = fileType(folder.path) else { return .absent }
    if type == .typeSymbolicLink {
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
        return .notAFolder
      }
      if !isDirectory.boolValue { return .notAFolder }
    } else if type != .typeDirectory {
      return .notAFolder
    }
    let marker =
      fileType(folder.appendingPathComponent(fileName).path) == .typeRegular
      ? read(folder.appendingPathComponent(fileName)) : nil
    let listed = marker?.files ?? []
    var foreign: [String] = []
    var more = false
    var pending = [""]
    walk: while let relative = pending.popLast() {
      let directory = relative.isEmpty ? folder : folder.appendingPathComponent(relative)
      guard let names = try? manager.contentsOfDirectory(atPath: directory.path) else {
        foreign.append(relative.isEmpty ? "." : relative + "/ (unreadable)")
        continue
      }
      for name in names.sorted() {
        let path = relative.isEmpty ? name : relative + "/" + name
        if fileType(directory.appendingPathComponent(name).path) == .typeDirectory {
          pending.append(path)
          continue
        }
        if path == fileName, marker != nil { continue }
        if listed.contains(path) { continue }
        if foreign.count == 5 {
          more = true
          break walk
        }
        foreign.append(path)
      }
    }
    if !foreign.isEmpty { return .foreign(files: foreign, more: more) }
    if let marker { return .report(study: marker.study) }
    return .empty
  }

  /// The type of the item at `path` itself (links are not followed), or `nil` when none.
  static func fileType(_ path: String) -> FileAttributeType? {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
      return nil
    }
    return attributes[.type] as? FileAttributeType
  }

  /// Why the folder in `state` may not be replaced by a report of `study`, or `nil` when it may.
  /// - Parameters:
  ///   - state: what is at the folder.
  ///   - study: the study about to be written.
  ///   - force: `--force`: replace another study's report.
  /// - Returns: the reason, worded to follow the folder's name ("it exists and is not a
  ///   folder"), or `nil` when the folder may be replaced.
  public static func refusal(_ state: State, study: String, force: Bool) -> String? {
    switch state {
    case .absent, .empty: return nil
    case .notAFolder: return "it exists and is not a folder"
    case .report(let other):
      if other == study || force { return nil }
      return
        "it holds the report of another study ('\(other)'); use --force to replace it"
    case .foreign(let files, let more):
      let list = files.joined(separator: ", ") + (more ? ", ..." : "")
      return
        "it is not empty and VETStat did not write it (it holds \(list)); VETStat only replaces "
        + "an empty folder or a report folder it wrote itself, with or without --force"
    }
  }
}

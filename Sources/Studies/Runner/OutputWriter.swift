import Foundation

/// Writes a report folder atomically: every file goes into a temporary folder beside the target,
/// which then replaces the target by rename.
///
/// A failed run leaves the previous report (or nothing) and never a half-written one, nor the
/// temporary folder. The folder is replaced only when `ReportFolderMarker` says it may be (empty,
/// or a report VETStat wrote), checked again at the moment of the swap; the new folder gets its own
/// marker.
public enum OutputWriter {
  /// Writes `files` into `folder`.
  /// - Parameters:
  ///   - files: the report's files (relative paths).
  ///   - folder: the output folder.
  ///   - study: the study's name, recorded in the folder's marker.
  ///   - force: replace a report folder of another study.
  ///   - producers: who makes each path (lower-cased), named when two files share a path.
  ///   - check: runs on the written temporary folder before it is renamed into place (the
  ///     disclosure audit); an error it throws leaves nothing published and the temporary
  ///     folder removed, and is rethrown.
  /// - Throws: `OutputFolderError` (refused or impossible folder: exit 2; two files with one
  ///   path, or a previous report that could not be removed: exit 1), `StudyIOError.cannotWrite`,
  ///   or what `check` throws.
  public static func write(
    _ files: [ReportBuilder.File], to folder: URL, study: String, force: Bool = false,
    producers: [String: [String]] = [:], check: (URL) throws -> Void = { _ in }
  ) throws {
    try write(
      files, to: folder, study: study, force: force, producers: producers, check: check,
      remove: { try FileManager.default.removeItem(at: $0) })
  }

  /// `write` with the removal of the previous report injectable (tests make it fail).
  static func write(
    _ files: [ReportBuilder.File], to folder: URL, study: String, force: Bool,
    producers: [String: [String]], check: (URL) throws -> Void = { _ in },
    remove: (URL) throws -> Void
  ) throws {
    try checkUnique(files, producers: producers)
    let all = files + [ReportFolderMarker.file(study: study, files: files.map(\.path))]
    let manager = FileManager.default
    let parent = folder.deletingLastPathComponent()
    let token = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    let temporary = parent.appendingPathComponent(".\(folder.lastPathComponent).tmp-\(token)")
    let previous = parent.appendingPathComponent(".\(folder.lastPathComponent).old-\(token)")
    do {
      try manager.createDirectory(at: parent, withIntermediateDirectories: true)
      try manager.createDirectory(at: temporary, withIntermediateDirectories: false)
    } catch {
      try? manager.removeItem(at: temporary)
      throw OutputFolderError.cannotCreate(folder: folder.path, reason: reason(error))
    }
    do {
      for file in all {
        let url = temporary.appendingPathComponent(file.path)
        try manager.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try (file.binary.map { Data($0) } ?? Data(file.contents.utf8)).write(to: url)
      }
      do {
        try check(temporary)
      } catch {
        throw CheckFailure(underlying: error)
      }
      let state = ReportFolderMarker.state(of: folder)
      if let why = ReportFolderMarker.refusal(state, study: study, force: force) {
        throw OutputFolderError.refused(folder: folder.path, reason: why)
      }
      if state != .absent { try manager.moveItem(at: folder, to: previous) }
      do {
        try manager.moveItem(at: temporary, to: folder)
      } catch {
        if state != .absent, (try? manager.moveItem(at: previous, to: folder)) == nil {
          throw StudyIOError.cannotWrite(
            folder.path,
            "\(reason(error)); the previous report could not be put back and is at "
              + previous.path)
        }
        throw error
      }
    } catch let failure as CheckFailure {
      try? manager.removeItem(at: temporary)
      throw failure.underlying
    } catch let error as OutputFolderError {
      try? manager.removeItem(at: temporary)
      throw error
    } catch let error as StudyIOError {
      try? manager.removeItem(at: temporary)
      throw error
    } catch {
      try? manager.removeItem(at: temporary)
      throw StudyIOError.cannotWrite(folder.path, reason(error))
    }
    try removePrevious(previous, of: folder, remove: remove)
  }

  /// Removes the previous report moved aside, retrying briefly (a file system may report a
  /// folder busy for a moment).
  /// - Throws: `OutputFolderError.previousNotRemoved` naming what is left.
  static func removePrevious(_ previous: URL, of folder: URL, remove: (URL) throws -> Void) throws {
    var last = ""
    for attempt in 0..<3 {
      guard ReportFolderMarker.fileType(previous.path) != nil else { return }
      do {
        try remove(previous)
      } catch {
        last = reason(error)
        usleep(UInt32(20_000 * (attempt + 1)))
      }
    }
    guard ReportFolderMarker.fileType(previous.path) != nil else { return }
    throw OutputFolderError.previousNotRemoved(
      folder: folder.path, leftover: previous.path, reason: last)
  }

  /// Refuses two files whose paths are equal, also when they differ only in letter case (one
  /// file on case-insensitive file systems), or a file named like the marker.
  /// - Throws: `OutputFolderError.duplicatePath` naming the producers of the path.
  static func checkUnique(_ files: [ReportBuilder.File], producers: [String: [String]]) throws {
    var seen: Set<String> = [ReportFolderMarker.fileName.lowercased()]
    for file in files {
      let key = file.path.lowercased()
      guard seen.insert(key).inserted else {
        throw OutputFolderError.duplicatePath(path: file.path, producers: producers[key] ?? [])
      }
    }
  }

  static func reason(_ error: any Error) -> String {
    let ns = error as NSError
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain,
      let code = POSIXErrorCode(rawValue: Int32(underlying.code))
    {
      return String(cString: strerror(code.rawValue))
    }
    return error.localizedDescription
  }

  /// What the pre-publication check threw, kept apart from file system errors.
  private struct CheckFailure: Error {
    let underlying: any Error
  }

  /// Replaces a text file atomically (write beside, then rename).
  public static func replace(_ url: URL, with text: String) throws {
    do {
      try Data(text.utf8).write(to: url, options: .atomic)
    } catch {
      throw StudyIOError.cannotWrite(url.path, error.localizedDescription)
    }
  }
}

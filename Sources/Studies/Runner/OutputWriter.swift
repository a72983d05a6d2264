import Foundation

/// Writes a report folder atomically: every file goes into a temporary folder beside the target,
/// which then replaces the target by rename. A failed run leaves the previous report (or nothing)
/// and never a half-written one.
public enum OutputWriter {
  /// Writes `files` into `folder`.
  /// - Throws: `StudyIOError.cannotWrite` naming the folder.
  public static func write(_ files: [ReportBuilder.File], to folder: URL) throws {
    let manager = FileManager.default
    let parent = folder.deletingLastPathComponent()
    let token = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    let temporary = parent.appendingPathComponent(".\(folder.lastPathComponent).tmp-\(token)")
    let previous = parent.appendingPathComponent(".\(folder.lastPathComponent).old-\(token)")
    do {
      try manager.createDirectory(at: parent, withIntermediateDirectories: true)
      try manager.createDirectory(at: temporary, withIntermediateDirectories: true)
      for file in files {
        let url = temporary.appendingPathComponent(file.path)
        try manager.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(file.contents.utf8).write(to: url)
      }
      var isDirectory: ObjCBool = false
      if manager.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
        guard isDirectory.boolValue else {
          throw StudyIOError.cannotWrite(folder.path, "a file of that name exists")
        }
        try manager.moveItem(at: folder, to: previous)
      }
      do {
        try manager.moveItem(at: temporary, to: folder)
      } catch {
        if manager.fileExists(atPath: previous.path) {
          try? manager.moveItem(at: previous, to: folder)
        }
        throw error
      }
      try? manager.removeItem(at: previous)
    } catch let error as StudyIOError {
      try? manager.removeItem(at: temporary)
      throw error
    } catch {
      try? manager.removeItem(at: temporary)
      throw StudyIOError.cannotWrite(folder.path, error.localizedDescription)
    }
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

/// Why a report folder was not (or not completely) written.
///
/// Refusals and impossible folders are bad input (exit 2); a report that could not be put in place
/// cleanly is a failed run (exit 1).
public enum OutputFolderError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The folder exists and VETStat may not replace it (foreign files, another study's report
  /// without `--force`, a file of that name).
  case refused(folder: String, reason: String)
  /// The folder or the temporary folder beside it cannot be created (no permission, a file in
  /// the way, a read-only file system, a name too long).
  case cannotCreate(folder: String, reason: String)
  /// Two report files would have the same path; `producers` names who makes each of them.
  case duplicatePath(path: String, producers: [String])
  /// The new report is in place but the previous one, moved aside, could not be removed.
  case previousNotRemoved(folder: String, leftover: String, reason: String)

  /// True when the failure is bad input (exit 2: a refused or impossible folder); otherwise the
  /// run failed (exit 1).
  public var isBadInput: Bool {
    switch self {
    case .refused, .cannotCreate: return true
    case .duplicatePath, .previousNotRemoved: return false
    }
  }

  /// The message.
  public var description: String {
    switch self {
    case .refused(let folder, let reason):
      return "\(folder): refusing to write the report there: \(reason)"
    case .cannotCreate(let folder, let reason):
      return "\(folder): cannot create the report folder: \(reason)"
    case .duplicatePath(let path, let producers):
      let who = producers.isEmpty ? "" : " (by " + producers.joined(separator: " and ") + ")"
      return "\(path): two report files would have this path\(who); nothing was written"
    case .previousNotRemoved(let folder, let leftover, let reason):
      return
        "\(folder): the new report is in place, but the previous one (moved to \(leftover)) "
        + "could not be removed: \(reason); remove \(leftover) yourself"
    }
  }
}

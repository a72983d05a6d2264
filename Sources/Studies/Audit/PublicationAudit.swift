import Foundation

/// The audit the runner runs on a written report before publishing it: the same check as
/// `vetstat audit`, on the temporary folder.
public enum PublicationAudit {
  /// Audits the report in `folder`.
  /// - Throws: ``PublicationRefused`` when a withheld cell can be narrowed below `min_cell`
  ///   from what the report publishes, when it publishes a count (or a share revealing one)
  ///   below `min_cell`, or when the report cannot be audited.
  public static func check(folder: URL) throws {
    let audit: StudyAudit
    do {
      audit = try StudyAudit.run(folder: folder, exactIntervals: false)
    } catch {
      throw PublicationRefused(reason: "the published counts cannot be audited: \(error.message)")
    }
    if let first = audit.exposed.first {
      throw PublicationRefused(
        reason: "\(audit.exposed.count) published count(s) below min_cell \(audit.minCell) "
          + "(\(first.label) = \(Int(first.lower)))")
    }
    guard audit.passed else {
      let failures = audit.cells.filter { !$0.isProtected }
      let list = failures.prefix(5).map(\.label).joined(separator: "; ")
      throw PublicationRefused(
        reason: "\(failures.count) withheld cell(s) could be narrowed to less than "
          + "\(audit.minCell) from what the report publishes (\(list)"
          + (failures.count > 5 ? "; ..." : "") + ")")
    }
  }
}

/// The disclosure audit of a written report failed, so it was not published (exit 1).
public struct PublicationRefused: Error, Sendable, CustomStringConvertible {
  /// Why.
  public let reason: String

  /// A refusal.
  /// - Parameter reason: why the report was not published.
  public init(reason: String) { self.reason = reason }

  /// The message.
  public var description: String {
    "the report was not published: \(reason). This is a fault in VETStat's disclosure control; "
      + "please report it with the spec."
  }
}

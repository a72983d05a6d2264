/// One problem in a study spec: where (key path and line) and what, with a suggestion.
public struct SpecIssue: Sendable, Equatable, CustomStringConvertible {
  /// Key path such as `analyses[1].formula` or `data.types.track`.
  public let keyPath: String
  /// 1-based line in the spec file (in a notebook: in the Markdown file).
  public let line: Int
  /// What is wrong.
  public let message: String

  /// `line N: key.path: message`.
  public var description: String { "line \(line): \(keyPath): \(message)" }
}

/// A study spec that cannot be run: every problem found, each naming its key path and line.
///
/// Exit code 2 (bad input).
public struct SpecError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The spec file.
  public let file: String
  /// The problems, in order of their lines.
  public let issues: [SpecIssue]

  /// Creates an error.
  public init(file: String, issues: [SpecIssue]) {
    self.file = file
    self.issues = issues.sorted { ($0.line, $0.keyPath) < ($1.line, $1.keyPath) }
  }

  /// One line per issue: `file:line: key.path: message`.
  public var description: String {
    issues.map { "\(file):\($0.line): \($0.keyPath): \($0.message)" }.joined(separator: "\n")
  }
}

/// Collects spec problems while a spec is read, so that one run reports all of them.
public final class SpecDiagnostics: @unchecked Sendable {
  /// The problems so far.
  public private(set) var issues: [SpecIssue] = []

  /// Creates an empty collector.
  public init() {}

  /// Records a problem.
  public func report(_ keyPath: String, line: Int, _ message: String) {
    issues.append(SpecIssue(keyPath: keyPath, line: line, message: message))
  }

  /// Records a problem about an unknown name, with the nearest valid name suggested.
  public func unknown(
    _ what: String, name: String, among candidates: [String], keyPath: String, line: Int
  ) {
    var message = "unknown \(what) '\(name)'"
    if let near = nearestName(to: name, among: candidates) {
      message += "; did you mean '\(near)'?"
    } else if !candidates.isEmpty, candidates.count <= 12 {
      message += " (expected one of: \(candidates.joined(separator: ", ")))"
    }
    report(keyPath, line: line, message)
  }

  /// True when nothing was reported.
  public var isEmpty: Bool { issues.isEmpty }
}

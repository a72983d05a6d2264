import Yams

/// A YAML node of a study spec with the line it starts on, converted from Yams' `Node` so that it
/// is `Sendable` and carries a position for every key and value.
public struct SpecNode: Sendable {
  /// A key of a mapping with its line and its value.
  public struct Entry: Sendable {
    /// The key text.
    public let key: String
    /// 1-based line of the key.
    public let line: Int
    /// The value.
    public let value: SpecNode
  }

  /// The node's content.
  public enum Content: Sendable {
    /// A scalar; `quoted` is true for '...' or "..." (never read as a number or boolean).
    case scalar(String, quoted: Bool)
    /// A mapping, keys in written order.
    case mapping([Entry])
    /// A sequence.
    case sequence([SpecNode])
  }

  /// The content.
  public let content: Content
  /// 1-based line where the node starts.
  public let line: Int

  /// Creates a node.
  public init(_ content: Content, line: Int) {
    self.content = content
    self.line = line
  }

  /// Parses YAML text into a node tree.
  /// - Parameters:
  ///   - text: the YAML.
  ///   - file: file name for messages.
  ///   - lineOffset: added to every line (a spec inside a Markdown notebook).
  /// - Returns: the root node, or `nil` for an empty document.
  /// - Throws: `SpecError` naming the line of a syntax error.
  public static func parse(_ text: String, file: String, lineOffset: Int = 0) throws -> SpecNode? {
    let node: Node?
    do {
      node = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw SpecError(file: file, issues: [syntaxIssue(error, lineOffset: lineOffset)])
    }
    guard let node else { return nil }
    return try convert(node, file: file, lineOffset: lineOffset)
  }

  private static func syntaxIssue(_ error: YamlError, lineOffset: Int) -> SpecIssue {
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let text = (context.map { "\($0.text) " } ?? "") + problem
      return SpecIssue(
        keyPath: "(yaml)", line: mark.line + lineOffset, message: "YAML syntax error: \(text)")
    case .duplicatedKeysInMapping(let duplicates, let context):
      return SpecIssue(
        keyPath: "(yaml)", line: context.mark.line + lineOffset,
        message: "duplicate key(s) \(duplicates.joined(separator: ", ")) in one mapping")
    default:
      return SpecIssue(keyPath: "(yaml)", line: 1 + lineOffset, message: "YAML error: \(error)")
    }
  }

  private static func convert(_ node: Node, file: String, lineOffset: Int) throws -> SpecNode {
    let line = (node.mark?.line ?? 0) + lineOffset
    switch node {
    case .scalar(let scalar):
      let quoted =
        scalar.style == .singleQuoted || scalar.style == .doubleQuoted
        || scalar.style == .literal || scalar.style == .folded
      return SpecNode(.scalar(scalar.string, quoted: quoted), line: line)
    case .sequence(let sequence):
      return SpecNode(
        .sequence(try sequence.map { try convert($0, file: file, lineOffset: lineOffset) }),
        line: line)
    case .mapping(let mapping):
      var entries: [Entry] = []
      var seen: [String: Int] = [:]
      for (key, value) in mapping {
        let keyLine = (key.mark?.line ?? 0) + lineOffset
        guard case .scalar(let scalar) = key else {
          throw SpecError(
            file: file,
            issues: [
              SpecIssue(keyPath: "(yaml)", line: keyLine, message: "keys must be plain names")
            ])
        }
        if let first = seen[scalar.string] {
          throw SpecError(
            file: file,
            issues: [
              SpecIssue(
                keyPath: scalar.string, line: keyLine,
                message: "duplicate key '\(scalar.string)' (first given on line \(first))")
            ])
        }
        seen[scalar.string] = keyLine
        entries.append(
          Entry(
            key: scalar.string, line: keyLine,
            value: try convert(value, file: file, lineOffset: lineOffset)))
      }
      return SpecNode(.mapping(entries), line: line)
    case .alias:
      throw SpecError(
        file: file,
        issues: [
          SpecIssue(keyPath: "(yaml)", line: line, message: "YAML aliases are not supported")
        ])
    }
  }

  /// True for an empty or `null`/`~` plain scalar.
  public var isNull: Bool {
    if case .scalar(let text, let quoted) = content, !quoted {
      return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }
    return false
  }

  /// A short description of the node's kind for "expected X, found Y" messages.
  public var kindDescription: String {
    switch content {
    case .scalar(let text, _): return isNull ? "nothing" : "the value '\(text)'"
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    }
  }
}

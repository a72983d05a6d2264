import Yams

/// Converts Yams' node tree into `SpecNode`s with a budget: at most `SpecNode.maximumNodes` nodes
/// (aliases are expanded, so this bounds alias bombs) and `SpecNode.maximumDepth` levels of
/// nesting.
///
/// Refusals name the key path and line where the budget ran out.
struct SpecNodeConverter {
  let file: String
  let lineOffset: Int
  private var nodes = 0

  init(file: String, lineOffset: Int) {
    self.file = file
    self.lineOffset = lineOffset
  }

  /// The node and its children.
  /// - Parameters:
  ///   - node: a Yams node.
  ///   - path: its key path (`analyses[0].formula`), empty for the root.
  ///   - depth: 1 for the root.
  /// - Throws: `SpecError` for non-scalar keys, duplicate keys, and a spent budget.
  /// - Returns: the converted node, carrying its line and key path.
  mutating func convert(_ node: Node, path: String, depth: Int) throws -> SpecNode {
    let line = (node.mark?.line ?? 0) + lineOffset
    nodes += 1
    if nodes > SpecNode.maximumNodes {
      throw refusal(
        path, line: line,
        "the spec expands to more than \(SpecNode.maximumNodes) YAML nodes (are aliases "
          + "repeated inside aliases?)")
    }
    if depth > SpecNode.maximumDepth {
      throw refusal(path, line: line, "the spec nests deeper than \(SpecNode.maximumDepth) levels")
    }
    switch node {
    case .scalar(let scalar):
      let quoted =
        scalar.style == .singleQuoted || scalar.style == .doubleQuoted
        || scalar.style == .literal || scalar.style == .folded
      return SpecNode(.scalar(scalar.string, quoted: quoted), line: line)
    case .sequence(let sequence):
      var items: [SpecNode] = []
      for (i, item) in sequence.enumerated() {
        items.append(try convert(item, path: "\(path)[\(i)]", depth: depth + 1))
      }
      return SpecNode(.sequence(items), line: line)
    case .mapping(let mapping):
      var entries: [SpecNode.Entry] = []
      var seen: [String: Int] = [:]
      for (key, value) in mapping {
        let keyLine = (key.mark?.line ?? 0) + lineOffset
        guard case .scalar(let scalar) = key else {
          throw refusal("(yaml)", line: keyLine, "keys must be plain names")
        }
        if let first = seen[scalar.string] {
          throw refusal(
            scalar.string, line: keyLine,
            "duplicate key '\(scalar.string)' (first given on line \(first))")
        }
        seen[scalar.string] = keyLine
        let childPath = path.isEmpty ? scalar.string : "\(path).\(scalar.string)"
        entries.append(
          SpecNode.Entry(
            key: scalar.string, line: keyLine,
            value: try convert(value, path: childPath, depth: depth + 1)))
      }
      return SpecNode(.mapping(entries), line: line)
    case .alias:
      throw refusal(path.isEmpty ? "(yaml)" : path, line: line, "YAML aliases are not supported")
    }
  }

  private func refusal(_ path: String, line: Int, _ message: String) -> SpecError {
    SpecError(
      file: file,
      issues: [SpecIssue(keyPath: path.isEmpty ? "(yaml)" : path, line: line, message: message)])
  }
}

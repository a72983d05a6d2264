import Foundation
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

  /// Most nodes a spec may expand to.
  ///
  /// YAML aliases share one node in the text but are copied here, so eight levels of nine aliases
  /// would make 43 million nodes from 420 bytes; real specs have a few hundred.
  public static let maximumNodes = 100_000
  /// Deepest nesting of mappings and lists accepted (specs nest about five levels).
  public static let maximumDepth = 256

  /// Parses YAML text into a node tree.
  /// - Parameters:
  ///   - text: the YAML.
  ///   - file: file name for messages.
  ///   - lineOffset: added to every line (a spec inside a Markdown notebook).
  /// - Returns: the root node, or `nil` for an empty document.
  /// - Throws: `SpecError` naming the line of a syntax error, of a key that is not a plain name
  ///   in a document with anchors (`SpecKeyScan`), or the key path and line where the document
  ///   passes `maximumNodes` nodes (alias expansion) or `maximumDepth` levels.
  public static func parse(_ text: String, file: String, lineOffset: Int = 0) throws -> SpecNode? {
    if let issue = SpecKeyScan.issue(text, lineOffset: lineOffset) {
      throw SpecError(file: file, issues: [issue])
    }
    let node: Node?
    do {
      node = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw SpecError(file: file, issues: [syntaxIssue(error, lineOffset: lineOffset)])
    }
    guard let node else { return nil }
    var converter = SpecNodeConverter(file: file, lineOffset: lineOffset)
    return try converter.convert(node, path: "", depth: 1)
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
    case .reader(let problem, let offset, let value, let yaml):
      // The reader (encoding, control characters) reports a character offset: count the lines.
      let line = offset.map { lineNumber(ofCharacter: $0, in: yaml) } ?? 1
      let character =
        value >= 0 && value < 0x11_0000
        ? String(format: " (character U+%04X)", value) : ""
      return SpecIssue(
        keyPath: "(yaml)", line: line + lineOffset, message: "YAML error: \(problem)\(character)")
    default:
      return SpecIssue(keyPath: "(yaml)", line: 1 + lineOffset, message: "YAML error: \(error)")
    }
  }

  /// 1-based line of the character at `offset` (a count of `Character`s from the start).
  static func lineNumber(ofCharacter offset: Int, in text: String) -> Int {
    var line = 1
    for (k, character) in text.enumerated() {
      if k >= offset { break }
      if character.isNewline { line += 1 }
    }
    return line
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

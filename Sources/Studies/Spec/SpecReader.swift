import DataTable

/// The nearest valid name to a misspelt one (`NameSuggestion.nearest`).
func nearestName(to name: String, among candidates: [String]) -> String? {
  NameSuggestion.nearest(to: name, among: candidates)
}

/// Reads one mapping of a spec: checks its keys against the allowed ones (unknown keys are reported
/// with the nearest valid key), and reads typed values, reporting wrong types with the key path and
/// line.
///
/// Accessors return `nil` after reporting, so reading goes on and every problem is found in one
/// pass.
public struct SpecReader: Sendable {
  /// Key path of the mapping (empty at the root).
  public let path: String
  /// Line of the mapping.
  public let line: Int
  /// Entries of the mapping.
  public let entries: [SpecNode.Entry]
  let diagnostics: SpecDiagnostics

  /// Opens `node` as a mapping whose keys must be among `allowed`.
  /// - Returns: `nil` (after reporting) when the node is not a mapping.
  public init?(
    _ node: SpecNode, path: String, allowed: [String], diagnostics: SpecDiagnostics
  ) {
    guard case .mapping(let entries) = node.content else {
      diagnostics.report(
        path.isEmpty ? "(root)" : path, line: node.line,
        "expected a mapping of keys, found \(node.kindDescription)")
      return nil
    }
    self.path = path
    self.line = node.line
    self.entries = entries
    self.diagnostics = diagnostics
    for entry in entries where !allowed.contains(entry.key) {
      diagnostics.unknown(
        "key", name: entry.key, among: allowed, keyPath: child(entry.key), line: entry.line)
    }
  }

  /// The key path of a child key.
  public func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  /// The entry for `key`, if present.
  public func entry(_ key: String) -> SpecNode.Entry? { entries.first { $0.key == key } }

  /// The value node of `key`; reports a missing required key.
  public func node(_ key: String, required: Bool = false) -> SpecNode? {
    if let entry = entry(key), !entry.value.isNull { return entry.value }
    if required {
      diagnostics.report(child(key), line: line, "the key '\(key)' is required")
    }
    return nil
  }

  /// The line of `key` (or of the mapping when absent).
  public func line(of key: String) -> Int { entry(key)?.line ?? line }

  /// A text value.
  public func string(_ key: String, required: Bool = false) -> String? {
    scalar(key, required: required, expected: "text") { text, _ in text }
  }

  /// An integer value.
  public func int(_ key: String, required: Bool = false) -> Int? {
    scalar(key, required: required, expected: "a whole number") { text, quoted in
      quoted ? nil : Int(text)
    }
  }

  /// A number value.
  public func double(_ key: String, required: Bool = false) -> Double? {
    scalar(key, required: required, expected: "a number") { text, quoted in
      guard !quoted, let value = Double(text), value.isFinite else { return nil }
      return value
    }
  }

  /// A boolean value (`true`/`false`, `yes`/`no`).
  public func bool(_ key: String) -> Bool? {
    scalar(key, required: false, expected: "true or false") { text, quoted in
      guard !quoted else { return nil }
      switch text.lowercased() {
      case "true", "yes", "on": return true
      case "false", "no", "off": return false
      default: return nil
      }
    }
  }

  /// A scalar value as `convert` reads it; what was expected is reported when the value is not a
  /// scalar or `convert` refuses it.
  /// - Parameters:
  ///   - key: the key.
  ///   - required: whether a missing key is reported.
  ///   - expected: what the value should be, after "expected" in the message.
  ///   - convert: reads the scalar's text (and whether it was quoted), `nil` to refuse it.
  /// - Returns: the converted value, or `nil` when absent or after reporting.
  private func scalar<T>(
    _ key: String, required: Bool, expected: String,
    _ convert: (_ text: String, _ quoted: Bool) -> T?
  ) -> T? {
    guard let node = node(key, required: required) else { return nil }
    if case .scalar(let text, let quoted) = node.content, let value = convert(text, quoted) {
      return value
    }
    diagnostics.report(
      child(key), line: node.line, "expected \(expected), found \(node.kindDescription)")
    return nil
  }

  /// A list of names: a sequence of scalars, or one scalar (a list of one).
  public func names(_ key: String, required: Bool = false) -> [(name: String, line: Int)]? {
    guard let node = node(key, required: required) else { return nil }
    switch node.content {
    case .scalar(let text, _): return [(text, node.line)]
    case .sequence(let items):
      var out: [(name: String, line: Int)] = []
      for (i, item) in items.enumerated() {
        guard case .scalar(let text, _) = item.content else {
          diagnostics.report(
            "\(child(key))[\(i)]", line: item.line, "expected a name, found \(item.kindDescription)"
          )
          return nil
        }
        out.append((text, item.line))
      }
      return out
    case .mapping:
      diagnostics.report(
        child(key), line: node.line, "expected a name or a list of names, found a mapping")
      return nil
    }
  }

  /// A nested mapping reader for `key`.
  public func mapping(_ key: String, allowed: [String], required: Bool = false) -> SpecReader? {
    guard let node = node(key, required: required) else { return nil }
    return SpecReader(node, path: child(key), allowed: allowed, diagnostics: diagnostics)
  }
}

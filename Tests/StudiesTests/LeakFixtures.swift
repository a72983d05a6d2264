import Foundation

/// The identifier-leak specs of issue 13 (Tests/Fixtures/specs/leaks): each refused spec names
/// the key path, line and reason it must be refused with in its first two lines.
enum LeakFixtures {
  static let folder = StudyFixtures.root.appendingPathComponent("Tests/Fixtures/specs/leaks")

  /// Specs that `validate` must refuse (every spec but allowed.yaml).
  static var refusedSpecs: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".yaml") && $0 != "allowed.yaml" }.sorted()
  }

  /// `# expect: KEY line N` and `# reason: TEXT` of a refused spec.
  static func expectation(_ name: String) throws -> (keyPath: String, line: Int, reason: String) {
    let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    let lines = text.split(separator: "\n").map(String.init)
    let parts = lines[0].replacingOccurrences(of: "# expect: ", with: "").components(
      separatedBy: " line ")
    let reason = lines[1].replacingOccurrences(of: "# reason: ", with: "")
    return (parts[0], Int(parts.count > 1 ? parts[1] : "") ?? -1, reason)
  }

  /// Every learner identifier value of the data: the ids and the "P" + id codes.
  static func learnerTokens() throws -> Set<String> {
    let text = try String(
      contentsOf: folder.appendingPathComponent("learners.csv"), encoding: .utf8)
    var out = Set<String>()
    for line in text.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      out.insert(fields[0])
      out.insert(fields[8])
      out.insert(fields[9])
    }
    return out
  }

  /// Files under `folder` that hold a learner identifier value as a whole token.
  static func leakingFiles(under folder: URL) throws -> [String] {
    let ids = try learnerTokens()
    var out: [String] = []
    for (path, text) in try StudyFixtures.texts(under: folder) {
      let tokens = Set(text.components(separatedBy: CharacterSet.alphanumerics.inverted))
      let found = tokens.intersection(ids)
      if !found.isEmpty { out.append("\(path): \(found.sorted().prefix(3))") }
    }
    return out
  }
}

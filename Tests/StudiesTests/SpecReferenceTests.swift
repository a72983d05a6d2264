import Foundation
import Testing

@testable import Studies

/// The spec reference (`Studies.docc/SpecReference.md`) is complete and true: every kind has a
/// section, every key of a kind is documented in it, and every example runs.
@Suite struct SpecReferenceTests {
  /// One `### kind:` section: its kind names, its text and its YAML examples.
  struct Section {
    let kinds: [String]
    var text = ""
    var examples: [String] = []
  }

  static let path = StudyFixtures.root.appendingPathComponent(
    "Sources/Studies/Studies.docc/SpecReference.md"
  ).path

  /// The spec every example runs in, and the sections.
  static func read() throws -> (prelude: String, sections: [Section]) {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var prelude: String?
    var sections: [Section] = []
    var block: [String]?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if line.hasPrefix("### kind: ") {
        let names = line.dropFirst("### kind: ".count).split(separator: ",")
        sections.append(Section(kinds: names.map { $0.trimmingCharacters(in: .whitespaces) }))
        continue
      }
      if line == "```yaml" {
        block = []
        continue
      }
      if line == "```", let lines = block {
        let yaml = lines.joined(separator: "\n")
        if sections.isEmpty {
          prelude = prelude ?? yaml
        } else {
          sections[sections.count - 1].examples.append(yaml)
        }
        block = nil
        continue
      }
      if block != nil {
        block?.append(line)
      } else if !sections.isEmpty {
        sections[sections.count - 1].text += line + "\n"
      }
    }
    return (try #require(prelude), sections)
  }

  @Test func everyKindAndEveryKeyIsDocumented() throws {
    let (_, sections) = try Self.read()
    for kind in AnalysisRegistry.kinds {
      for name in kind.kindNames {
        let section = sections.first { $0.kinds.contains(name) }
        #expect(section != nil, "kind \(name) has no section in SpecReference.md")
        guard let section else { continue }
        #expect(!section.examples.isEmpty, "kind \(name) has no example")
        for key in kind.keys {
          #expect(section.text.contains("`\(key)`"), "key \(key) of kind \(name) is undocumented")
        }
      }
    }
  }

  @Test func everyExampleRuns() throws {
    let (prelude, sections) = try Self.read()
    let datasets = StudyFixtures.root.appendingPathComponent("datasets").path
    for section in sections {
      for example in section.examples {
        let indented = example.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
        let spec =
          prelude
          .replacingOccurrences(of: "../datasets", with: datasets)
          .replacingOccurrences(
            of: "analyses: []        # each example below goes here",
            with: "analyses:\n" + indented)
        #expect(spec.contains(indented), "the prelude lost its analyses line")
        let made = try StudyFixtures.make(spec: spec, files: [:])
        do {
          let run = try Study.run(
            spec: made.spec, out: made.folder.appendingPathComponent("out").path)
          #expect(
            FileManager.default.fileExists(
              atPath: run.folder.appendingPathComponent("results.json").path))
        } catch {
          Issue.record("example of \(section.kinds.joined(separator: ", ")) failed: \(error)")
        }
      }
    }
  }
}

import Foundation
import TestSupport
import Testing

/// Every example printed by `vetstat --help` and each subcommand's `--help` runs as printed, from
/// a copy of the repository's datasets/ and notebooks-md/ (so the examples that write files
/// write into the copy), and exits 0.
@Suite(.serialized) struct HelpExampleTests {
  static let root = Repository.root

  /// The subcommands in an order where each example finds what an earlier one wrote (`audit`
  /// reads the folder a `run` example made).
  static func commands() throws -> [[String]] {
    let help = try CLIRunner.run(["--help"]).stdout
    guard let section = help.components(separatedBy: "SUBCOMMANDS:").last else { return [[]] }
    let names = section.split(separator: "\n").compactMap { line -> String? in
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      guard line.hasPrefix("  "), let first = trimmed.split(separator: " ").first else {
        return nil
      }
      return String(first)
    }.filter { $0 != "help" && $0 != "audit" }
    return [[]] + names.map { [$0] } + [["audit"]]
  }

  /// The example command lines of a help text: the `vetstat ...` lines after an `Example`
  /// heading, continuation lines (ending in a backslash) joined.
  static func examples(in help: String) -> [String] {
    var out: [String] = []
    var inExamples = false
    var pending: String?
    for raw in help.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("Example") {
        inExamples = true
        continue
      }
      guard inExamples else { continue }
      if let current = pending {
        let joined = current + " " + line
        if joined.hasSuffix("\\") {
          pending = String(joined.dropLast()).trimmingCharacters(in: .whitespaces)
        } else {
          out.append(joined)
          pending = nil
        }
        continue
      }
      if line.hasPrefix("vetstat ") {
        if line.hasSuffix("\\") {
          pending = String(line.dropLast()).trimmingCharacters(in: .whitespaces)
        } else {
          out.append(line)
        }
      } else if line.isEmpty || line.hasPrefix("USAGE") {
        inExamples = false
      }
    }
    return out
  }

  /// Splits a command line as a POSIX shell would for plain and double-quoted words.
  static func words(_ line: String) -> [String] {
    var words: [String] = []
    var current = ""
    var quoted = false
    var inWord = false
    for character in line {
      if character == "\"" {
        quoted.toggle()
        inWord = true
      } else if character == " ", !quoted {
        if inWord { words.append(current) }
        current = ""
        inWord = false
      } else {
        current.append(character)
        inWord = true
      }
    }
    if inWord { words.append(current) }
    return words
  }

  @Test func examplesAreFound() throws {
    let fit = try CLIRunner.run(["fit", "--help"]).stdout
    let lines = Self.examples(in: fit)
    #expect(lines.count >= 5)
    #expect(lines.allSatisfy { $0.hasPrefix("vetstat fit ") && !$0.contains("\\") })
    #expect(
      Self.words(#"vetstat fit a.csv --formula "y ~ x + z" --json"#)
        == ["vetstat", "fit", "a.csv", "--formula", "y ~ x + z", "--json"])
  }

  @Test func everyHelpExampleRunsAsPrinted() throws {
    let work = try CLIRunner.temporaryDirectory()
    for folder in ["datasets", "notebooks-md"] {
      try FileManager.default.copyItem(
        at: Self.root.appendingPathComponent(folder), to: work.appendingPathComponent(folder))
    }
    var count = 0
    for command in try Self.commands() {
      let help = try CLIRunner.run(command + ["--help"]).stdout
      // Written to fit 80 columns, so that the help is wrapped once, as written.
      let discussion = help.components(separatedBy: "USAGE:")[0]
      for line in discussion.split(separator: "\n") where line.count > 80 {
        Issue.record("vetstat \(command.joined()) --help: line over 80 columns: \(line)")
      }
      for line in Self.examples(in: help) {
        let arguments = Array(Self.words(line).dropFirst())
        let result = try CLIRunner.run(arguments, in: work)
        #expect(result.status == 0, "\(line)\n\(result.stderr.prefix(600))")
        count += 1
      }
    }
    #expect(count >= 20)
  }
}
